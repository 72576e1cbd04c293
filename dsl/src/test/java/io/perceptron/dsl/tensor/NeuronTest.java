package io.perceptron.dsl.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeuronTest {

    @Test
    void aNeuronMultipliesAddsTheBiasAndBends() {
        Neuron neuron = Neuron.of(List.of(0.8, -0.5), 0.1, "sigmoid");
        assertEquals(-0.1, neuron.weightedSum(1.0, 2.0), 1e-12);
        assertEquals(1 / (1 + Math.exp(0.1)), neuron.output(1.0, 2.0), 1e-12);
        assertEquals(neuron.output(1.0, 2.0), neuron.output(List.of(1, 2)), 1e-12);
    }

    @Test
    void aStepNeuronWithChosenWeightsIsAnAndGate() {
        Neuron and = Neuron.of(List.of(1.0, 1.0), -1.5, "binaryStep");
        assertEquals(0.0, and.output(0, 0));
        assertEquals(0.0, and.output(0, 1));
        assertEquals(0.0, and.output(1, 0));
        assertEquals(1.0, and.output(1, 1));
    }

    @Test
    void onTensorsTheNeuronGivesOneOutputPerRow() {
        Neuron neuron = Neuron.of(new double[] {2.0, -1.0}, 0.5, "relu");
        NDArray batch = Tensors.of(List.of(List.of(1.0, 1.0), List.of(0.0, 3.0), List.of(2.0, 0.0)));
        NDArray out = neuron.output(batch);
        assertEquals(new Shape(3), out.getShape());
        assertArrayEquals(new double[] {1.5, 0.0, 4.5}, Tensors.values(out), 1e-6);
        assertEquals(new Shape(), neuron.output(Tensors.of(1.0, 1.0)).getShape());
    }

    @Test
    void theWrongNumberOfInputsOrAnUnknownActivationIsExplained() {
        Neuron neuron = Neuron.of(List.of(1.0, 2.0), 0.0, "tanh");
        PerceptronException count = assertThrows(PerceptronException.class, () -> neuron.output(1.0, 2.0, 3.0));
        assertTrue(count.getMessage().contains("2 weights") && count.getMessage().contains("3 inputs"),
                count.getMessage());
        PerceptronException batch = assertThrows(PerceptronException.class,
                () -> neuron.output(Tensors.of(List.of(List.of(1.0, 2.0, 3.0)))));
        assertTrue(batch.getMessage().contains("3 inputs"), batch.getMessage());
        PerceptronException name = assertThrows(PerceptronException.class,
                () -> Neuron.of(List.of(1.0), 0.0, "swish"));
        assertTrue(name.getMessage().contains("'swish'") && name.getMessage().contains("gelu"), name.getMessage());
    }

    @Test
    void aNeuronPrintsItsWeightsBiasAndActivation() {
        assertEquals("Neuron(weights [0.8, -0.5], bias 0.1, sigmoid)",
                Neuron.of(List.of(0.8, -0.5), 0.1, "sigmoid").toString());
    }
}
