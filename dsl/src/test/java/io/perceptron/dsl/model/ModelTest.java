package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.layer.LayerHarness;
import io.perceptron.dsl.layer.Layers;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Building a model fluently, describing it, and the advice it gives when something is wrong. */
class ModelTest {

    private static Model issueExample() {
        return Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2);
    }

    @Test
    void theIssueExampleBuildsAndCountsItsParametersFromShapes() {
        Model model = issueExample();
        assertEquals(new Shape(2), model.inputShape());
        assertEquals(new Shape(2), model.outputShape());
        // 2x16+16, 16x16+16, 16x2+2
        assertEquals(48 + 272 + 34, model.parameterCount());
        assertFalse(model.isBuilt(), "describing a model does not build it");
        LayerHarness.check(model, new Shape(2), 354);
    }

    @Test
    void summaryListsEveryLayerWithItsOutputShapeAndParametersThenTheTotal() {
        Table summary = issueExample().summary();
        assertEquals(List.of("#", "layer", "output shape", "parameters"), summary.columnNames());
        assertEquals(List.of("", "0", "1", "2", "3", "4", ""), summary.stringColumn("#").asList());
        assertEquals(List.of("input", "dense(16)", "relu", "dense(16)", "relu", "dense(2)", "total"),
                summary.stringColumn("layer").asList());
        assertEquals(List.of("(2)", "(16)", "(16)", "(16)", "(16)", "(2)", ""),
                summary.stringColumn("output shape").asList());
        assertEquals(List.of(0L, 48L, 0L, 272L, 0L, 34L, 354L), summary.longColumn("parameters").asList());
    }

    @Test
    void aModelPrintsAsOneLineWithItsShapesAndParameterCount() {
        assertEquals("Model \"sequential\": (2) -> dense(16) -> relu -> dense(16) -> relu -> dense(2) -> (2),"
                + " 354 parameters", issueExample().toString());
        assertEquals("Model \"sequential\": dense(2); no input shape yet, call input(...)",
                Model.sequential().dense(2).toString());
    }

    @Test
    void longModelsPrintTheirEndsAndCountTheMiddle() {
        String text = Architectures.gpt2XL().toString();
        assertTrue(text.startsWith("Model \"GPT-2 XL\": (1024) -> embedding(50257, 1600) -> positionalEmbedding(1024)"),
                text);
        assertTrue(text.contains("... 40 more ..."), text);
        assertTrue(text.endsWith("layerNorm -> (1024, 1600), 1,557,611,200 parameters"), text);
    }

    @Test
    void inANotebookAModelShowsItsSummaryTable() {
        assertTrue(issueExample().mimeBundle().get("text/html").contains("<td>dense(16)</td>"));
    }

    @Test
    void intAndLongInputShapesAreTheSame() {
        assertEquals(Model.sequential().input(1L, 28L, 28L).inputShape(), Model.sequential().input(1, 28, 28).inputShape());
    }

    @Test
    void layersAddedBeforeTheInputShapeAreCheckedWhenItArrives() {
        Model model = Model.sequential().dense(4).relu();
        PerceptronException e = assertThrows(PerceptronException.class, () -> model.input(3, 8, 8));
        assertTrue(e.getMessage().startsWith("Layer #0 of model \"sequential\" does not fit: dense(4) works on a vector"),
                e.getMessage());
        assertEquals(new Shape(4), model.input(5).outputShape());
    }

    @Test
    void describingWithoutAnInputShapeSaysToCallInput() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Model.sequential().dense(2).summary());
        assertEquals("Model \"sequential\" has no input shape, so its summary cannot be worked out. Call input(...)"
                + " first with the shape of one example: input(2) for two numbers per row, input(1, 28, 28) for"
                + " 28x28 grey images, input(12) for 12 token ids.", e.getMessage());
        assertThrows(PerceptronException.class, () -> Model.sequential().dense(2).djl());
    }

    @Test
    void aLayerThatDoesNotFitNamesItsPositionBothShapesAndTheFix() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(784).dense(16).conv2d(8, 3));
        assertEquals("Layer #1 of model \"sequential\" does not fit: conv2d(8, 3) works on images shaped (channels,"
                + " height, width), but receives (16). Start the model with input(channels, height, width), e.g."
                + " input(1, 28, 28) for grey 28x28 images, and put flatten() only after the last convolution or"
                + " pooling layer.", e.getMessage());
    }

    @Test
    void denseOnFeatureMapsSuggestsFlatten() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(1, 28, 28).conv2d(8, 3).dense(10));
        assertTrue(e.getMessage().contains("dense(10) works on a vector of features (or a sequence of vectors), but"
                + " receives (8, 26, 26). Add flatten() before it to turn each (8, 26, 26) example into one vector"
                + " of 5408 numbers."), e.getMessage());
    }

    @Test
    void aWindowLargerThanTheImageSaysHowToFixIt() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(1, 8, 8).maxPool(2).maxPool(2).conv2d(4, 3));
        assertTrue(e.getMessage().contains("Layer #2") && e.getMessage().contains("conv2d(4, 3) slides a 3x3 window"
                + " over the image, but receives (1, 2, 2). The window does not fit in the 2x2 image it receives"),
                e.getMessage());
    }

    @Test
    void attentionHeadsMustDivideTheFeatures() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(10).embedding(100, 30).multiHeadAttention(4));
        assertTrue(e.getMessage().contains("30 is not divisible by 4"), e.getMessage());
    }

    @Test
    void aResidualBodyMustKeepTheShape() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(16).residual(it -> it.dense(8)));
        assertTrue(e.getMessage().contains("the body must keep the shape (16), but receives (16). The body produces"
                + " (8): end it with a layer that gives back (16), e.g. dense(16)."), e.getMessage());
    }

    @Test
    void aLayerThatDoesNotFitIsNotKept() {
        Model model = Model.sequential().input(4).dense(8);
        assertThrows(PerceptronException.class, () -> model.conv2d(2, 2));
        assertEquals(1, model.layers().size());
        assertEquals(new Shape(8), model.outputShape());
    }

    @Test
    void invalidArgumentsNameTheArgumentWhatWasExpectedAndAnExample() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Model.sequential().input(2).dense(0));
        assertEquals("dense(0): units must be a whole number of at least 1, but was 0. For example: dense(16).",
                e.getMessage());
        e = assertThrows(PerceptronException.class, () -> Model.sequential().dropout(1.0));
        assertEquals("dropout(1.0): the rate must be from 0 up to (not including) 1, but was 1.0. For example:"
                + " dropout(0.2).", e.getMessage());
        e = assertThrows(PerceptronException.class, () -> Model.sequential().input(2, 0));
        assertTrue(e.getMessage().startsWith("input(2, 0): every size must be a whole number of at least 1"),
                e.getMessage());
    }

    @Test
    void anUnknownActivationListsTheKnownOnes() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Model.sequential().activation("swish"));
        assertEquals("There is no activation called 'swish'. Valid names: binaryStep, identity, sigmoid, tanh, relu,"
                + " leakyRelu, gelu, softmax (case, spaces, '_' and '-' do not matter), e.g. activation(\"relu\").",
                e.getMessage());
        assertEquals("leakyRelu(0.01)", Model.sequential().activation("leaky_relu").layers().get(0).toString());
    }

    @Test
    void anInputShapeIsSetOnce() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> Model.sequential().input(2).input(3));
        assertTrue(e.getMessage().contains("already has the input shape (2)"), e.getMessage());
    }

    @Test
    void aDecoderLayerOutsideADecoderSaysToUseModelDecoder() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(6, 8).transformerDecoder(2, 16));
        assertEquals("transformerDecoder(2, 16, dropout=0.1) attends to what an encoder produced, but this model has"
                + " no encoder. Build it with Model.decoder(encoder), or use transformerEncoder(...) for"
                + " self-attention only.", e.getMessage());
    }

    @Test
    void djlBuildsTheModelOnceAndKeepsItsParameters() {
        Model model = Model.sequential().input(3).dense(2);
        ai.djl.Model djl = model.djl();
        assertTrue(model.isBuilt());
        assertSame(djl, model.djl());
        assertEquals(new Shape(2, 3), djl.getBlock().getParameters().get(0).getValue().getArray().getShape());
    }

    @Test
    void aBuiltModelTakesNoMoreLayersAndSaysHowToReuseIt() {
        Model model = Model.sequential().input(3).dense(2);
        model.djl();
        PerceptronException e = assertThrows(PerceptronException.class, model::relu);
        assertTrue(e.getMessage().startsWith("Cannot add relu: model \"sequential\" has already been built"),
                e.getMessage());
        assertTrue(e.getMessage().contains("add(model.first(n))"), e.getMessage());
    }

    @Test
    void aClosedModelSaysItWasClosed() {
        Model model = Model.sequential().input(3).dense(2);
        model.djl();
        model.close();
        PerceptronException e = assertThrows(PerceptronException.class, model::djl);
        assertEquals("Model \"sequential\" was closed and its parameters freed. Build it again to use it.",
                e.getMessage());
    }

    @Test
    void freezingAMissingLayerSaysWhichExist() {
        PerceptronException e = assertThrows(PerceptronException.class, () -> issueExample().freeze(9));
        assertEquals("Model \"sequential\" has no layer #9: it has 5 layers, #0 to #4. The numbers are those in the"
                + " '#' column of summary().", e.getMessage());
    }

    @Test
    void modelsRunOnTheCpuUnlessAGpuIsThere() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        Model model = Model.sequential().input(3).dense(2);
        assertEquals(Device.cpu(), model.device());
        assertEquals(Device.cpu(), model.djl().getBlock().getParameters().get(0).getValue().getArray().getDevice());
    }

    @Test
    void forcingAGpuThatIsNotThereIsAClearError() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        PerceptronException e = assertThrows(PerceptronException.class, () -> Model.sequential().device("gpu"));
        assertEquals("The model was asked to run on gpu(0), but the engine sees no GPU. Use device(\"cpu\") or"
                + " device(\"auto\"); a GPU needs a CUDA machine and the CUDA build of PyTorch on the class path.",
                e.getMessage());
        e = assertThrows(PerceptronException.class, () -> Model.sequential().device("tpu"));
        assertTrue(e.getMessage().startsWith("There is no device called 'tpu'."), e.getMessage());
        assertEquals(Device.cpu(), Model.sequential().device("cpu").device());
    }

    @Test
    void layersWithOptionsGoInThroughAdd() {
        Model model = Model.sequential().input(5, 8).add(Layers.transformerEncoder(2, 16).preNorm().dropout(0.0));
        assertEquals("transformerEncoder(2, 16, dropout=0.0, preNorm)", model.layers().get(0).toString());
    }
}
