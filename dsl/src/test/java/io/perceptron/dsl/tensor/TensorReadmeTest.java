package io.perceptron.dsl.tensor;

import io.perceptron.dsl.Readme;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The "Tensors" section of dsl/README.md, cell by cell in Java: what it quotes is what the code does. */
class TensorReadmeTest {

    private static String section() {
        return Readme.section("Tensors");
    }

    @Test
    void theQuotedTensorsNeuronAndActivationsAreTheRealOnes() throws IOException {
        String text = section();
        String matrix = Tensors.format(Tensors.of(List.of(List.of(1.0, 2.5), List.of(-3.0, 4.0))));
        assertTrue(text.contains("// " + matrix.replace("\n", "\n// ")), matrix);
        Neuron neuron = Neuron.of(List.of(0.8, -0.5), 0.1, "sigmoid");
        assertTrue(text.contains("// " + neuron));
        assertTrue(text.contains(String.format(Locale.ROOT, "= %.3f", neuron.output(1.0, 2.0))));
        String relu = Tensors.format(Activations.relu(Tensors.of(-1.0, 2.0)));
        assertTrue(text.contains("// " + relu.substring(0, relu.indexOf("  shape"))));
        double[] p = Activations.softmax(2.0, 1.0, 0.1);
        assertTrue(text.contains(String.format(Locale.ROOT, "// [%.3f, %.3f, %.3f]", p[0], p[1], p[2])));
    }

    @Test
    void theWorkedGradientIsTheOneAutogradComputes() throws IOException {
        String text = section();
        NDArray x = Tensors.of(1.0, 2.0);
        NDArray w = Tensors.of(0.5, -1.0);
        NDArray b = Tensors.scalar(0.1);
        Gradients g = Tensors.gradient(List.of(w, b),
                () -> Activations.sigmoid(w.mul(x).sum().add(b)).sub(1.0).square());
        assertTrue(text.contains(String.format(Locale.ROOT, "// %.4f: the loss", g.value())));
        for (String quoted : new String[] {format(g.of(w)), format(g.of(b)), format(Tensors.step(w, g.of(w), 0.5))}) {
            assertTrue(text.contains("// " + quoted), quoted);
        }
    }

    private static String format(NDArray tensor) {
        String text = Tensors.format(tensor);
        return text.substring(0, text.indexOf("  shape"));
    }
}
