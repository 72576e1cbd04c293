package io.perceptron.dsl.bench;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.training.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Trains the moons example of the README for 200 epochs and prints the process's resident memory
 * (VmRSS from /proc/self/status), the JVM's committed heap and the number of open NDArrays
 * under the model's manager at epochs 1, 50, 100, 150 and 200 (or at quarters of the epochs
 * given as the argument). Flat numbers mean every batch frees what it made. A main
 * program, not a test: resident memory depends on the machine and the allocator.
 *
 * <p>Run from the repository root (Linux only):
 * <pre>
 * mvn -o -q -pl dsl test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * cd dsl &amp;&amp; OPT_OUT_TRACKING=true java -Dai.djl.offline=true \
 *     -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) io.perceptron.dsl.bench.MemoryCheck [epochs]
 * </pre>
 * Add {@code -Xms96m -Xmx96m -XX:+AlwaysPreTouch} to the {@code java} command to fix the Java heap
 * and touch it up front, so that only native memory can move the numbers; otherwise the JVM
 * growing its heap shows up as resident memory too.
 */
public final class MemoryCheck {
    private static final int DEFAULT_EPOCHS = 200;

    private MemoryCheck() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_EPOCHS;
        Set<Integer> reported = Set.of(1, epochs / 4, epochs / 2, 3 * epochs / 4, epochs);
        Table data = Datasets.moons(1000, 0.2, 42);
        Model model = Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2);
        System.out.printf(Locale.ROOT, "%-6s %12s %16s %12s%n", "epoch", "VmRSS (MB)", "JVM heap (MB)", "open arrays");
        model.fit(data).label("label").epochs(epochs).batchSize(32).validationSplit(0.2).seed(42).quiet()
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(Epoch epoch) {
                        if (reported.contains(epoch.epoch())) {
                            int open = model.djl().getNDManager().getManagedArrays().size();
                            System.out.printf(Locale.ROOT, "%-6d %12.1f %16.1f %12d%n", epoch.epoch(), residentMegabytes(),
                                    heapMegabytes(), open);
                        }
                    }
                })
                .train();
        System.out.printf(Locale.ROOT, "after training: %.1f MB, %d open arrays%n", residentMegabytes(),
                model.djl().getNDManager().getManagedArrays().size());
    }

    /** The heap the JVM has taken from the system (committed), which is part of the resident memory. */
    static double heapMegabytes() {
        return Runtime.getRuntime().totalMemory() / 1048576.0;
    }

    /** The resident set size of this process, from the kernel's own accounting. */
    static double residentMegabytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.replaceAll("\\D", "");
                    return Long.parseLong(kilobytes) / 1024.0;
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
