package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A block without parameters that applies one function to its input (an activation, flattening,
 * pooling). Unlike DJL's {@code LambdaBlock} it takes its output shape from the layer's own shape
 * rule instead of running the function on zeros, so building a model allocates nothing extra.
 * A layer that reads the padding mask gives a second function, used when the mask comes along.
 */
final class FunctionBlock extends AbstractBlock {
    private final String name;
    private final UnaryOperator<NDArray> function;
    private final BinaryOperator<NDArray> withMask;
    private final UnaryOperator<Shape> exampleShapeRule;

    FunctionBlock(String name, UnaryOperator<NDArray> function, UnaryOperator<Shape> exampleShapeRule) {
        this(name, function, null, exampleShapeRule);
    }

    /** {@code withMask} takes the input and the padding mask, shaped (batch, steps). */
    FunctionBlock(String name, UnaryOperator<NDArray> function, BinaryOperator<NDArray> withMask,
                  UnaryOperator<Shape> exampleShapeRule) {
        this.name = name;
        this.function = function;
        this.withMask = withMask;
        this.exampleShapeRule = exampleShapeRule;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (withMask != null && inputs.size() > 1) {
            return new NDList(withMask.apply(inputs.head(), inputs.get(1)));
        }
        return new NDList(function.apply(inputs.head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape batch = inputShapes[0];
        return new Shape[] {Shapes.batchOf(batch.get(0), exampleShapeRule.apply(Shapes.example(batch)))};
    }

    @Override
    public String toString() {
        return name;
    }
}
