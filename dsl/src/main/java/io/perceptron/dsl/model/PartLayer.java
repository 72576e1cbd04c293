package io.perceptron.dsl.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.LayerDescription;

/**
 * Another model's network used as one step of a stack. Its block is the part's own block, so every model
 * that contains the part shares its parameters: train it in one, freeze it, reuse it in another.
 */
final class PartLayer implements Layer {
    /** How a part is written down: {@code {"layer": "model", "name": ..., "layers": [...]}}. */
    static final String KIND = "model";

    private final Network part;

    PartLayer(Network part) {
        this.part = part;
    }

    Network network() {
        return part;
    }

    @Override
    public Shape outputShape(Shape input) {
        return part.outputShapeFrom(input);
    }

    @Override
    public long parameterCount(Shape input) {
        return part.parameterCountFrom(input);
    }

    @Override
    public Block block(Shape input) {
        return part.blockFor(input);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of(KIND, "name", part.name())
                .withBody(part.layers().stream().map(Layer::describe).toList());
    }

    @Override
    public String toString() {
        int count = part.layers().size();
        return "model \"" + part.name() + "\" (" + count + (count == 1 ? " layer" : " layers") + ")"
                + (part.isFrozen() ? ", frozen" : "");
    }
}
