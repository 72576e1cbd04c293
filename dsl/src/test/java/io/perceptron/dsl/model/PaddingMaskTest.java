package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.layer.LayerHarness;
import io.perceptron.dsl.layer.Layers;
import org.junit.jupiter.api.Test;

/**
 * A model that starts with a masked embedding hides padding (token id 0) from attention and from the
 * average over steps: a sentence's output does not depend on how much padding follows it, or on the
 * other sentences of its batch.
 */
class PaddingMaskTest {

    private static Model encoder() {
        return Model.sequential("masked").input(10)
                .add(Layers.maskedEmbedding(50, 8)).positionalEmbedding(10)
                .add(Layers.transformerEncoder(2, 16).layerNormEpsilon(1e-12))
                .multiHeadAttention(2)
                .globalAvgPool().add(Layers.unitNormalization());
    }

    @Test
    void theMaskedLayersBuildLearnAndCountAsDescribed() {
        // 50x8 embedding, 10x8 positions, the block, the attention layer; pooling and unit length learn nothing
        long block = 4 * (8 * 8 + 8) + (8 * 16 + 16) + (16 * 8 + 8) + 4 * 8;
        NDArray out = LayerHarness.check(encoder(), new Shape(8), 50 * 8 + 10 * 8 + block + 4 * (8 * 8 + 8), 50);
        float[] lengths = out.square().sum(new int[] {1}).sqrt().toFloatArray();
        for (float length : lengths) {
            assertEquals(1f, length, 1e-5f, "unitNormalization gives vectors of length 1");
        }
        assertEquals("maskedEmbedding(50, 8)", encoder().layers().get(0).toString());
        assertEquals("layerNorm(1e-12)", Layers.layerNorm(1e-12).toString());
    }

    @Test
    void aSentencesVectorIsTheSameWhateverPaddingAndBatchSurroundIt() {
        try (Model model = encoder(); NDManager manager = NDManager.newBaseManager()) {
            model.djl();
            NDArray alone = manager.create(new float[] {5, 6, 7, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 10));
            NDArray withLonger = manager.create(new float[] {5, 6, 7, 0, 0, 0, 0, 0, 0, 0,
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, new Shape(2, 10));
            float[] a = LayerHarness.predict(model, alone).toFloatArray();
            float[] b = LayerHarness.predict(model, withLonger).get(0).toFloatArray();
            assertArrayEquals(a, b, 1e-5f, "alone (padding cut off) and beside a full sentence (padding masked)");
            NDArray again = manager.create(new float[] {5, 6, 7, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 10));
            NDArray other = manager.create(new float[] {5, 6, 8, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 10));
            assertTrue(Math.abs(LayerHarness.predict(model, other).toFloatArray()[0] - a[0]) > 1e-6
                    || Math.abs(LayerHarness.predict(model, other).toFloatArray()[1] - a[1]) > 1e-6,
                    "a different real token changes the vector");
            assertArrayEquals(a, LayerHarness.predict(model, again).toFloatArray(), 0f, "deterministic");
        }
    }

    @Test
    void withoutTheMaskPaddingChangesTheVector() {
        // The same stack with a plain embedding: padding is attended to and averaged, so it matters.
        try (Model model = Model.sequential("unmasked").input(10).embedding(50, 8).positionalEmbedding(10)
                .transformerEncoder(2, 16).globalAvgPool(); NDManager manager = NDManager.newBaseManager()) {
            model.djl();
            NDArray alone = manager.create(new float[] {5, 6, 7, 0, 0, 0, 0, 0, 0, 0}, new Shape(1, 10));
            NDArray shorterPadding = manager.create(new float[] {0, 0, 0, 0, 0, 0, 0, 5, 6, 7}, new Shape(1, 10));
            float[] a = LayerHarness.predict(model, alone).toFloatArray();
            float[] b = LayerHarness.predict(model, shorterPadding).toFloatArray();
            assertTrue(Math.abs(a[0] - b[0]) > 1e-4, "an unmasked model sees the padding");
        }
    }

    @Test
    void aMaskedEmbeddingAnywhereButFirstIsRefusedWithAdvice() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Model.sequential("late").input(4).dense(4).add(Layers.maskedEmbedding(50, 8)));
        assertEquals("maskedEmbedding(50, 8) must be the first layer of model \"late\" (and not in a decoder): it reads"
                + " the token ids, where id 0 marks padding, and the mask it makes goes to the layers after it. Start a"
                + " model with it: Model.sequential().input(16).add(Layers.maskedEmbedding(50, 8))...", error.getMessage());
    }
}
