package io.perceptron.dsl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.PerceptronException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ActivationsTest {

    @Test
    void activationsHaveTheirTextbookValuesAtKnownPoints() {
        assertEquals(1.0, Activations.binaryStep(0.0));
        assertEquals(0.0, Activations.binaryStep(-0.001));
        assertEquals(-2.5, Activations.identity(-2.5));
        assertEquals(0.5, Activations.sigmoid(0.0), 1e-12);
        assertEquals(0.7310585786, Activations.sigmoid(1.0), 1e-9);
        assertEquals(0.7615941559, Activations.tanh(1.0), 1e-9);
        assertEquals(0.0, Activations.relu(-3.0));
        assertEquals(3.0, Activations.relu(3.0));
        assertEquals(-0.03, Activations.leakyRelu(-3.0), 1e-12);
        assertEquals(-0.6, Activations.leakyRelu(-3.0, 0.2), 1e-12);
        // GELU(x) = x * Phi(x); Phi(1) = 0.8413447461, Phi(-1) = 0.1586552539 (normal table).
        assertEquals(0.8413447461, Activations.gelu(1.0), 1e-6);
        assertEquals(-0.1586552539, Activations.gelu(-1.0), 1e-6);
        assertEquals(0.0, Activations.gelu(0.0), 1e-12);
    }

    @Test
    void softmaxGivesProbabilitiesThatSumToOneAndKeepTheOrder() {
        double[] p = Activations.softmax(2.0, 1.0, 0.1);
        assertArrayEquals(new double[] {0.6590011, 0.2424330, 0.0985659}, p, 1e-6);
        assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        // Huge scores do not overflow: the largest is subtracted first.
        assertArrayEquals(new double[] {0.5, 0.5}, Activations.softmax(1000.0, 1000.0), 1e-12);
        assertEquals(List.of(0.5, 0.5), Activations.softmax(List.of(3, 3)));
    }

    @Test
    void tensorVersionsAgreeWithTheNumberVersions() {
        double[] xs = {-2.0, -0.5, 0.0, 0.7, 3.0};
        NDArray x = Tensors.of(xs);
        for (String name : Activations.names()) {
            Activations.Function function = Activations.named(name);
            double[] byTensor = Tensors.values(function.apply(x));
            for (int i = 0; i < xs.length; i++) {
                assertEquals(function.apply(xs[i]), byTensor[i], 1e-5, name + " at " + xs[i]);
            }
        }
        assertArrayEquals(Activations.softmax(xs), Tensors.values(Activations.softmax(x)), 1e-6);
    }

    @Test
    void theBinaryStepHasAZeroGradientRatherThanNone() {
        NDArray x = Tensors.of(-1.0, 2.0);
        Gradients g = Tensors.gradient(x, () -> Activations.binaryStep(x).sum());
        assertEquals(1.0, g.value());
        assertArrayEquals(new double[] {0, 0}, Tensors.values(g.of(x)));
    }

    @Test
    void theIdentityOfATensorIsACopyThatPassesTheGradientThrough() {
        NDArray x = Tensors.of(-1.0, 2.0);
        NDArray same = Activations.identity(x);
        Gradients g = Tensors.gradient(x, () -> Activations.identity(x).mul(3f).sum());

        assertArrayEquals(new double[] {-1, 2}, Tensors.values(same));
        assertTrue(same != x, "a new array, freed on its own");
        assertArrayEquals(new double[] {3, 3}, Tensors.values(g.of(x)));
    }

    @Test
    void theTableHoldsEveryActivationOverTheRange() {
        Table table = Activations.table(-4.0, 4.0, 81);
        assertEquals(81, table.rowCount());
        assertEquals(List.of("x", "binaryStep", "identity", "sigmoid", "tanh", "relu", "leakyRelu", "gelu"),
                table.columnNames());
        assertEquals(-4.0, table.doubleColumn("x").get(0));
        assertEquals(4.0, table.doubleColumn("x").get(80));
        assertEquals(0.5, table.doubleColumn("sigmoid").get(40), 1e-12);
    }

    @Test
    void namesResolveLooselyAndUnknownNamesListTheKnownOnes() {
        assertEquals(Activations.Function.LEAKY_RELU, Activations.named("leaky_relu"));
        assertEquals(Activations.Function.BINARY_STEP, Activations.named("Binary Step"));
        PerceptronException e = assertThrows(PerceptronException.class, () -> Activations.named("softplus"));
        assertTrue(e.getMessage().contains("'softplus'") && e.getMessage().contains("binaryStep, identity, sigmoid"),
                e.getMessage());
    }
}
