package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.ImageOptions;
import io.perceptron.dsl.data.PictureFolders;
import io.perceptron.dsl.model.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a folder of pictures drawn on the fly: PNG and JPEG, a broken file, an empty class folder. */
class ImageFolderTrainingTest {
    @TempDir
    static Path temp;

    private static Examples shapes() throws IOException {
        Path folder = temp.resolve("shapes");
        if (!Files.isDirectory(folder)) {
            PictureFolders.draw(folder, 90, 24, 11);            // 270 pictures, a third of them JPEG
            PictureFolders.truncate(folder.resolve("cross/cross-0003.jpg"), 0.4);
            Files.createDirectories(folder.resolve("triangle"));   // a class folder left empty
        }
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return Datasets.imageFolder(folder.toString(), ImageOptions.size(16).grey());
        } finally {
            System.setErr(err);
        }
    }

    private static Model cnn() {
        return Model.sequential("shapes").input(1, 16, 16)
                .conv2d(8, 3, 1, 1).relu().maxPool(2)
                .conv2d(16, 3, 1, 1).relu().maxPool(2)
                .flatten().dense(3);
    }

    private static boolean prefetchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("perceptron-prefetch") && t.isAlive());
    }

    @Test
    void aDrawnFolderTrainsWithAugmentationToNinetyPercentOnPicturesItNeverSaw() throws IOException {
        Examples pictures = shapes();
        assertEquals(269, pictures.size());
        assertEquals(List.of("circle", "cross", "square"), pictures.classNames());
        List<Examples> parts = pictures.stratifiedSplit(0.75, 3);
        Model model = cnn();
        TrainingRun run = model.fit(parts.get(0)).validation(parts.get(1))
                .augment(Augmentation.none().flip().shift(1))
                .optimizer(io.perceptron.dsl.optimizer.Optimizer.adam(0.01)).epochs(12).seed(5).quiet().train();
        assertTrue(run.settings().contains("augment flip, shift 1 px"), run.settings());
        double accuracy = model.evaluate(parts.get(1)).accuracy();
        assertTrue(accuracy >= 0.9, "accuracy on the held-out pictures: " + accuracy);
        assertEquals(parts.get(1).size(), model.predict(parts.get(1)).rowCount());
        assertFalse(prefetchThreadAlive(), "the prefetch thread ends with the training");
        model.close();
    }

    @Test
    void anInterruptedRunEndsThePrefetchThreadAndKeepsTheFlag() throws IOException {
        Examples pictures = shapes();
        Model model = cnn();
        TrainingInterruptedException stopped = assertThrows(TrainingInterruptedException.class, () ->
                model.fit(pictures).batchSize(8).epochs(3).seed(1).quiet()
                        .listener(new TrainingListener() {
                            @Override
                            public void onBatchEnd(Batch batch) {
                                if (batch.batch() == 5) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        }).train());
        assertTrue(Thread.interrupted(), "the flag stays set (cleared here)");
        assertTrue(stopped.getMessage().contains("batch 6"), stopped.getMessage());
        assertFalse(prefetchThreadAlive(), "no prefetch thread outlives an interrupted run");
        model.close();
    }

    @Test
    void aPictureThatBreaksDuringTrainingStopsItNamingTheFileAndEndsTheThread() throws IOException {
        Path folder = temp.resolve("fragile");
        PictureFolders.draw(folder, 20, 12, 2);
        Examples pictures = Datasets.imageFolder(folder.toString(), 12);
        Path victim = folder.resolve("square/square-0007.png");
        Files.writeString(victim, "gone");
        Model model = Model.sequential().input(3, 12, 12).flatten().dense(3);
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> model.fit(pictures).epochs(2).seed(1).quiet().train());
        assertTrue(e.getMessage().startsWith("Picture " + victim + " is not a PNG or JPEG image"), e.getMessage());
        assertFalse(prefetchThreadAlive());
        model.close();
    }
}
