package io.perceptron.dsl.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.layer.Layers;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.tensor.Activations;
import io.perceptron.dsl.tensor.Neuron;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One resolver for every name a user types, and one message when a name is unknown. */
class NamesTest {
    private static final Names<Integer> COLOURS = Names.of("colour", "paint(\"darkRed\")", colours());

    private static Map<String, Integer> colours() {
        Map<String, Integer> colours = new LinkedHashMap<>();
        colours.put("darkRed", 1);
        colours.put("sky-blue", 2);
        colours.put("white", 3);
        return colours;
    }

    private static String messageOf(Executable call) {
        return assertThrows(PerceptronException.class, call).getMessage();
    }

    @Test
    void caseSpacesUnderscoresAndDashesDoNotMatter() {
        for (String spelling : List.of("darkRed", "DarkRed", "dark_red", "dark-red", "Dark Red", " DARK RED ")) {
            assertEquals(1, COLOURS.resolve(spelling), spelling);
        }
        assertEquals(2, COLOURS.resolve("SkyBlue"));
    }

    @Test
    void anUnknownNameGetsTheOneMessageListingTheValidNamesAndACallThatWorks() {
        assertEquals("There is no colour called 'green'. Valid names: darkRed, sky-blue, white (case, spaces, '_' and '-'"
                + " do not matter), e.g. paint(\"darkRed\").", messageOf(() -> COLOURS.resolve("green")));
        assertEquals("There is no colour called 'null'. Valid names: darkRed, sky-blue, white (case, spaces, '_' and '-'"
                + " do not matter), e.g. paint(\"darkRed\").", messageOf(() -> COLOURS.resolve(null)));
        assertEquals(List.of("darkRed", "sky-blue", "white"), COLOURS.names());
    }

    @Test
    void twoNamesThatReadTheSameCannotShareACatalogue() {
        Map<String, Integer> clash = new LinkedHashMap<>();
        clash.put("leakyRelu", 1);
        clash.put("leaky_relu", 2);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Names.of("activation", "relu()", clash));
        assertTrue(error.getMessage().contains("leaky_relu"), error.getMessage());
    }

    @Test
    void lossesOptimizersActivationsAndNeuronsAllAnswerWithThatMessage() {
        assertEquals("There is no loss called 'hinge'. Valid names: mse, l1, huber, crossEntropy, binaryCrossEntropy"
                + " (case, spaces, '_' and '-' do not matter), e.g. Loss.named(\"mse\").", messageOf(() -> Loss.named("hinge")));
        assertEquals("There is no optimizer called 'rmsprop'. Valid names: sgd, adam, adamW (case, spaces, '_' and '-'"
                + " do not matter), e.g. Optimizer.named(\"adam\").", messageOf(() -> Optimizer.named("rmsprop")));
        assertEquals("There is no activation called 'swish'. Valid names: binaryStep, identity, sigmoid, tanh, relu,"
                + " leakyRelu, gelu, softmax (case, spaces, '_' and '-' do not matter), e.g. activation(\"relu\").",
                messageOf(() -> Layers.activation("swish")));
        assertEquals("There is no one-number activation called 'softmax'. Valid names: binaryStep, identity, sigmoid,"
                + " tanh, relu, leakyRelu, gelu (case, spaces, '_' and '-' do not matter), e.g."
                + " Neuron.of(listOf(0.8, -0.5), 0.1, \"sigmoid\").",
                messageOf(() -> Neuron.of(List.of(1.0), 0.0, "softmax")));
    }

    @Test
    void layersAndNeuronsNameTheSameActivations() {
        assertEquals("leakyRelu(0.01)", Layers.activation("Leaky ReLU").toString());
        assertEquals("relu", Layers.activation("ReLU").toString());
        for (String name : Activations.names()) {
            assertEquals(name, Layers.activation(name).toString().replace("(0.01)", ""), name);
        }
    }
}
