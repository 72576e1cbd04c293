package io.perceptron.dsl.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.GsonBuilder;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import tech.tablesaw.api.Table;

/**
 * Where a DSL training epoch spends its time: trains the moons MLP and the small CNN of
 * {@link TrainingBenchmark} under Java Flight Recorder and sorts the samples by the step of the training loop they fell
 * in (forward pass, loss, backward pass, optimizer update, metrics, ...), and by the method on top
 * (a LibTorch call through JNI, or Java). A main program, not a test; {@code install/bench.sh}
 * runs it and puts the split into BENCHMARKS.md next to the same split measured in PyTorch.
 *
 * <p>JFR samples Java threads every 10 ms ({@code jdk.ExecutionSample}) and threads inside native
 * code every 20 ms ({@code jdk.NativeMethodSample}); each native sample is counted twice so both
 * kinds weigh the same wall time.
 *
 * <pre>
 * cd dsl &amp;&amp; OPT_OUT_TRACKING=true java -Dai.djl.offline=true \
 *     -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) io.perceptron.dsl.bench.TrainingProfile [epochs] [threads] [output.json]
 * </pre>
 */
public final class TrainingProfile {
    private static final int WARMUP_EPOCHS = 6;
    private static final String LOOP = "io.perceptron.dsl.training.TrainingLoop";
    /** Native samples come every 20 ms, Java ones every 10 ms (the periods set below). */
    private static final int NATIVE_WEIGHT = 2;

    private TrainingProfile() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path output = args.length > 2 ? Path.of(args[2]) : null;
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        Table moons = Datasets.moons(10_000, 0.2, 42);
        Model mlp = Model.sequential().input(2).dense(64).relu().dense(64).relu().dense(2);
        Examples images = Datasets.dogsVsConesImages(2_000, 28, 7);
        Model cnn = Model.sequential().input(1, 28, 28)
                .conv2d(8, 3).relu().maxPool(2)
                .conv2d(16, 3).relu().maxPool(2)
                .flatten().dense(32).relu().dense(2);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mlp", profile("moons MLP", epochs, threads,
                n -> mlp.fit(moons).label("label").epochs(n).batchSize(64).threads(threads).quiet().train()));
        // Fewer CNN epochs: each is a few times longer than the MLP's.
        result.put("cnn", profile("small CNN", Math.max(1, epochs / 3), threads,
                n -> cnn.fit(images).epochs(n).batchSize(64).threads(threads).quiet().train()));
        if (output != null) {
            Files.writeString(output, new GsonBuilder().setPrettyPrinting().create().toJson(result));
        }
    }

    /** Trains {@code epochs} epochs (after a warm-up) under a recording and sorts its samples. */
    private static Map<String, Object> profile(String name, int epochs, int threads, IntConsumer train) throws Exception {
        train.accept(WARMUP_EPOCHS);
        Path file = Files.createTempFile("perceptron-profile", ".jfr");
        long elapsed;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.enable("jdk.NativeMethodSample").withPeriod(java.time.Duration.ofMillis(20));
            recording.start();
            long started = System.nanoTime();
            train.accept(epochs);
            elapsed = System.nanoTime() - started;
            recording.stop();
            recording.dump(file);
        }

        Map<String, Integer> steps = new TreeMap<>();
        Map<String, Integer> topNative = new TreeMap<>();
        Map<String, Integer> topJava = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStackTrace() == null || !event.getThread("sampledThread").getJavaName().equals("main")) {
                continue;
            }
            boolean inNative = event.getEventType().getName().equals("jdk.NativeMethodSample");
            int weight = inNative ? NATIVE_WEIGHT : 1;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            total += weight;
            steps.merge(step(frames), weight, Integer::sum);
            String top = frames.isEmpty() ? "?" : name(frames.get(0));
            (inNative ? topNative : topJava).merge(top, weight, Integer::sum);
        }
        Files.delete(file);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("epochs", epochs);
        result.put("threads", threads);
        result.put("msPerEpoch", elapsed / 1e6 / epochs);
        result.put("samples", total);
        result.put("steps", sorted(steps));
        result.put("topNative", sorted(topNative));
        result.put("topJava", sorted(topJava));
        System.out.printf(Locale.ROOT, "DSL %s epoch %.1f ms; %d samples by training step:%n", name,
                elapsed / 1e6 / epochs, total);
        for (Map.Entry<String, Integer> entry : sorted(steps).entrySet()) {
            System.out.printf(Locale.ROOT, "  %5.1f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey());
        }
        return result;
    }

    /**
     * The step of the training loop a stack is in: the method that {@code trainBatch} (one
     * batch) or {@code run} (the epoch around it) was calling, the youngest such frame.
     */
    static String step(List<RecordedFrame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            RecordedFrame frame = frames.get(i);
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            if (type.equals(LOOP) && method.equals("trainBatch")) {
                return "batch: " + name(frames.get(i - 1));
            }
            if (type.equals(LOOP) && method.equals("run")) {
                return "epoch: " + name(frames.get(i - 1));
            }
        }
        return "outside the training loop";
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
