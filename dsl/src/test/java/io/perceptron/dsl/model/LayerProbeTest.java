package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Looking inside a convolutional network: the filters it learned and the feature maps of one image. */
class LayerProbeTest {
    private static final Examples IMAGES = Datasets.dogsVsConesImages(64, 12, 1);
    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void freeMemory() {
        manager.close();
    }

    private static Model cnn() {
        return Model.sequential("cnn").input(1, 12, 12).conv2d(4, 3).relu().maxPool(2).flatten().dense(2);
    }

    @Test
    void filtersComeShapedFiltersByChannelsByKernelAndStayAsTheyWereWhenTrainingGoesOn() {
        Model model = cnn();
        NDArray before = model.filters(0);
        assertEquals(new Shape(4, 1, 3, 3), before.getShape());
        float[] untrained = before.toFloatArray();

        model.fit(IMAGES).epochs(3).seed(1).quiet().train();

        float[] trained = model.filters(0).toFloatArray();
        assertArrayEquals(untrained, before.toFloatArray(), "the first copy still holds the untrained filters");
        assertFalse(Arrays.equals(untrained, trained), "training changed the filters themselves");
        model.close();
    }

    @Test
    void filtersOfAFirstLayersPartAreThoseOfTheModelItCameFrom() {
        Model model = cnn();
        model.fit(IMAGES).epochs(1).seed(1).quiet().train();
        Model features = model.first(3);
        assertArrayEquals(model.filters(0).toFloatArray(), features.filters(0).toFloatArray());
        model.close();
    }

    @Test
    void aLayerThatIsNotAConvolutionSaysWhichLayersAre() {
        Model model = cnn();
        String message = assertThrows(PerceptronException.class, () -> model.filters(1)).getMessage();
        assertTrue(message.contains("Layer #1 (relu) of model \"cnn\" is not a convolution"), message);
        assertTrue(message.contains("Convolution layers: #0 conv2d(4, 3)."), message);
        assertTrue(message.contains("weights(1)"), message);
        String missing = assertThrows(PerceptronException.class, () -> model.filters(9)).getMessage();
        assertTrue(missing.contains("has no layer #9"), missing);
        model.close();
    }

    @Test
    void aPartIsAskedForItsOwnFilters() {
        Model features = Model.sequential("features").input(1, 12, 12).conv2d(4, 3).relu();
        Model model = Model.sequential("task").input(1, 12, 12).add(features).flatten().dense(2);
        String message = assertThrows(PerceptronException.class, () -> model.filters(0)).getMessage();
        assertTrue(message.contains("is model \"features\", a part with layers of its own"), message);
        assertEquals(new Shape(4, 1, 3, 3), features.filters(0).getShape());
        model.close();
    }

    @Test
    void featureMapsHaveTheLayersOutputShapeAndReluLeavesNothingNegative() {
        Model model = cnn();
        model.fit(IMAGES).epochs(1).seed(1).quiet().train();
        NDArray convolved = model.outputOf(0, IMAGES, 5);
        NDArray rectified = model.outputOf(1, IMAGES, 5);
        assertEquals(new Shape(4, 10, 10), convolved.getShape(), "conv2d(4, 3) on 12x12: four 10x10 maps");
        assertEquals(model.summary().stringColumn("output shape").get(2).strip(), "(4, 10, 10)");
        float[] before = convolved.toFloatArray();
        float[] after = rectified.toFloatArray();
        assertTrue(min(before) < 0, "some convolved values are negative");
        for (int i = 0; i < before.length; i++) {
            assertEquals(Math.max(0, before[i]), after[i], 1e-6, "relu of value " + i);
        }
        model.close();
    }

    @Test
    void theLastLayersOutputIsWhatPredictGives() {
        Model model = cnn();
        model.fit(IMAGES).epochs(1).seed(1).quiet().train();
        NDArray image = manager.create(IMAGES.features(7), new Shape(1, 1, 12, 12));
        float[] predicted = model.predict(image).toFloatArray();
        float[] last = model.outputOf(4, IMAGES, 7).toFloatArray();
        assertArrayEquals(predicted, last, 1e-5f);
        model.close();
    }

    @Test
    void examplesOfAnotherShapeAreRefusedWithBothShapes() {
        Model model = cnn();
        Examples big = Datasets.dogsVsConesImages(4, 16, 1);
        String message = assertThrows(PerceptronException.class, () -> model.outputOf(0, big, 0)).getMessage();
        assertTrue(message.contains("shaped (1, 16, 16), but model \"cnn\" takes examples shaped (1, 12, 12)"),
                message);
        String noExample = assertThrows(PerceptronException.class, () -> model.outputOf(0, IMAGES, 64)).getMessage();
        assertTrue(noExample.contains("There is no example 64"), noExample);
        model.close();
    }

    private static float min(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    @Test
    void theReadmeQuotesTheRealMessage() {
        Model model = Model.sequential("cnn").input(1, 28, 28).conv2d(8, 3, 1, 1).relu().maxPool(2).flatten().dense(2);
        String message = assertThrows(PerceptronException.class, () -> model.filters(1)).getMessage();
        String readme = Readme.section("Models").replaceAll("\\n// ", " ");
        assertTrue(readme.contains("cnn.filters(1) " + message), message);
        model.close();
    }
}
