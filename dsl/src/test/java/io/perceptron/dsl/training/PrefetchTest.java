package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.PictureFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetchTest {
    @TempDir
    Path temp;

    private Examples folder(int perClass) {
        PictureFolders.draw(temp.resolve("shapes"), perClass, 8, 5);
        return Datasets.imageFolder(temp.resolve("shapes").toString(), 8);
    }

    private static int[] reversed(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = n - 1 - i;
        return order;
    }

    @Test
    void batchesComeInTheGivenOrderAndAtMostAFewAreHeldDecoded() throws InterruptedException {
        Examples images = folder(70);           // 210 pictures: 21 batches of 10
        int featureSize = 3 * 8 * 8;
        try (Prefetch prefetch = new Prefetch(images, 10, Augmentation.none(), 1)) {
            int[] order = reversed(images.size());
            prefetch.start(order, 1);
            for (int b = 0; b < 21; b++) {
                Thread.sleep(5);                 // a slow training step: the thread runs ahead as far as it may
                float[] batch = prefetch.next();
                assertEquals(10 * featureSize, batch.length);
                assertArrayEquals(images.features(order[b * 10]), Arrays.copyOfRange(batch, 0, featureSize));
                assertArrayEquals(images.features(order[b * 10 + 9]), Arrays.copyOfRange(batch, 9 * featureSize,
                        10 * featureSize));
            }
            assertTrue(prefetch.mostHeld() <= (Prefetch.AHEAD + 1) * 10, prefetch.mostHeld() + " pictures held");
            assertTrue(prefetch.mostHeld() >= 10, "it did run ahead");
        }
    }

    @Test
    void augmentationChangesPicturesTheSameWayForTheSameSeedAndEpoch() {
        Examples images = folder(4);
        Augmentation flip = Augmentation.none().flip().brightness(0.2);
        int[] order = reversed(images.size());
        float[] a;
        float[] b;
        float[] c;
        try (Prefetch one = new Prefetch(images, images.size(), flip, 7)) {
            one.start(order, 1);
            a = one.next();
            one.start(order, 2);
            c = one.next();
        }
        try (Prefetch two = new Prefetch(images, images.size(), flip, 7)) {
            two.start(order, 1);
            b = two.next();
        }
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another epoch, other changes");
        float[] plain = new float[a.length];
        for (int i = 0; i < order.length; i++) images.copyFeatures(order[i], plain, i * 3 * 64);
        assertNotEquals(Arrays.toString(plain), Arrays.toString(a));
    }

    @Test
    void aPictureThatFailsStopsTheThreadAndTheErrorNamesIt() throws IOException {
        Examples images = folder(10);
        Path broken = temp.resolve("shapes/square/square-0004.png");
        Files.writeString(broken, "no longer a picture");
        Prefetch prefetch = new Prefetch(images, 5, Augmentation.none(), 1);
        prefetch.start(Batches.identity(images.size()), 1);
        PerceptronException e = assertThrows(PerceptronException.class, () -> {
            for (int b = 0; b < 6; b++) prefetch.next();
        });
        assertTrue(e.getMessage().startsWith("Picture " + broken + " is"), e.getMessage());
        assertFalse(prefetch.running());
        prefetch.close();
    }

    @Test
    void anInterruptWhileWaitingEndsTheThreadAndKeepsTheFlag() throws Exception {
        Examples images = folder(40);
        Prefetch prefetch = new Prefetch(images, 120, Augmentation.none(), 1);
        Thread.currentThread().interrupt();
        prefetch.start(Batches.identity(images.size()), 1);
        Thread.interrupted();                    // start() ran; now interrupt only the wait
        Thread.currentThread().interrupt();
        assertThrows(Prefetch.InterruptedBatchException.class, prefetch::next);
        assertTrue(Thread.interrupted(), "the flag stays set (and is cleared here)");
        assertFalse(prefetch.running());
        prefetch.close();
    }
}
