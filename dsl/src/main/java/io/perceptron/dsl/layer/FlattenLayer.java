package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/** Lays each example out as one vector, e.g. (64, 6, 6) becomes (2304). */
final class FlattenLayer implements Layer {

    @Override
    public Shape outputShape(Shape input) {
        return new Shape(input.size());
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }

    @Override
    public Block block(Shape input) {
        return new FunctionBlock(toString(), x -> x.reshape(x.getShape().get(0), -1), this::outputShape);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("flatten");
    }

    @Override
    public String toString() {
        return "flatten";
    }
}
