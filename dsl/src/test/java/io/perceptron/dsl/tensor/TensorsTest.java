package io.perceptron.dsl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsTest {

    @Test
    void nestedListsBecomeTensorsOfTheMatchingShape() {
        NDArray matrix = Tensors.of(List.of(List.of(1.0, 2.0, 3.0), List.of(4.0, 5.0, 6.0)));
        assertEquals(new Shape(2, 3), matrix.getShape());
        assertEquals(DataType.FLOAT32, matrix.getDataType());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Tensors.values(matrix));
        NDArray cube = Tensors.of(List.of(List.of(List.of(1, 2)), List.of(List.of(3, 4))));
        assertEquals(new Shape(2, 1, 2), cube.getShape());
        assertArrayEquals(new double[] {1, 2}, Tensors.values(Tensors.of(List.of(1, 2))));
    }

    @Test
    void arraysAndNumbersBecomeTensorsToo() {
        assertEquals(new Shape(3), Tensors.of(1.0, 2.0, 3.0).getShape());
        assertEquals(new Shape(2), Tensors.of(1, 2).getShape());
        assertEquals(new Shape(2, 2), Tensors.of(new double[][] {{1, 2}, {3, 4}}).getShape());
        assertEquals(new Shape(1, 3), Tensors.of(new float[][] {{1, 2, 3}}).getShape());
        assertEquals(new Shape(), Tensors.scalar(2.5).getShape());
        assertEquals(2.5, Tensors.number(Tensors.scalar(2.5)));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, Tensors.values(Tensors.zeros(2, 3)));
        assertArrayEquals(new double[] {1, 1}, Tensors.values(Tensors.ones(2)));
    }

    @Test
    void raggedOrNonNumericListsAreExplained() {
        PerceptronException ragged = assertThrows(PerceptronException.class,
                () -> Tensors.of(List.of(List.of(1.0, 2.0), List.of(3.0))));
        assertTrue(ragged.getMessage().contains("Row [1] has 1 numbers, but row [0] has 2"), ragged.getMessage());
        PerceptronException text = assertThrows(PerceptronException.class, () -> Tensors.of(List.of(1.0, "two")));
        assertTrue(text.getMessage().contains("'two'") && text.getMessage().contains("[1]"), text.getMessage());
        PerceptronException empty = assertThrows(PerceptronException.class, () -> Tensors.of(List.of()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        PerceptronException shape = assertThrows(PerceptronException.class, () -> Tensors.zeros(2, 0));
        assertTrue(shape.getMessage().contains("(2, 0)"), shape.getMessage());
    }

    @Test
    void randomTensorsAreStandardNormalAndRepeatForASeed() {
        NDArray a = Tensors.random(new Shape(100, 100), 42);
        assertArrayEquals(Tensors.values(a), Tensors.values(Tensors.random(new Shape(100, 100), 42)));
        assertFalse(java.util.Arrays.equals(Tensors.values(a), Tensors.values(Tensors.random(new Shape(100, 100), 43))));
        double[] values = Tensors.values(a);
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertEquals(0, mean, 0.05);
        assertEquals(1, variance, 0.05);
    }

    @Test
    void tensorsPrintAsAlignedRowsWithTheirShape() {
        assertEquals("tensor([[ 1.0,  2.5],\n        [-3.0,  4.0]])  shape (2, 2)",
                Tensors.format(Tensors.of(List.of(List.of(1.0, 2.5), List.of(-3.0, 4.0)))));
        assertEquals("tensor(0.5)  shape ()", Tensors.format(Tensors.scalar(0.5)));
        assertEquals("tensor([ 0.0,  1.0,  2.0, ..., 97.0, 98.0, 99.0])  shape (100)",
                Tensors.format(Tensors.manager().arange(100f)));
        assertEquals("tensor([1, 2])  shape (2), int32", Tensors.format(Tensors.manager().create(new int[] {1, 2})));
    }

    @Test
    void theGradientOfASquareIsTwiceTheInput() {
        NDArray x = Tensors.of(3.0, -1.0);
        Gradients g = Tensors.gradient(x, () -> x.square().sum());
        assertEquals(10.0, g.value(), 1e-6);
        assertArrayEquals(new double[] {6, -2}, Tensors.values(g.of(x)), 1e-6);
    }

    @Test
    void autogradAgreesWithTheChainRuleForOneSigmoidNeuron() {
        // One neuron a = sigmoid(z), z = w.x + b, loss L = (a - y)^2.
        double[] xs = {1.5, -2.0};
        double[] ws = {0.3, 0.8};
        double b = 0.1;
        double y = 1.0;
        NDArray x = Tensors.of(xs);
        NDArray w = Tensors.of(ws);
        NDArray bias = Tensors.scalar(b);
        Gradients g = Tensors.gradient(List.of(w, bias),
                () -> Activations.sigmoid(w.mul(x).sum().add(bias)).sub(y).square());

        double z = ws[0] * xs[0] + ws[1] * xs[1] + b;
        double a = 1 / (1 + Math.exp(-z));
        double dLda = 2 * (a - y);
        double dadz = a * (1 - a);
        double[] byHand = {dLda * dadz * xs[0], dLda * dadz * xs[1]};   // dz/dw = x
        assertEquals((a - y) * (a - y), g.value(), 1e-6);
        assertArrayEquals(byHand, Tensors.values(g.of(w)), 1e-6);
        assertEquals(dLda * dadz, Tensors.number(g.of(bias)), 1e-6);   // dz/db = 1
    }

    @Test
    void gradientsStartFromZeroOnEveryCall() {
        NDArray w = Tensors.of(2.0);
        Gradients first = Tensors.gradient(w, () -> w.mul(3).sum());
        Gradients second = Tensors.gradient(w, () -> w.mul(3).sum());
        assertArrayEquals(new double[] {3}, Tensors.values(first.of(w)), 1e-6);
        assertArrayEquals(new double[] {3}, Tensors.values(second.of(w)), 1e-6);
    }

    @Test
    void gradientDescentStepsLowerTheLoss() {
        NDArray target = Tensors.of(1.0, -2.0);
        NDArray w = Tensors.zeros(2);
        double before = Double.NaN;
        double after = Double.NaN;
        for (int i = 0; i < 20; i++) {
            NDArray current = w;
            Gradients g = Tensors.gradient(current, () -> current.sub(target).square().sum());
            if (i == 0) before = g.value();
            after = g.value();
            w = g.step(0.1).get(0);
        }
        assertTrue(after < before / 100, "loss went from " + before + " to " + after);
        assertArrayEquals(new double[] {1, -2}, Tensors.values(w), 0.05);
        NDArray stepped = Tensors.step(Tensors.of(1.0), Tensors.of(4.0), 0.25);
        assertArrayEquals(new double[] {0}, Tensors.values(stepped), 1e-6);
    }

    @Test
    void aTensorTheValueDoesNotUseHasAZeroGradient() {
        NDArray w = Tensors.of(1.0, 2.0);
        NDArray unused = Tensors.of(5.0);
        Gradients g = Tensors.gradient(List.of(w, unused), () -> w.sum());
        assertArrayEquals(new double[] {1, 1}, Tensors.values(g.of(w)));
        assertArrayEquals(new double[] {0}, Tensors.values(g.of(unused)));
        Gradients constant = Tensors.gradient(w, () -> Tensors.scalar(4.0));
        assertEquals(4.0, constant.value());
        assertArrayEquals(new double[] {0, 0}, Tensors.values(constant.of(w)));
    }

    @Test
    void gradientMistakesAreExplained() {
        NDArray w = Tensors.of(1.0, 2.0);
        NDArray unused = Tensors.of(5.0);
        PerceptronException notScalar = assertThrows(PerceptronException.class,
                () -> Tensors.gradient(w, () -> w.mul(2)));
        assertTrue(notScalar.getMessage().contains("shape (2)") && notScalar.getMessage().contains(".sum()"),
                notScalar.getMessage());
        PerceptronException notAnInput = assertThrows(PerceptronException.class,
                () -> Tensors.gradient(w, () -> w.sum()).of(unused));
        assertTrue(notAnInput.getMessage().contains("not one of the 1 tensors"), notAnInput.getMessage());
        NDArray whole = Tensors.manager().create(new int[] {1, 2});
        PerceptronException integers = assertThrows(PerceptronException.class,
                () -> Tensors.gradient(whole, () -> whole.sum()));
        assertTrue(integers.getMessage().contains("int32") && integers.getMessage().contains("decimal"),
                integers.getMessage());
    }

    @Test
    void aScopeFreesWhatWasMadeInsideExceptTheResult() {
        NDArray[] inside = new NDArray[1];
        NDArray kept = Tensors.scope(() -> {
            inside[0] = Tensors.of(1.0, 2.0);
            return inside[0].mul(2);
        });
        assertTrue(inside[0].isReleased(), "a tensor made inside the scope is freed");
        assertFalse(kept.isReleased(), "the result survives");
        assertArrayEquals(new double[] {2, 4}, Tensors.values(kept));
    }
}
