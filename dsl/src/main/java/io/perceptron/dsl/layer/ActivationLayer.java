package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.perceptron.dsl.names.Names;
import io.perceptron.dsl.tensor.Activations.Function;
import io.perceptron.dsl.tensor.Activations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An activation function applied to every number on its own (softmax: across the last axis). It
 * has no parameters and keeps the shape. The functions themselves are the DSL's one catalogue,
 * {@link Activations.Function}; this is them as a layer.
 */
final class ActivationLayer implements Layer {

    /** Every activation by the name a user types: {@code activation("relu")}, a transformer's {@code activation("gelu")}. */
    private static final Names<Function> BY_NAME = Names.of("activation", "activation(\"relu\")", catalogue());

    private final Function function;
    private final double alpha;

    ActivationLayer(Function function, double alpha) {
        this.function = function;
        this.alpha = alpha;
    }

    /** The activation {@code function} as a layer, with leaky ReLU's default slope. */
    static ActivationLayer of(Function function) {
        return new ActivationLayer(function, Activations.LEAKY_SLOPE);
    }

    /** The activation called {@code name}, ignoring case, spaces, dashes and underscores. */
    static ActivationLayer named(String name) {
        return of(BY_NAME.resolve(name));
    }

    /** The names {@link #named(String)} accepts, in catalogue order. */
    static List<String> names() {
        return BY_NAME.names();
    }

    private static Map<String, Function> catalogue() {
        Map<String, Function> functions = new LinkedHashMap<>();
        for (Function function : Function.values()) {
            functions.put(function.label(), function);
        }
        return functions;
    }

    /** The function itself, for blocks that apply an activation inside (transformer feed-forward). */
    UnaryOperator<NDArray> function() {
        return x -> function.apply(x, alpha);
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
    public LayerDescription describe() {
        return function == Function.LEAKY_RELU ? LayerDescription.of(function.label(), "alpha", alpha)
                : LayerDescription.of(function.label());
    }

    @Override
    public String toString() {
        return function == Function.LEAKY_RELU ? "leakyRelu(" + alpha + ")" : function.label();
    }
}
