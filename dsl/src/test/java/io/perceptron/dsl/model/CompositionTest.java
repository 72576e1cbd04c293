package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.layer.LayerHarness;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Beyond a plain stack: parts shared between models, freezing, and encoders feeding decoders. */
class CompositionTest {
    private static NDManager manager;

    @BeforeAll
    static void startEngine() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void freeMemory() {
        manager.close();
    }

    private static Model features() {
        return Model.sequential("features").input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten();
    }

    @Test
    void aPartIsOneLayerWhoseParametersBothModelsShare() {
        Model features = features();
        Model taskA = Model.sequential("taskA").input(1, 8, 8).add(features).dense(2);
        Model taskB = Model.sequential("taskB").input(1, 8, 8).add(features).dense(3);
        // conv: 4 x 1 x 3 x 3 + 4 = 40; flattened (4, 3, 3) = 36 features; heads 36 x 2 + 2 and 36 x 3 + 3
        LayerHarness.check(taskA, new Shape(2), 40 + 74);
        LayerHarness.check(taskB, new Shape(3), 40 + 111);
        assertEquals("model \"features\" (4 layers)", taskB.layers().get(0).toString());
        Set<Parameter> inA = parameters(taskA);
        List<Parameter> shared = parameters(taskB).stream().filter(inA::contains).toList();
        assertEquals(2, shared.size(), "the convolution's weight and bias are the very same objects");
    }

    @Test
    void aFrozenPartKeepsItsParametersOutOfTrainingInEveryModel() {
        Model features = features();
        Model taskA = Model.sequential().input(1, 8, 8).add(features).dense(2);
        taskA.djl();
        features.freeze();
        Model taskB = Model.sequential().input(1, 8, 8).add(features).dense(3);

        assertEquals(151, taskB.parameterCount());
        assertEquals(111, taskB.trainableParameterCount());
        LayerHarness.check(taskB, new Shape(3), 151);
        for (Pair<String, Parameter> p : features.djl().getBlock().getParameters()) {
            assertFalse(p.getValue().requiresGradient(), p.getKey() + " frozen");
        }
        assertTrue(taskA.djl().getBlock().getParameters().stream()
                .filter(p -> !parameters(features).contains(p.getValue()))
                .allMatch(p -> p.getValue().requiresGradient()), "taskA's own head still learns");

        Table summary = taskB.summary();
        assertEquals("model \"features\" (4 layers), frozen", summary.stringColumn("layer").get(1));
        assertEquals("trainable", summary.stringColumn("layer").get(summary.rowCount() - 1));
        assertEquals(111L, summary.longColumn("parameters").get(summary.rowCount() - 1));
    }

    @Test
    void firstLayersOfATrainedModelCanBeFrozenUnderANewHead() {
        Model net = Model.sequential("net").input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten().dense(2);
        net.djl();
        Model transfer = Model.sequential("transfer").input(1, 8, 8).add(net.first(4).freeze()).dense(3);

        assertEquals(40 + 111, transfer.parameterCount());
        assertEquals(111, transfer.trainableParameterCount());
        LayerHarness.check(transfer, new Shape(3), 151);
        Parameter convWeight = net.djl().getBlock().getParameters().get(0).getValue();
        assertTrue(parameters(transfer).contains(convWeight), "the trained convolution is reused, not copied");
        assertFalse(convWeight.requiresGradient());
    }

    @Test
    void singleLayersFreezeByTheirSummaryNumber() {
        Model model = Model.sequential().input(4).dense(3).relu().dense(2).freeze(0);
        assertTrue(model.isFrozen(0));
        assertFalse(model.isFrozen(2));
        assertEquals(8, model.trainableParameterCount());
        assertEquals("dense(3), frozen", model.summary().stringColumn("layer").get(1));
        List<Pair<String, Parameter>> params = model.djl().getBlock().getParameters().stream().toList();
        assertEquals(List.of(false, false, true, true),
                params.stream().map(p -> p.getValue().requiresGradient()).toList());

        model.freeze().unfreeze(2);
        assertEquals(List.of(false, false, true, true),
                params.stream().map(p -> p.getValue().requiresGradient()).toList(), "only layer 2 learns");
        model.unfreeze();
        assertTrue(params.stream().allMatch(p -> p.getValue().requiresGradient()));
        assertEquals(model.parameterCount(), model.trainableParameterCount());
    }

    @Test
    void unfreezingLeavesBatchNormStatisticsOutOfTraining() {
        Model model = Model.sequential().input(3).dense(4).batchNorm().freeze();
        model.djl();
        model.unfreeze();
        List<Boolean> running = model.djl().getBlock().getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.RUNNING_MEAN
                        || p.getValue().getType() == Parameter.Type.RUNNING_VAR)
                .map(p -> p.getValue().requiresGradient()).toList();
        assertEquals(List.of(false, false), running);
        // dense 3 x 4 + 4, batch norm 2 x 4
        LayerHarness.check(model, new Shape(4), 24);
    }

    @Test
    void aModelCannotContainItself() {
        Model a = Model.sequential("a").input(2).dense(2);
        Model b = Model.sequential("b").input(2).add(a);
        PerceptronException e = assertThrows(PerceptronException.class, () -> a.add(b));
        assertEquals("Model \"a\" cannot contain itself. Add another model as a part.", e.getMessage());
    }

    @Test
    void aPartBuiltForOtherExamplesSaysSo() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(1, 9, 9).add(features()));
        assertTrue(e.getMessage().contains("model \"features\" (4 layers) was built for examples shaped (1, 8, 8),"
                + " but receives (1, 9, 9)."), e.getMessage());
    }

    private static Model lstmEncoder() {
        // 12 x 8 embedding + LSTM 4 x (16 x 8 + 16 x 16 + 2 x 16) = 96 + 1664
        return Model.sequential("encoder").input(6).embedding(12, 8).lstm(16);
    }

    @Test
    void anLstmDecoderStartsFromTheEncodersMeaningVector() {
        Model encoder = lstmEncoder();
        Model swedish = Model.decoder("swedish", encoder).input(7).embedding(10, 8).lstm(16, true).dense(10);
        assertEquals(List.of(new Shape(6), new Shape(7)), swedish.inputShapes());
        // encoder 1760; decoder: 10 x 8 embedding + 1664 LSTM + 16 x 10 + 10 dense
        LayerHarness.check(swedish, new Shape(7, 10), 1760 + 80 + 1664 + 170, 10);

        NDArray target = manager.create(new float[][] {{1, 2, 3, 4, 5, 6, 7}});
        NDArray fromOne = LayerHarness.predict(swedish, manager.create(new float[][] {{1, 1, 1, 1, 1, 1}}), target);
        NDArray fromAnother = LayerHarness.predict(swedish, manager.create(new float[][] {{2, 3, 4, 5, 6, 7}}), target);
        assertFalse(fromOne.allClose(fromAnother), "what the decoder says depends on the source sentence");
    }

    @Test
    void twoDecodersShareOneFrozenEncoder() {
        Model encoder = lstmEncoder();
        Model swedish = Model.decoder("swedish", encoder).input(7).embedding(10, 8).lstm(16, true).dense(10);
        swedish.djl();
        encoder.freeze();
        Model spanish = Model.decoder("spanish", encoder).input(7).embedding(11, 8).lstm(16, true).dense(11);

        long ownParameters = 88 + 1664 + 187;
        assertEquals(1760 + ownParameters, spanish.parameterCount());
        assertEquals(ownParameters, spanish.trainableParameterCount());
        LayerHarness.check(spanish, new Shape(7, 11), 1760 + ownParameters, 10);
        Set<Parameter> encoderParameters = parameters(encoder);
        assertEquals(encoderParameters, parameters(spanish).stream().filter(encoderParameters::contains)
                .collect(Collectors.toSet()), "the Spanish decoder reads the very encoder the Swedish one trained");
        assertTrue(encoderParameters.stream().noneMatch(Parameter::requiresGradient));

        Table summary = spanish.summary();
        assertEquals("encoder", summary.stringColumn("#").get(0));
        assertEquals("model \"encoder\" (2 layers), frozen", summary.stringColumn("layer").get(0));
        assertEquals("(16)", summary.stringColumn("output shape").get(0));
    }

    @Test
    void aTransformerDecoderAttendsToTheEncodersSequenceAndOnlyToEarlierTargetSteps() {
        // encoder: 12 x 8 embedding + 6 x 8 positions + encoder block 600
        Model encoder = Model.sequential("encoder").input(6).embedding(12, 8).positionalEmbedding(6)
                .transformerEncoder(2, 16);
        Model decoder = Model.decoder(encoder).input(7).embedding(10, 8).positionalEmbedding(7)
                .transformerDecoder(2, 16).dense(10);
        // decoder block: two attentions 2 x 288, feed-forward 280, three layer norms 3 x 16
        long decoderBlock = 576 + 280 + 48;
        LayerHarness.check(decoder, new Shape(7, 10), 96 + 48 + 600 + 80 + 56 + decoderBlock + 90, 10);

        NDArray source = manager.create(new float[][] {{1, 2, 3, 4, 5, 6}});
        NDArray early = LayerHarness.predict(decoder, source, manager.create(new float[][] {{1, 2, 3, 4, 5, 6, 7}}));
        NDArray lateChanged = LayerHarness.predict(decoder, source, manager.create(new float[][] {{1, 2, 3, 4, 5, 6, 9}}));
        assertTrue(early.get(":, 0:6, :").allClose(lateChanged.get(":, 0:6, :"), 1e-5, 1e-5, false));
        NDArray otherSource = LayerHarness.predict(decoder, manager.create(new float[][] {{6, 5, 4, 3, 2, 1}}),
                manager.create(new float[][] {{1, 2, 3, 4, 5, 6, 7}}));
        assertFalse(early.allClose(otherSource), "the decoder reads the source");
    }

    @Test
    void aDecoderWhoseStateSizeDiffersFromTheEncodersVectorSaysWhichSizesToMatch() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.decoder(lstmEncoder()).input(7).embedding(10, 8).lstm(32, true));
        assertEquals("Layer #1 of model \"decoder\" does not fit: lstm(32, returnSequences=true) reads the encoder's"
                + " output, which must be a vector of 32 numbers, its starting state, but receives (7, 8). The"
                + " encoder produces (16): make the two sizes match.", e.getMessage());
    }

    @Test
    void anEncoderNeedsAnInputShape() {
        PerceptronException e = assertThrows(PerceptronException.class,
                () -> Model.decoder(Model.sequential("encoder").embedding(10, 8).lstm(16)));
        assertTrue(e.getMessage().startsWith("Model \"encoder\" cannot be an encoder: it has no input shape yet"),
                e.getMessage());
    }

    private static Set<Parameter> parameters(Model model) {
        Map<Parameter, Boolean> identity = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : model.djl().getBlock().getParameters()) {
            identity.put(p.getValue(), true);
        }
        return identity.keySet();
    }

    @Test
    void summariesOfPartsShowThePartAsOneRow() {
        Model outer = Model.sequential("outer").input(1, 8, 8).add(features()).dense(2);
        Table summary = outer.summary();
        assertEquals(List.of("input", "model \"features\" (4 layers)", "dense(2)", "total"),
                summary.stringColumn("layer").asList());
        assertEquals(List.of(0L, 40L, 74L, 114L), summary.longColumn("parameters").asList());
    }
}
