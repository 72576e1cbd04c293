package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * An activation function applied to every number on its own (softmax: across the last axis). It
 * has no parameters and keeps the shape.
 */
final class ActivationLayer implements Layer {

    /** The activations users can name; {@link #callName} is how they appear in summaries. */
    enum Kind {
        BINARY_STEP("binaryStep"),
        IDENTITY("identity"),
        SIGMOID("sigmoid"),
        TANH("tanh"),
        RELU("relu"),
        LEAKY_RELU("leakyRelu"),
        GELU("gelu"),
        SOFTMAX("softmax");

        final String callName;

        Kind(String callName) {
            this.callName = callName;
        }
    }

    /** Leaky ReLU's slope for negative inputs when none is given (the value Keras and PyTorch use). */
    static final double DEFAULT_LEAK = 0.01;

    private final Kind kind;
    private final double alpha;

    ActivationLayer(Kind kind, double alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** The activation called {@code name}, ignoring case, spaces, dashes and underscores. */
    static ActivationLayer named(String name) {
        String wanted = name == null ? "" : name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
        for (Kind kind : Kind.values()) {
            if (kind.callName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return new ActivationLayer(kind, DEFAULT_LEAK);
            }
        }
        throw LayerErrors.unknownActivation(name, names());
    }

    static List<String> names() {
        return Arrays.stream(Kind.values()).map(k -> k.callName).toList();
    }

    /** The function itself, for blocks that apply an activation inside (transformer feed-forward). */
    UnaryOperator<NDArray> function() {
        float leak = (float) alpha;
        return switch (kind) {
            // A step has slope 0 everywhere (and none at 0): adding 0 x keeps it in the gradient graph with
            // gradient 0, so training through it learns nothing instead of failing.
            case BINARY_STEP -> x -> x.gte(0f).toType(x.getDataType(), false).add(x.mul(0f));
            case IDENTITY -> x -> x;
            case SIGMOID -> Activation::sigmoid;
            case TANH -> Activation::tanh;
            case RELU -> Activation::relu;
            case LEAKY_RELU -> x -> Activation.leakyRelu(x, leak);
            case GELU -> Activation::gelu;
            case SOFTMAX -> x -> x.softmax(-1);
        };
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }

    @Override
    public Block block(Shape input) {
        return new FunctionBlock(toString(), function(), shape -> shape);
    }

    /** Elementwise, or (softmax) across the features of one step. */
    @Override
    public boolean ignoresPadding() {
        return true;
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "leakyRelu(" + alpha + ")" : kind.callName;
    }
}
