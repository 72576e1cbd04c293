package io.perceptron.dsl.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.google.gson.GsonBuilder;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.model.Model;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * Times one training epoch through the DSL against the same model written directly on DJL's
 * {@link Trainer} with {@link EasyTrain}, in the same process, runs alternating, and prints the
 * medians and the DSL/DJL ratio. A main program, not a test: timings depend on the machine.
 *
 * <p>Two DJL baselines: "bare" (the Trainer with its loss and no listeners, so it computes no
 * metric at all) and "with accuracy" (DJL's basic listeners and an Accuracy evaluator, which
 * is what the DSL measures every epoch). Both sides run with the same engine thread count.
 *
 * <p>Given an output folder, it also writes there the exact data it trained on (little-endian
 * float32 files described by {@code data.json}), so that {@code dsl/src/test/python/bench_torch.py}
 * trains PyTorch on the same points and images, and every measured epoch time as
 * {@code training-djl.json}. {@code install/bench.sh} runs both and writes the report.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -o -q -pl dsl test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * cd dsl &amp;&amp; OPT_OUT_TRACKING=true java -Dai.djl.offline=true \
 *     -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) io.perceptron.dsl.bench.TrainingBenchmark [rounds] [threads] [output folder]
 * </pre>
 * Arguments: measured rounds per case (default 25), engine threads (default 1), and the folder
 * for the data and results (default: none, print only).
 */
public final class TrainingBenchmark {
    private static final int WARMUP_ROUNDS = 3;
    private static final int MOONS_POINTS = 10_000;
    private static final int MOONS_BATCH = 64;
    private static final int IMAGES = 2_000;
    private static final int IMAGE_SIZE = 28;
    private static final int IMAGE_BATCH = 64;
    /** Adam's learning rate on every side: the DSL's default, set explicitly for DJL and PyTorch. */
    static final double LEARNING_RATE = 0.001;

    private TrainingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path output = args.length > 2 ? Path.of(args[2]) : null;
        Engine engine = Engine.getInstance(); // loads the native library before its thread count can be set
        JniUtils.setNumThreads(threads);
        System.out.printf(Locale.ROOT, "engine threads %d, %d warm-up + %d measured rounds per case, %s%n", threads,
                WARMUP_ROUNDS, rounds, Runtime.version());

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("threads", threads);
        results.put("warmupRounds", WARMUP_ROUNDS);
        results.put("rounds", rounds);
        results.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        results.put("djl", Engine.getDjlVersion());
        results.put("engine", engine.getEngineName() + " " + engine.getVersion());
        List<Map<String, Object>> cases = new ArrayList<>();
        results.put("cases", cases);
        Map<String, Object> data = new LinkedHashMap<>();

        Table moons = Datasets.moons(MOONS_POINTS, 0.2, 42);
        float[] moonsFeatures = pointFeatures(moons);
        float[] moonsLabels = toFloats(moons.intColumn("label").asDoubleArray());
        Model mlp = Model.sequential().input(2).dense(64).relu().dense(64).relu().dense(2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = manager.create(moonsFeatures, new Shape(MOONS_POINTS, 2));
            NDArray y = manager.create(moonsLabels, new Shape(MOONS_POINTS));
            cases.add(compare("mlp", "moons MLP 2-64-64-2, 10k points, batch 64", rounds, threads,
                    () -> mlp.fit(moons).label("label").epochs(1).batchSize(MOONS_BATCH).threads(threads).quiet().train(),
                    djlRunner(djlMlp(), new Shape(1, 2), x, y, MOONS_BATCH, false),
                    djlRunner(djlMlp(), new Shape(1, 2), x, y, MOONS_BATCH, true)));
        }
        data.put("mlp", dataset(output, "moons", moonsFeatures, new long[] {MOONS_POINTS, 2}, moonsLabels, MOONS_BATCH));

        Examples images = Datasets.dogsVsConesImages(IMAGES, IMAGE_SIZE, 7);
        Model cnn = Model.sequential().input(1, IMAGE_SIZE, IMAGE_SIZE)
                .conv2d(8, 3).relu().maxPool(2)
                .conv2d(16, 3).relu().maxPool(2)
                .flatten().dense(32).relu().dense(2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = manager.create(images.features(), new Shape(IMAGES, 1, IMAGE_SIZE, IMAGE_SIZE));
            NDArray y = manager.create(images.labels(), new Shape(IMAGES));
            cases.add(compare("cnn", "small CNN on 2000 images 1x28x28, batch 64", rounds, threads,
                    () -> cnn.fit(images).epochs(1).batchSize(IMAGE_BATCH).threads(threads).quiet().train(),
                    djlRunner(djlCnn(), new Shape(1, 1, IMAGE_SIZE, IMAGE_SIZE), x, y, IMAGE_BATCH, false),
                    djlRunner(djlCnn(), new Shape(1, 1, IMAGE_SIZE, IMAGE_SIZE), x, y, IMAGE_BATCH, true)));
        }
        data.put("cnn", dataset(output, "images", images.features(), new long[] {IMAGES, 1, IMAGE_SIZE, IMAGE_SIZE},
                images.labels(), IMAGE_BATCH));

        if (output != null) {
            data.put("learningRate", LEARNING_RATE);
            write(output.resolve("data.json"), data);
            write(output.resolve("training-djl.json"), results);
        }
    }

    /** The DSL's MLP written with DJL blocks: dense 64, relu, dense 64, relu, dense 2. */
    private static SequentialBlock djlMlp() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build());
    }

    /** The DSL's CNN written with DJL blocks: conv 8x3x3, relu, max-pool 2, conv 16x3x3, relu, max-pool 2, dense 32, dense 2. */
    private static SequentialBlock djlCnn() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(16).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(32).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(2).build());
    }

    /** One DJL epoch per call, on one Trainer kept across calls (as a DJL user training epoch by epoch would). */
    private static Runnable djlRunner(ai.djl.nn.Block block, Shape inputShape, NDArray x, NDArray y, int batch,
                                      boolean withAccuracy) {
        ai.djl.Model model = ai.djl.Model.newInstance(withAccuracy ? "djl-accuracy" : "djl-bare", Device.cpu());
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) LEARNING_RATE)).build())
                .optDevices(new Device[] {Device.cpu()});
        if (withAccuracy) {
            config.addEvaluator(new Accuracy()).addTrainingListeners(TrainingListener.Defaults.basic());
        }
        Trainer trainer = model.newTrainer(config);
        trainer.initialize(inputShape);
        ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(batch, true).build();
        return () -> {
            try {
                EasyTrain.fit(trainer, 1, dataset, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Map<String, Object> compare(String key, String name, int rounds, int threads, Supplier<?> dsl,
                                               Runnable djlBare, Runnable djlAccuracy) {
        List<Double> dslTimes = new ArrayList<>();
        List<Double> bareTimes = new ArrayList<>();
        List<Double> accuracyTimes = new ArrayList<>();
        for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
            boolean measured = round >= WARMUP_ROUNDS;
            // Rotate the order so that no side always runs first (warm caches, GC debt).
            for (int slot = 0; slot < 3; slot++) {
                int which = (round + slot) % 3;
                long start = System.nanoTime();
                switch (which) {
                    case 0 -> dsl.get();
                    case 1 -> djlBare.run();
                    default -> djlAccuracy.run();
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (measured) {
                    (which == 0 ? dslTimes : which == 1 ? bareTimes : accuracyTimes).add(ms);
                }
            }
            // The DSL resets the engine threads after each run; keep the DJL side on the same count.
            JniUtils.setNumThreads(threads);
        }
        double dslMedian = median(dslTimes);
        double bareMedian = median(bareTimes);
        double accuracyMedian = median(accuracyTimes);
        System.out.printf(Locale.ROOT, "%n%s%n", name);
        System.out.printf(Locale.ROOT, "  DSL model.fit(...).epochs(1).train()      median %8.1f ms%n", dslMedian);
        System.out.printf(Locale.ROOT, "  DJL Trainer + EasyTrain, bare             median %8.1f ms   DSL/DJL %.3f%n",
                bareMedian, dslMedian / bareMedian);
        System.out.printf(Locale.ROOT, "  DJL Trainer + EasyTrain, with accuracy    median %8.1f ms   DSL/DJL %.3f%n",
                accuracyMedian, dslMedian / accuracyMedian);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("key", key);
        result.put("name", name);
        result.put("dslMs", dslTimes);
        result.put("djlBareMs", bareTimes);
        result.put("djlAccuracyMs", accuracyTimes);
        return result;
    }

    /** Writes one data set for the PyTorch side (when there is an output folder) and returns its description. */
    private static Map<String, Object> dataset(Path output, String name, float[] features, long[] featureShape,
                                               float[] labels, int batch) throws IOException {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("features", name + "-features.f32");
        description.put("featureShape", featureShape);
        description.put("labels", name + "-labels.f32");
        description.put("batchSize", batch);
        if (output != null) {
            writeFloats(output.resolve(name + "-features.f32"), features);
            writeFloats(output.resolve(name + "-labels.f32"), labels);
        }
        return description;
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.createDirectories(file.getParent());
        Files.write(file, buffer.array());
    }

    private static void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(value));
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static float[] pointFeatures(Table points) {
        float[] features = new float[points.rowCount() * 2];
        for (int r = 0; r < points.rowCount(); r++) {
            features[2 * r] = (float) points.doubleColumn("x1").getDouble(r);
            features[2 * r + 1] = (float) points.doubleColumn("x2").getDouble(r);
        }
        return features;
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
