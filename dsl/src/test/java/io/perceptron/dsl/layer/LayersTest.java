package io.perceptron.dsl.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.model.Model;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every layer kind through {@link LayerHarness} (shapes, parameter counts against the built DJL
 * block, a forward and backward pass), and the math of those whose values are easy to state.
 * Expected counts are worked out by hand in the comments.
 */
class LayersTest {
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
    void denseConnectsEveryInputToEveryOutput() {
        // 3 inputs x 4 outputs + 4 biases
        LayerHarness.check(Model.sequential().input(3).dense(4), new Shape(4), 16);
    }

    @Test
    void denseAppliesTheSameWeightsToEveryStepOfASequence() {
        LayerHarness.check(Model.sequential().input(5, 3).dense(4), new Shape(5, 4), 16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binaryStep", "identity", "sigmoid", "tanh", "relu", "leakyRelu", "gelu", "softmax"})
    void activationsKeepTheShapeAndLearnNothing(String name) {
        LayerHarness.check(Model.sequential().input(4).activation(name), new Shape(4), 0);
    }

    @Test
    void activationsComputeTheirFormulas() {
        float[] x = {-2f, -0.5f, 0f, 1.5f};
        assertValues(x, Model.sequential().input(4).binaryStep(), v -> v >= 0 ? 1 : 0);
        assertValues(x, Model.sequential().input(4).identity(), v -> v);
        assertValues(x, Model.sequential().input(4).sigmoid(), v -> 1 / (1 + Math.exp(-v)));
        assertValues(x, Model.sequential().input(4).tanh(), Math::tanh);
        assertValues(x, Model.sequential().input(4).relu(), v -> Math.max(0, v));
        assertValues(x, Model.sequential().input(4).leakyRelu(), v -> v > 0 ? v : 0.01 * v);
        assertValues(x, Model.sequential().input(4).leakyRelu(0.2), v -> v > 0 ? v : 0.2 * v);
        double sum = 0;
        for (float v : x) {
            sum += Math.exp(v);
        }
        double total = sum;
        assertValues(x, Model.sequential().input(4).softmax(), v -> Math.exp(v) / total);
    }

    @Test
    void geluIsZeroAtZeroAndMatchesReluFarFromIt() {
        float[] y = predict(Model.sequential().input(3).gelu(), new float[] {-6f, 0f, 6f});
        assertArrayEquals(new float[] {0f, 0f, 6f}, y, 1e-4f);
    }

    @Test
    void dropoutZeroesAboutRateOfTheNumbersWhileTrainingAndNothingWhilePredicting() {
        Model model = Model.sequential().input(1000).dropout(0.5);
        NDArray trained = LayerHarness.check(model, new Shape(1000), 0);
        long zeros = trained.eq(0).sum().getLong();
        assertTrue(zeros > 1350 && zeros < 1650, "about half of 3 x 1000 numbers dropped: " + zeros);

        float[] x = {1f, 2f, 3f};
        assertArrayEquals(x, predict(Model.sequential().input(3).dropout(0.5), x));
    }

    @Test
    void batchNormLearnsAScaleAndShiftPerFeature() {
        // dense: 6 x 4 + 4 = 28; batch norm: 2 x 4 features
        LayerHarness.check(Model.sequential().input(6).dense(4).batchNorm(), new Shape(4), 36);
    }

    @Test
    void batchNormOnImagesWorksPerChannel() {
        // conv: 3 filters x 2 channels x 3 x 3 + 3 biases = 57; batch norm: 2 x 3 channels
        LayerHarness.check(Model.sequential().input(2, 5, 5).conv2d(3, 3).batchNorm(), new Shape(3, 3, 3), 63);
    }

    @Test
    void batchNormOnSequencesWorksPerFeatureOfEachStep() {
        LayerHarness.check(Model.sequential().input(5, 4).batchNorm(), new Shape(5, 4), 8);
    }

    @Test
    void layerNormGivesEachStepMeanZeroAndUnitVariance() {
        Model model = Model.sequential().input(5, 6).layerNorm();
        LayerHarness.check(model, new Shape(5, 6), 12);
        NDArray y = LayerHarness.predict(model, manager.randomNormal(3f, 2f, new Shape(2, 5, 6), DataType.FLOAT32));
        assertEquals(0f, y.mean(new int[] {2}).abs().max().getFloat(), 1e-4f);
        assertEquals(1f, y.pow(2).mean(new int[] {2}).mean().getFloat(), 1e-3f);
    }

    @Test
    void flattenLaysEachExampleOutAsOneVector() {
        LayerHarness.check(Model.sequential().input(2, 3, 4).flatten(), new Shape(24), 0);
    }

    @Test
    void conv2dSlidesItsFiltersOverTheImage() {
        // 4 filters x 3 channels x 3 x 3 + 4 biases; (8 - 3) / 1 + 1 = 6
        LayerHarness.check(Model.sequential().input(3, 8, 8).conv2d(4, 3), new Shape(4, 6, 6), 112);
    }

    @Test
    void conv2dStrideAndPaddingShrinkAndPadTheImage() {
        // (8 + 2 x 1 - 3) / 2 + 1 = 4
        LayerHarness.check(Model.sequential().input(3, 8, 8).conv2d(4, 3, 2, 1), new Shape(4, 4, 4), 112);
    }

    @Test
    void poolingShrinksImagesWithoutParameters() {
        LayerHarness.check(Model.sequential().input(2, 7, 7).maxPool(2), new Shape(2, 3, 3), 0);
        LayerHarness.check(Model.sequential().input(2, 7, 7).maxPool(3, 2), new Shape(2, 3, 3), 0);
        LayerHarness.check(Model.sequential().input(2, 7, 7).avgPool(2, 1), new Shape(2, 6, 6), 0);
    }

    @Test
    void maxPoolKeepsTheLargestAndAvgPoolTheMeanOfEachWindow() {
        float[] image = {1, 2, 5, 6, 3, 4, 7, 8, 9, 10, 13, 14, 11, 12, 15, 16};
        assertArrayEquals(new float[] {4, 8, 12, 16},
                predict(Model.sequential().input(1, 4, 4).maxPool(2), image, new Shape(1, 1, 4, 4)));
        assertArrayEquals(new float[] {2.5f, 6.5f, 10.5f, 14.5f},
                predict(Model.sequential().input(1, 4, 4).avgPool(2), image, new Shape(1, 1, 4, 4)));
    }

    @Test
    void adaptiveAvgPoolGivesAFixedGridWhateverTheImageSize() {
        LayerHarness.check(Model.sequential().input(2, 6, 6).adaptiveAvgPool(3, 3), new Shape(2, 3, 3), 0);
        LayerHarness.check(Model.sequential().input(2, 5, 7).adaptiveAvgPool(2, 3), new Shape(2, 2, 3), 0);
    }

    @Test
    void adaptiveAvgPoolUsesOverlappingBinsWhenSizesDoNotDivide() {
        // Rows 0..4 into 2 bins, as PyTorch: [0, 3) and [2, 5); a 5x1 column 0..4 averages to 1 and 3.
        float[] column = {0, 1, 2, 3, 4};
        assertArrayEquals(new float[] {1, 3},
                predict(Model.sequential().input(1, 5, 1).adaptiveAvgPool(2, 1), column, new Shape(1, 1, 5, 1)));
    }

    @Test
    void globalAvgPoolAveragesImagesPerChannelAndSequencesPerFeature() {
        LayerHarness.check(Model.sequential().input(3, 4, 4).globalAvgPool(), new Shape(3), 0);
        LayerHarness.check(Model.sequential().input(5, 6).globalAvgPool(), new Shape(6), 0);
        assertArrayEquals(new float[] {2, 3},
                predict(Model.sequential().input(2, 2).globalAvgPool(), new float[] {1, 2, 3, 4}, new Shape(1, 2, 2)));
    }

    @Test
    void embeddingTurnsTokenIdsIntoLearnedVectors() {
        // 20 tokens x 4 numbers
        LayerHarness.check(Model.sequential().input(7).embedding(20, 4), new Shape(7, 4), 80, 20);
    }

    @Test
    void embeddingGivesTheSameVectorForTheSameToken() {
        NDArray y = LayerHarness.predict(Model.sequential().input(3).embedding(5, 4), manager.create(new float[][] {{2, 0, 2}}));
        assertTrue(y.get(0, 0).contentEquals(y.get(0, 2)));
        assertTrue(!y.get(0, 0).contentEquals(y.get(0, 1)));
    }

    @Test
    void embeddingNamesTheVocabularySizeWhenAnIdIsTooLarge() {
        Model model = Model.sequential().input(2).embedding(5, 4);
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> LayerHarness.predict(model, manager.create(new float[][] {{1, 7}})));
        assertEquals("embedding(5, 4) knows token ids 0 to 4, but received id 7. Make the vocabulary size at least 8,"
                + " or check how the text was encoded.", e.getMessage());
    }

    @Test
    void positionAndTokenTypeEmbeddingsAddALearnedVectorPerPositionAndPerSegment() {
        // 20 x 4 tokens + 10 x 4 positions + 2 x 4 segment types
        LayerHarness.check(Model.sequential().input(7).embedding(20, 4).positionalEmbedding(10).tokenTypeEmbedding(2),
                new Shape(7, 4), 128, 20);
    }

    @Test
    void recurrentLayersGiveTheirFinalStateByDefault() {
        // gates x (5 x 3 inputs + 5 x 5 recurrent + 2 x 5 biases) = gates x 50
        LayerHarness.check(Model.sequential().input(6, 3).simpleRnn(5), new Shape(5), 50);
        LayerHarness.check(Model.sequential().input(6, 3).gru(5), new Shape(5), 150);
        LayerHarness.check(Model.sequential().input(6, 3).lstm(5), new Shape(5), 200);
    }

    @Test
    void recurrentLayersGiveEveryStepWithReturnSequences() {
        LayerHarness.check(Model.sequential().input(6, 3).lstm(5, true).gru(4), new Shape(4),
                200 + 3 * (4 * 5 + 4 * 4 + 2 * 4));
        LayerHarness.check(Model.sequential().input(6, 3).simpleRnn(5, true), new Shape(6, 5), 50);
    }

    @Test
    void theFinalStateIsTheLastStepOfTheSequence() {
        Model everyStep = Model.sequential().input(4, 2).lstm(3, true);
        Model finalState = Model.sequential().input(4, 2).lstm(3);
        var source = everyStep.djl().getBlock().getParameters();
        finalState.djl().getBlock().getParameters()
                .forEach(p -> p.getValue().getArray().set(source.get(p.getKey()).getArray().toFloatArray()));
        NDArray x = manager.randomNormal(new Shape(1, 4, 2));
        assertTrue(LayerHarness.predict(everyStep, x).get(0, 3).allClose(LayerHarness.predict(finalState, x).get(0)));
    }

    @Test
    void multiHeadAttentionProjectsQueriesKeysValuesAndOutput() {
        // 4 x (8 x 8 weights + 8 biases)
        LayerHarness.check(Model.sequential().input(6, 8).multiHeadAttention(2), new Shape(6, 8), 288);
    }

    @Test
    void causalAttentionIgnoresLaterSteps() {
        assertEarlyStepsIgnoreTheLastOne(Model.sequential().input(5, 8).multiHeadAttention(2, true));
        assertEarlyStepsIgnoreTheLastOne(
                Model.sequential().input(5, 8).add(Layers.transformerEncoder(2, 16).preNorm().causal()));
    }

    @Test
    void plainSelfAttentionLetsEveryStepSeeTheLastOne() {
        Model model = Model.sequential().input(5, 8).multiHeadAttention(2);
        NDArray x = manager.randomNormal(new Shape(1, 5, 8));
        NDArray changed = x.duplicate();
        changed.set(new NDIndex(":, 4, :"), 3f);
        assertTrue(!LayerHarness.predict(model, x).get(":, 0, :").allClose(LayerHarness.predict(model, changed).get(":, 0, :")));
    }

    @Test
    void transformerEncoderBlocksCountAttentionFeedForwardAndNorms() {
        // attention 288; feed-forward 8 x 16 + 16 + 16 x 8 + 8 = 280; two layer norms 2 x 2 x 8 = 32
        LayerHarness.check(Model.sequential().input(6, 8).transformerEncoder(2, 16), new Shape(6, 8), 600);
        LayerHarness.check(Model.sequential().input(6, 8).add(Layers.transformerEncoder(2, 16).preNorm().activation("relu")),
                new Shape(6, 8), 600);
    }

    @Test
    void residualAddsTheInputToWhatItsBodyComputes() {
        // two dense layers of 8 x 8 + 8
        LayerHarness.check(Model.sequential().input(8).residual(it -> it.dense(8).relu().dense(8)), new Shape(8), 144);
        float[] x = {1f, -2f, 3f};
        assertArrayEquals(new float[] {2f, -4f, 6f}, predict(Model.sequential().input(3).residual(it -> it.identity()), x));
    }

    @Test
    void firstTokenKeepsTheFirstStepOfASequence() {
        Model model = Model.sequential().input(3, 2).firstToken();
        LayerHarness.check(model, new Shape(2), 0);
        assertArrayEquals(new float[] {1, 2}, predict(model, new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 3, 2)));
    }

    @Test
    void layersPrintAsTheCallsThatMakeThem() {
        assertEquals("dense(16)", Layers.dense(16).toString());
        assertEquals("leakyRelu(0.2)", Layers.leakyRelu(0.2).toString());
        assertEquals("conv2d(8, 3, stride=2, padding=1)", Layers.conv2d(8, 3, 2, 1).toString());
        assertEquals("maxPool(2, stride=2)", Layers.maxPool(2, 2).toString());
        assertEquals("lstm(32, returnSequences=true)", Layers.lstm(32, true).toString());
        assertEquals("transformerEncoder(4, 128, dropout=0.1, preNorm, causal)",
                Layers.transformerEncoder(4, 128).preNorm().causal().toString());
        assertEquals("residual(dense(4), relu)", Layers.residual(List.of(Layers.dense(4), Layers.relu())).toString());
    }

    private static void assertEarlyStepsIgnoreTheLastOne(Model model) {
        NDArray x = manager.randomNormal(new Shape(1, 5, 8));
        NDArray changed = x.duplicate();
        changed.set(new NDIndex(":, 4, :"), 3f);
        NDArray before = LayerHarness.predict(model, x).get(":, 0:4, :");
        NDArray after = LayerHarness.predict(model, changed).get(":, 0:4, :");
        assertTrue(before.allClose(after, 1e-5, 1e-5, false), model + " lets early steps see the last one");
    }

    private static void assertValues(float[] x, Model model, DoubleUnaryOperator formula) {
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = (float) formula.applyAsDouble(x[i]);
        }
        assertArrayEquals(expected, predict(model, x), 1e-5f, model.toString());
    }

    private static float[] predict(Model model, float[] x) {
        return predict(model, x, new Shape(1, x.length));
    }

    private static float[] predict(Model model, float[] x, Shape shape) {
        return LayerHarness.predict(model, manager.create(x, shape)).toFloatArray();
    }
}
