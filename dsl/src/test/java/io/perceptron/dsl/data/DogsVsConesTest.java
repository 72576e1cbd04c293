package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.tensor.Tensors;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DogsVsConesTest {

    @Test
    void featureTableHasStringLabelsHalfDogsAndTheSameRowsForTheSameSeed() {
        Table pets = Datasets.dogsVsCones(1000, 42);
        assertEquals(List.of("orange", "coneShaped", "fur", "size", "label"), pets.columnNames());
        assertEquals(500, pets.stringColumn("label").isEqualTo("dog").size());
        assertEquals(500, pets.stringColumn("label").isEqualTo("cone").size());
        assertEquals(pets.printAll(), Datasets.dogsVsCones(1000, 42).printAll());
    }

    @Test
    void furIsTheMostTellingSingleFeatureThenConeShapeThenColour() {
        Table pets = Datasets.dogsVsCones(4000, 3);
        double fur = singleFeatureAccuracy(pets, "fur", true);
        double coneShaped = singleFeatureAccuracy(pets, "coneShaped", false);
        double orange = singleFeatureAccuracy(pets, "orange", false);
        assertTrue(fur > coneShaped && coneShaped > orange,
                "fur " + fur + ", coneShaped " + coneShaped + ", orange " + orange);
        assertTrue(fur < 1.0, "fur alone should not be perfect: there are hairless dogs");
    }

    @Test
    void trickyCasesAppearAtASmallRate() {
        Table pets = Datasets.dogsVsCones(4000, 11);
        Table dogs = pets.where(pets.stringColumn("label").isEqualTo("dog"));
        double orangeDogs = dogs.intColumn("orange").mean();
        double dogsInCollars = dogs.intColumn("coneShaped").mean();
        double hairlessDogs = 1 - dogs.intColumn("fur").mean();
        assertTrue(orangeDogs > 0.05 && orangeDogs < 0.15, "orange dogs: " + orangeDogs);
        assertTrue(dogsInCollars > 0.04 && dogsInCollars < 0.12, "dogs in cone collars: " + dogsInCollars);
        assertTrue(hairlessDogs > 0.01 && hairlessDogs < 0.06, "hairless dogs: " + hairlessDogs);
    }

    @Test
    void theNamedExamplesIncludeTheTrickyOnes() {
        Table examples = Datasets.dogsVsConesExamples();
        assertTrue(examples.stringColumn("example").contains("a dog in a cone collar"));
        Table orangeDogs = examples.where(examples.intColumn("orange").isEqualTo(1)
                .and(examples.stringColumn("label").isEqualTo("dog")));
        assertTrue(orangeDogs.rowCount() >= 1);
        assertEquals(List.of("example", "orange", "coneShaped", "fur", "size", "label"), examples.columnNames());
    }

    @Test
    void imagesAreOneChannelPicturesWithPixelsBetweenZeroAndOneAndBalancedClasses() {
        Examples images = Datasets.dogsVsConesImages(200, 28, 42);
        assertEquals(200, images.size());
        assertEquals(List.of(1L, 28L, 28L), boxed(images.featureShape()));
        assertEquals(0, images.labelShape().length);
        assertEquals(List.of("cone", "dog"), images.classNames());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : images.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= 0 && max <= 1 && max - min > 0.5, "pixels from " + min + " to " + max);
        int dogs = 0;
        for (float label : images.labels()) dogs += (int) label;
        assertEquals(100, dogs);
    }

    @Test
    void theSameSeedDrawsTheSameImages() {
        Examples a = Datasets.dogsVsConesImages(20, 16, 5);
        Examples b = Datasets.dogsVsConesImages(20, 16, 5);
        Examples c = Datasets.dogsVsConesImages(20, 16, 6);
        assertTrue(java.util.Arrays.equals(a.features(), b.features()));
        assertTrue(java.util.Arrays.equals(a.labels(), b.labels()));
        assertTrue(!java.util.Arrays.equals(a.features(), c.features()));
    }

    @Test
    void objectsStandOutFromTheBackgroundAndMoveAroundTheFrame() {
        Examples images = Datasets.dogsVsConesImages(100, 28, 8);
        int centreLeft = 0;
        int centreRight = 0;
        for (int i = 0; i < images.size(); i++) {
            boolean[] object = objectPixels(images.features(i));
            int count = 0;
            double columnSum = 0;
            for (int p = 0; p < object.length; p++) {
                if (object[p]) {
                    count++;
                    columnSum += p % 28;
                }
            }
            // An object covers a real part of the picture but not all of it.
            assertTrue(count > 28 && count < 28 * 28 * 0.5, "image " + i + " has " + count + " object pixels");
            if (columnSum / count < 13.5) centreLeft++;
            else centreRight++;
        }
        assertTrue(centreLeft > 20 && centreRight > 20, "objects left " + centreLeft + ", right " + centreRight);
    }

    @Test
    void multiLabelImagesHoldEveryCombinationOfDogAndCone() {
        Examples scenes = Datasets.multiLabelImages(400, 32, 42);
        assertEquals(List.of(2L), boxed(scenes.labelShape()));
        assertEquals(List.of("dog", "cone"), scenes.classNames());
        int[] counts = new int[4];
        for (int i = 0; i < scenes.size(); i++) {
            float dog = scenes.labels()[2 * i];
            float cone = scenes.labels()[2 * i + 1];
            counts[(int) dog + 2 * (int) cone]++;
        }
        for (int combination = 0; combination < 4; combination++) {
            assertEquals(100, counts[combination], "combination " + combination);
        }
    }

    @Test
    void emptyScenesHaveNoObjectWhileScenesWithBothDo() {
        Examples scenes = Datasets.multiLabelImages(200, 32, 9);
        double none = 0;
        double both = 0;
        int noneCount = 0;
        int bothCount = 0;
        for (int i = 0; i < scenes.size(); i++) {
            int bright = 0;
            for (boolean on : objectPixels(scenes.features(i))) if (on) bright++;
            if (scenes.labelName(i).equals("none")) {
                none += bright;
                noneCount++;
            } else if (scenes.labelName(i).equals("dog+cone")) {
                both += bright;
                bothCount++;
            }
        }
        assertTrue(none / noneCount < 5, "empty scenes average " + none / noneCount + " object pixels");
        assertTrue(both / bothCount > 40, "scenes with both average " + both / bothCount + " object pixels");
    }

    @Test
    void imagesCanBeShownOneAtATimeOrInAGrid() {
        Examples images = Datasets.dogsVsConesImages(20, 28, 1);
        BufferedImage one = Images.toImage(images, 0);
        assertEquals(112, one.getWidth());
        assertEquals(112, one.getHeight());
        BufferedImage grid = Images.grid(images, 9);
        // 3 x 3 pictures of 28 pixels drawn twice as large, 2 pixels apart.
        assertEquals(3 * 56 + 2 * 2, grid.getWidth());
        assertEquals(3 * 56 + 2 * 2, grid.getHeight());
        // The enlarged picture keeps the example's pixels: top-left pixel, drawn 4 x 4.
        int expected = Math.round(255 * images.features(0)[0]);
        assertEquals(expected, one.getRaster().getSample(3, 3, 0));
    }

    @Test
    void tensorsAreDrawnEachStretchedFromBlackToWhite() {
        // Two 2x2 "filters" on very different scales: each still spans black to white.
        NDArray filters = Tensors.of(List.of(
                List.of(List.of(List.of(-1.0, 0.0), List.of(0.0, 1.0))),
                List.of(List.of(List.of(10.0, 20.0), List.of(30.0, 40.0)))));
        BufferedImage grid = Images.grid(filters);
        int cell = 56;                                    // 2 pixels enlarged 28 times, to about 56 screen pixels
        assertEquals(2 * cell + 2, grid.getWidth());
        assertEquals(cell, grid.getHeight());
        assertEquals(0, grid.getRaster().getSample(0, 0, 0));                  // -1: the first filter's smallest
        assertEquals(255, grid.getRaster().getSample(cell - 1, cell - 1, 0));  //  1: its largest
        assertEquals(0, grid.getRaster().getSample(cell + 2, 0, 0));           // 10: the second filter's smallest
        assertEquals(255, grid.getRaster().getSample(2 * cell + 1, cell - 1, 0));
        BufferedImage one = Images.toImage(Tensors.of(List.of(List.of(0.0, 1.0))));
        assertEquals(112, one.getWidth());
        PerceptronException wrong = assertThrows(PerceptronException.class, () -> Images.toImage(Tensors.of(1.0, 2.0)));
        assertTrue(wrong.getMessage().contains("[2]") && wrong.getMessage().contains("[height, width]"),
                wrong.getMessage());
    }

    @Test
    void showingSomethingThatIsNotAnImageSaysWhatIsExpected() {
        Examples flat = Examples.of("numbers", new float[] {1, 2, 3, 4}, new long[] {2}, new float[] {0, 1},
                new long[0], List.of("a", "b"));
        PerceptronException e = assertThrows(PerceptronException.class, () -> Images.toImage(flat, 0));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[channels, height, width]"),
                e.getMessage());
        PerceptronException tooSmall = assertThrows(PerceptronException.class,
                () -> Datasets.dogsVsConesImages(10, 8, 1));
        assertTrue(tooSmall.getMessage().contains("image size") && tooSmall.getMessage().contains("12"),
                tooSmall.getMessage());
    }

    /**
     * Pixels clearly brighter than the picture's median (its background): the background's
     * noise stays within 0.12 of it, objects are at least 0.15 brighter.
     */
    private static boolean[] objectPixels(float[] pixels) {
        float[] sorted = pixels.clone();
        java.util.Arrays.sort(sorted);
        float median = sorted[sorted.length / 2];
        boolean[] out = new boolean[pixels.length];
        for (int i = 0; i < pixels.length; i++) out[i] = pixels[i] > median + 0.12f;
        return out;
    }

    /** Accuracy of predicting "dog" from one 0/1 feature ({@code dogWhenOne}: 1 means dog). */
    private static double singleFeatureAccuracy(Table pets, String feature, boolean dogWhenOne) {
        int right = 0;
        for (int i = 0; i < pets.rowCount(); i++) {
            boolean predictsDog = (pets.intColumn(feature).getInt(i) == 1) == dogWhenOne;
            boolean dog = pets.stringColumn("label").get(i).equals("dog");
            if (predictsDog == dog) right++;
        }
        return right / (double) pets.rowCount();
    }

    private static List<Long> boxed(long[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
