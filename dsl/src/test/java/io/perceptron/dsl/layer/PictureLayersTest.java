package io.perceptron.dsl.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.model.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers a decoder uses to grow a vector back into a picture: reshape and upsample. */
class PictureLayersTest {
    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void freeMemory() {
        manager.close();
    }

    @Test
    void reshapeTurnsAVectorIntoAPictureAndLearnsNothing() {
        // dense(12): 4·12 + 12 = 60 parameters; reshape adds none
        LayerHarness.check(Model.sequential().input(4).dense(12).reshape(3, 2, 2), new Shape(3, 2, 2), 60);
    }

    @Test
    void reshapeKeepsTheNumbersInTheirOrder() {
        Model model = Model.sequential().input(6).reshape(1, 2, 3);
        NDArray x = manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new Shape(2, 6));
        NDArray y = LayerHarness.predict(model, x);
        assertEquals(new Shape(2, 1, 2, 3), y.getShape());
        assertArrayEquals(x.toFloatArray(), y.toFloatArray());
        assertEquals(7f, y.getFloat(1, 0, 0, 0));
        model.close();
    }

    @Test
    void reshapeToSizesThatHoldOtherCountsIsRefusedNamingBoth() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(16).dense(300).reshape(1, 20, 20));
        assertEquals("Layer #1 of model \"sequential\" does not fit: reshape(1, 20, 20) lays the 300 numbers of each"
                + " example out as (1, 20, 20), which holds 400, but receives (300). Choose sizes that multiply to 300,"
                + " or change the layer before it to give 400 numbers, e.g. dense(400).", e.getMessage());
    }

    @Test
    void reshapeNeedsPositiveSizes() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Layers.reshape(1, 0, 20));
        assertEquals("reshape(1, 0, 20): every size must be a whole number of at least 1, but was 0."
                + " For example: reshape(1, 20, 20).", e.getMessage());
        assertThrows(PerceptronException.class, () -> Layers.reshape());
    }

    @Test
    void upsampleRepeatsEveryPixelFactorTimesEachWay() {
        Model model = Model.sequential().input(1, 2, 2).upsample(2);
        NDArray y = LayerHarness.predict(model, manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2)));
        assertEquals(new Shape(1, 1, 4, 4), y.getShape());
        assertArrayEquals(new float[] {
            1, 1, 2, 2,
            1, 1, 2, 2,
            3, 3, 4, 4,
            3, 3, 4, 4}, y.toFloatArray());
        model.close();
    }

    @Test
    void upsampleThenConvolutionGrowsFeatureMapsIntoALargerPicture() {
        // conv2d(4, 3, 1, 1) on 8 channels: 4·8·9 + 4 = 292 parameters
        LayerHarness.check(Model.sequential().input(8, 5, 5).upsample(2).conv2d(4, 3, 1, 1), new Shape(4, 10, 10), 292);
    }

    @Test
    void upsampleNeedsImagesAndAFactorOfAtLeastTwo() {
        PerceptronException onVector = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(16).upsample(2));
        assertEquals("Layer #0 of model \"sequential\" does not fit: upsample(2) works on images shaped (channels,"
                + " height, width), but receives (16). Start the model with input(channels, height, width), e.g."
                + " input(1, 28, 28) for grey 28x28 images, and put flatten() only after the last convolution or"
                + " pooling layer.", onVector.getMessage());
        PerceptronException one = assertThrows(PerceptronException.class, () -> Layers.upsample(1));
        assertEquals("upsample(1): factor must be a whole number of at least 2, but was 1. For example: upsample(2).",
                one.getMessage());
    }

    @Test
    void bothAreWrittenDownAndReadBack() {
        for (Layer layer : new Layer[] {Layers.reshape(1, 20, 20), Layers.upsample(3)}) {
            Layer again = Layers.from(LayerDescription.fromJson(layer.describe().toJson()));
            assertEquals(layer.toString(), again.toString());
        }
        assertEquals(new Shape(1, 20, 20), Layers.from(Layers.reshape(1, 20, 20).describe()).outputShape(new Shape(400)));
    }
}
