package io.perceptron.dsl.bench;

import ai.djl.engine.Engine;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.display.Display;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.training.LiveTrainingPlot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.api.Table;

/**
 * What the live training display costs: the same training with and without a
 * {@link LiveTrainingPlot}, alternating in one process, medians of the rounds. Not a test.
 *
 * <p>The display goes to a sink that does what a kernel does with a bundle before the socket: it
 * encodes every MIME value to UTF-8 bytes. The goal (issue 6) is a ratio of at most 1.03.
 *
 * <pre>
 * mvn -o -q -pl dsl test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * cd dsl &amp;&amp; OPT_OUT_TRACKING=true java -Dai.djl.offline=true \
 *     -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) io.perceptron.dsl.bench.LiveDisplayBenchmark [rounds] [epochs]
 * </pre>
 */
public final class LiveDisplayBenchmark {
    private static final int WARMUP_ROUNDS = 2;

    private LiveDisplayBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Engine.getInstance();
        AtomicLong bytes = new AtomicLong();
        AtomicLong updates = new AtomicLong();
        Display.install((bundle, displayId, update) -> {
            for (Map.Entry<String, String> entry : bundle.entrySet()) {
                bytes.addAndGet(entry.getValue().getBytes(StandardCharsets.UTF_8).length);
            }
            updates.incrementAndGet();
        });

        Table moons = Datasets.moons(10_000, 0.2, 42);
        List<Double> quiet = new ArrayList<>();
        List<Double> live = new ArrayList<>();
        for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
            for (int slot = 0; slot < 2; slot++) {
                boolean withPlot = (round + slot) % 2 == 0;
                Model model = Model.sequential().input(2).dense(64).relu().dense(64).relu().dense(2);
                long start = System.nanoTime();
                var fit = model.fit(moons).label("label").epochs(epochs).batchSize(64).validationSplit(0.2).seed(round);
                (withPlot ? fit.listener(new LiveTrainingPlot()).quiet() : fit.quiet()).train();
                double seconds = (System.nanoTime() - start) / 1e9;
                model.close();
                if (round >= WARMUP_ROUNDS) {
                    (withPlot ? live : quiet).add(seconds);
                }
            }
        }
        double withoutPlot = TrainingBenchmark.median(quiet);
        double withPlot = TrainingBenchmark.median(live);
        System.out.printf(Locale.ROOT, "moons MLP 2-64-64-2, 10k points, batch 64, %d epochs, %d rounds%n", epochs, rounds);
        System.out.printf(Locale.ROOT, "  without live display  median %.3f s%n", withoutPlot);
        System.out.printf(Locale.ROOT, "  with live display     median %.3f s   ratio %.3f%n", withPlot, withPlot / withoutPlot);
        System.out.printf(Locale.ROOT, "  display messages %d (%.1f per run), %.1f MB in all%n", updates.get(),
                updates.get() / (double) (WARMUP_ROUNDS + rounds), bytes.get() / 1e6);
        Display.install(null);
    }
}
