package io.perceptron.dsl.bench;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.PictureFolders;
import io.perceptron.dsl.model.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Images per second trained from a folder of JPEG files (decoded a batch at a time on the
 * background thread while the previous batch trains) against the same pictures preloaded in
 * memory, in one process, epochs alternating, same model, seed and batches. A main program, not a
 * test: timings depend on the machine and its load. Goal: the folder within 1.2 times the memory
 * time per epoch.
 *
 * <p>Run from the repository root (install/bench-images.sh does this and writes the result):
 * <pre>
 * mvn -o -q -pl dsl test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
 * cd dsl &amp;&amp; OPT_OUT_TRACKING=true java -Dai.djl.offline=true -Djava.awt.headless=true \
 *     -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) io.perceptron.dsl.bench.ImageFolderBenchmark [rounds] [folder]
 * </pre>
 * Arguments: measured rounds (default 5; each round is one folder epoch and one memory epoch, in
 * alternating order), and the folder for the pictures (default: a new temporary one; an existing
 * folder with the pictures is reused).
 */
public final class ImageFolderBenchmark {
    /** 5,000 pictures: 1,667 + 1,667 + 1,666 over the three shapes. */
    private static final int PICTURES = 5_000;
    private static final int SIZE = 64;
    private static final int BATCH = 32;
    private static final int WARMUP_ROUNDS = 1;

    private ImageFolderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path folder = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("perceptron-bench-images");
        if (!Files.isDirectory(folder.resolve(PictureFolders.SHAPES.get(0)))) {
            long start = System.nanoTime();
            PictureFolders.drawJpegs(folder, PICTURES, SIZE, 42);
            System.out.printf(Locale.ROOT, "wrote %,d JPEG pictures of %dx%d to %s in %.1f s%n", PICTURES, SIZE, SIZE,
                    folder, (System.nanoTime() - start) / 1e9);
        }
        Examples fromFolder = Datasets.imageFolder(folder.toString(), SIZE);
        long decodeStart = System.nanoTime();
        Examples inMemory = fromFolder.load();
        double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
        System.out.printf(Locale.ROOT, "decoding alone, one thread: %,.0f images/s%n", fromFolder.size() / decodeSeconds);

        Model folderModel = model();
        Model memoryModel = model();
        List<Double> folderSeconds = new ArrayList<>();
        List<Double> memorySeconds = new ArrayList<>();
        for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
            boolean folderFirst = round % 2 == 0;
            double a = epoch(folderFirst ? folderModel : memoryModel, folderFirst ? fromFolder : inMemory, round);
            double b = epoch(folderFirst ? memoryModel : folderModel, folderFirst ? inMemory : fromFolder, round);
            if (round >= WARMUP_ROUNDS) {
                (folderFirst ? folderSeconds : memorySeconds).add(a);
                (folderFirst ? memorySeconds : folderSeconds).add(b);
            }
        }
        double folderMedian = median(folderSeconds);
        double memoryMedian = median(memorySeconds);
        System.out.printf(Locale.ROOT, "from the folder: %.2f s per epoch, %,.0f images/s (epochs %s)%n", folderMedian,
                fromFolder.size() / folderMedian, folderSeconds);
        System.out.printf(Locale.ROOT, "from memory:     %.2f s per epoch, %,.0f images/s (epochs %s)%n", memoryMedian,
                inMemory.size() / memoryMedian, memorySeconds);
        System.out.printf(Locale.ROOT, "folder / memory: %.3f (goal: 1.2 or less)%n", folderMedian / memoryMedian);
        System.out.printf(Locale.ROOT, "RESULT %d %d %.1f %.3f %.3f %.0f%n", fromFolder.size(), rounds, decodeSeconds,
                folderMedian, memoryMedian, fromFolder.size() / decodeSeconds);
        folderModel.close();
        memoryModel.close();
    }

    /** A small CNN for 3 x 64 x 64 pictures of three shapes. */
    private static Model model() {
        return Model.sequential("shapes").input(3, SIZE, SIZE)
                .conv2d(8, 3, 1, 1).relu().maxPool(2)
                .conv2d(16, 3, 1, 1).relu().maxPool(2)
                .flatten().dense(3);
    }

    private static double epoch(Model model, Examples data, int round) {
        long start = System.nanoTime();
        model.fit(data).epochs(1).batchSize(BATCH).seed(round).quiet().train();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
