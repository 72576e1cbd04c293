package io.perceptron.dsl.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.LayerDescription;

/**
 * One layer of another network, reused with its block (and so its trained parameters): what
 * {@link Network#first(int)}, behind {@code model.first(n)}, is made of.
 */
final class SharedLayer implements Layer {
    private final Network owner;
    private final int index;

    SharedLayer(Network owner, int index) {
        this.owner = owner;
        this.index = index;
    }

    private Layer layer() {
        return owner.layers().get(index);
    }

    @Override
    public Shape outputShape(Shape input) {
        return layer().outputShape(input);
    }

    @Override
    public long parameterCount(Shape input) {
        return layer().parameterCount(input);
    }

    @Override
    public Block block(Shape input) {
        return owner.layerBlock(index);
    }

    @Override
    public LayerDescription describe() {
        return layer().describe();
    }

    @Override
    public String toString() {
        return layer().toString();
    }
}
