package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pictures drawn from their captions, and the examples that pair captions (or pictures) with pictures. */
class CaptionedScenesTest {

    @Test
    void everyCaptionComesEquallyOftenAndTheSameSeedDrawsTheSamePictures() {
        Examples scenes = Datasets.captionedScenes(140, 20, 42);
        assertEquals(14, scenes.classNames().size());
        assertEquals("a small dog on the left", scenes.classNames().get(0));
        assertTrue(scenes.classNames().containsAll(List.of("a big cone on the right", "a dog with a cone",
                "a cone with a dog")));
        int[] counts = new int[14];
        for (float label : scenes.labels()) counts[(int) label]++;
        for (int count : counts) assertEquals(10, count, Arrays.toString(counts));
        assertArrayEquals(new long[] {1, 20, 20}, scenes.featureShape());
        assertArrayEquals(scenes.features(), Datasets.captionedScenes(140, 20, 42).features());
    }

    @Test
    void theCaptionDecidesWhereTheThingStands() {
        // The bright pixels of "... on the left" lie left of the centre, of "... on the right" right of it.
        Examples scenes = Datasets.captionedScenes(280, 20, 7);
        for (int i = 0; i < scenes.size(); i++) {
            String caption = scenes.labelName(i);
            if (caption.endsWith("on the left") || caption.endsWith("on the right")) {
                double x = brightCentre(scenes.features(i), 20);
                assertTrue(caption.endsWith("left") ? x < 9 : x > 10, caption + ": bright centre at x = " + x);
            }
        }
    }

    @Test
    void tooSmallPicturesAreRefused() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Datasets.captionedScenes(10, 8, 1));
        assertTrue(e.getMessage().contains("image size in pixels must be at least 12"), e.getMessage());
    }

    @Test
    void encodeCaptionsPairsEachCaptionsWordIdsWithItsPicture() {
        Examples scenes = Datasets.captionedScenes(28, 20, 3);
        Vocabulary words = Vocabulary.words(scenes.classNames());
        Examples sentences = words.encodeCaptions(scenes, 6);
        assertArrayEquals(new long[] {6}, sentences.featureShape());
        assertArrayEquals(new long[] {1, 20, 20}, sentences.labelShape());
        assertEquals(List.of(), sentences.classNames());
        for (int i = 0; i < scenes.size(); i++) {
            assertEquals(scenes.labelName(i), words.decode(sentences.features(i)));
            assertArrayEquals(scenes.features(i),
                    Arrays.copyOfRange(sentences.labels(), i * 400, (i + 1) * 400));
        }
    }

    @Test
    void encodeCaptionsNeedsPicturesWhoseClassesAreCaptions() {
        Examples scenes = Datasets.multiLabelImages(4, 16, 1);
        Vocabulary words = Vocabulary.words(List.of("a dog"));
        PerceptronException e = assertThrows(PerceptronException.class, () -> words.encodeCaptions(scenes, 6));
        assertTrue(e.getMessage().startsWith("encodeCaptions reads each picture's caption from its class name, but"
                + " dogs and cones scenes"), e.getMessage());
        assertTrue(e.getMessage().contains("Datasets.captionedScenes(1400, 20, 42)"), e.getMessage());
    }

    @Test
    void withTargetsMakesPicturesTheirOwnLabels() {
        Examples images = Datasets.dogsVsConesImages(6, 16, 2);
        Examples autoencoding = images.withTargets(images);
        assertArrayEquals(images.features(), autoencoding.labels());
        assertArrayEquals(new long[] {1, 16, 16}, autoencoding.labelShape());
        assertEquals(List.of(), autoencoding.classNames());
        assertEquals("dogs vs cones images (each its own target): 6 examples, features [1, 16, 16], labels [1, 16, 16]",
                autoencoding.toString());
    }

    @Test
    void withTargetsNeedsOneTargetPerExample() {
        Examples images = Datasets.dogsVsConesImages(6, 16, 2);
        PerceptronException e = assertThrows(PerceptronException.class, () -> images.withTargets(images.head(2)));
        assertEquals("withTargets pairs example i of dogs vs cones images with example i of dogs vs cones images, but"
                + " there are 6 examples and 2 targets. Pass as many targets as examples, in the same order (for an"
                + " autoencoder, the examples themselves: x.withTargets(x)).", e.getMessage());
    }

    private static double brightCentre(float[] pixels, int size) {
        double sum = 0;
        double weight = 0;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = pixels[y * size + x];
                if (v > 0.5) {
                    sum += x * v;
                    weight += v;
                }
            }
        }
        return sum / weight;
    }
}
