package io.perceptron.dsl.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each loss against values worked out by hand. */
class LossTest {
    private static final double TOLERANCE = 1e-5;
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void freeArrays() {
        manager.close();
    }

    private double value(Loss loss, NDArray outputs, NDArray labels) {
        return loss.compute(outputs, labels).getFloat();
    }

    @Test
    void mseAveragesSquaredErrors() {
        // errors 0, 1, 2 -> (0 + 1 + 4) / 3
        assertEquals(5.0 / 3, value(Loss.mse(), manager.create(new float[] {1, 2, 3}), manager.create(new float[] {1, 1, 1})),
                TOLERANCE);
    }

    @Test
    void l1AveragesAbsoluteErrors() {
        assertEquals(1.0, value(Loss.l1(), manager.create(new float[] {1, 2, -1}), manager.create(new float[] {1, 1, 1})),
                TOLERANCE);
    }

    @Test
    void huberIsSquaredInsideDeltaAndLinearOutside() {
        // errors 0, 0.5, 3 with delta 1: 0, 0.5 * 0.25, 1 * (3 - 0.5)
        double expected = (0 + 0.125 + 2.5) / 3;
        assertEquals(expected, value(Loss.huber(1.0), manager.create(new float[] {0, 0.5f, 3}),
                manager.create(new float[] {0, 0, 0})), TOLERANCE);
    }

    @Test
    void regressionLabelsOfOneNumberPerExampleMeetOutputsOfOneColumn() {
        NDArray outputs = manager.create(new float[] {1, 2, 3}, new Shape(3, 1));
        NDArray labels = manager.create(new float[] {1, 1, 1});

        assertEquals(5.0 / 3, value(Loss.mse(), outputs, labels), TOLERANCE);
    }

    @Test
    void crossEntropyIsMinusTheLogProbabilityOfTheRightClass() {
        // row 1: softmax(0, 0) = (1/2, 1/2), label 0 -> ln 2; row 2: softmax(ln 3, 0) = (3/4, 1/4), label 1 -> ln 4
        NDArray logits = manager.create(new float[] {0, 0, (float) Math.log(3), 0}, new Shape(2, 2));
        NDArray labels = manager.create(new long[] {0, 1});

        assertEquals((Math.log(2) + Math.log(4)) / 2, value(Loss.crossEntropy(), logits, labels), TOLERANCE);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.75f, 0.25f}, Loss.crossEntropy().probabilities(logits).toFloatArray(),
                1e-6f);
    }

    @Test
    void crossEntropyWorksPerPositionForSequences() {
        // two examples of two steps, three classes, all logits equal: ln 3 at every position
        NDArray logits = manager.zeros(new Shape(2, 2, 3));
        NDArray labels = manager.create(new long[] {0, 2, 1, 1}, new Shape(2, 2));

        assertEquals(Math.log(3), value(Loss.crossEntropy(), logits, labels), TOLERANCE);
    }

    @Test
    void binaryCrossEntropyScoresEachLabelThroughASigmoid() {
        // logit 0 with label 1: -ln sigmoid(0) = ln 2; logit 2 with label 0: -ln(1 - sigmoid(2)) = ln(1 + e^2)
        NDArray logits = manager.create(new float[] {0, 2}, new Shape(1, 2));
        NDArray labels = manager.create(new float[] {1, 0}, new Shape(1, 2));

        assertEquals((Math.log(2) + Math.log(1 + Math.exp(2))) / 2, value(Loss.binaryCrossEntropy(), logits, labels),
                TOLERANCE);
    }

    @Test
    void binaryCrossEntropyStaysFiniteForHugeLogits() {
        NDArray logits = manager.create(new float[] {100, -100}, new Shape(1, 2));
        NDArray labels = manager.create(new float[] {0, 1}, new Shape(1, 2));

        assertEquals(100.0, value(Loss.binaryCrossEntropy(), logits, labels), 1e-3,
                "confidently wrong costs the logit, not infinity");
    }

    @Test
    void namesResolveIgnoringCaseAndSeparatorsAndPrintedFormsRoundTrip() {
        assertEquals(Loss.mse(), Loss.named("MSE"));
        assertEquals(Loss.crossEntropy(), Loss.named("cross_entropy"));
        assertEquals(Loss.binaryCrossEntropy(), Loss.named("binary-cross-entropy"));
        assertEquals(Loss.huber(0.5), Loss.named(Loss.huber(0.5).toString()));
        assertEquals("huber(delta=0.5)", Loss.huber(0.5).toString());
        assertEquals(Loss.Task.MULTI_LABEL, Loss.named("binaryCrossEntropy").task());
    }

    @Test
    void anUnknownNameListsTheValidOnes() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> Loss.named("hinge"));

        assertEquals("There is no loss called 'hinge'. Valid names: mse, l1, huber, crossEntropy, binaryCrossEntropy "
                + "(case, spaces, '_' and '-' do not matter), e.g. Loss.named(\"mse\").", error.getMessage());
    }

    @Test
    void huberNeedsAPositiveDelta() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> Loss.huber(0));

        assertTrue(error.getMessage().contains("Loss.huber(delta) needs a positive delta, received 0.0"), error.getMessage());
    }
}
