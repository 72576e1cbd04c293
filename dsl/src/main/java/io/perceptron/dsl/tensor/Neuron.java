package io.perceptron.dsl.tensor;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One artificial neuron with weights you choose: it multiplies each input by its weight, adds
 * the bias, and passes the sum through an activation function.
 *
 * <pre>{@code
 * val neuron = Neuron.of(listOf(0.8, -0.5), 0.1, "sigmoid")
 * neuron.weightedSum(1.0, 2.0)                           // 0.8 - 1.0 + 0.1 = -0.1
 * neuron.output(1.0, 2.0)                                // sigmoid(-0.1) = 0.475
 * neuron.output(Tensors.of(listOf(listOf(1.0, 2.0), listOf(0.0, 0.0))))   // one output per row
 * }</pre>
 */
public final class Neuron {
    private final double[] weights;
    private final double bias;
    private final Activations.Function activation;

    private Neuron(double[] weights, double bias, Activations.Function activation) {
        if (weights.length == 0) {
            throw TensorErrors.noWeights();
        }
        this.weights = weights.clone();
        this.bias = bias;
        this.activation = activation;
    }

    /**
     * A neuron with the given weights (one per input), bias and activation.
     *
     * <pre>{@code
     * Neuron.of(listOf(1.0, 1.0), -1.5, "binaryStep")    // an AND gate
     * Neuron.of(listOf(1.0), 0.0, "softplus")            // fails: lists the known activations
     * }</pre>
     *
     * @param activation one of {@link Activations#names()}: binaryStep, identity, sigmoid, tanh,
     *                   relu, leakyRelu, gelu (case, spaces and underscores do not matter)
     */
    public static Neuron of(List<? extends Number> weights, double bias, String activation) {
        return new Neuron(weights.stream().mapToDouble(Number::doubleValue).toArray(), bias,
                Activations.named(activation));
    }

    /** A neuron from an array of weights; see {@link #of(List, double, String)}. */
    public static Neuron of(double[] weights, double bias, String activation) {
        return new Neuron(weights, bias, Activations.named(activation));
    }

    /** The weights, one per input. */
    public List<Double> weights() {
        return Arrays.stream(weights).boxed().toList();
    }

    /** The bias, added to the weighted sum. */
    public double bias() {
        return bias;
    }

    /** The activation's name. */
    public String activation() {
        return activation.label;
    }

    /** The sum before the activation: w1*x1 + w2*x2 + ... + bias. */
    public double weightedSum(double... inputs) {
        if (inputs.length != weights.length) {
            throw TensorErrors.inputCount(weights.length, inputs.length);
        }
        double z = bias;
        for (int i = 0; i < inputs.length; i++) z += weights[i] * inputs[i];
        return z;
    }

    /** The sum before the activation, for inputs in a list. */
    public double weightedSum(List<? extends Number> inputs) {
        return weightedSum(inputs.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** The neuron's output: the activation of the weighted sum. */
    public double output(double... inputs) {
        return activation.apply(weightedSum(inputs));
    }

    /** The neuron's output for inputs in a list. */
    public double output(List<? extends Number> inputs) {
        return output(inputs.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /**
     * The output computed with tensors: for inputs shaped [n] a single number (shape ()), for
     * a batch shaped [rows, n] one output per row (shape [rows]).
     *
     * <pre>{@code
     * neuron.output(Tensors.of(listOf(listOf(0.0, 0.0), listOf(1.0, 1.0))))   // shape (2)
     * }</pre>
     */
    public NDArray output(NDArray inputs) {
        long[] shape = inputs.getShape().getShape();
        long last = shape.length == 0 ? 1 : shape[shape.length - 1];
        if (shape.length == 0 || shape.length > 2 || last != weights.length) {
            throw TensorErrors.inputCount(weights.length, last);
        }
        try (NDArray w = inputs.getManager().create(toFloats(weights));
             NDArray products = inputs.mul(w);
             NDArray sums = products.sum(new int[] {-1});
             NDArray z = sums.add((float) bias)) {
            return activation.apply(z);
        }
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }

    @Override
    public String toString() {
        return "Neuron(weights " + Arrays.stream(weights).mapToObj(Neuron::number)
                .collect(Collectors.joining(", ", "[", "]")) + ", bias " + number(bias) + ", " + activation.label + ")";
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", ".0");
    }
}
