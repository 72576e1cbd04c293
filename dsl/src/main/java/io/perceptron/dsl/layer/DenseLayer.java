package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

/**
 * A fully connected layer: every output is a weighted sum of all inputs plus a bias. On a sequence
 * it applies the same weights to every step (how a transformer's output head works).
 */
final class DenseLayer implements Layer {
    private final int units;

    DenseLayer(int units) {
        this.units = units;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() == 0) {
            throw LayerErrors.needsNumbers(this, input);
        }
        if (input.dimension() > 2) {
            throw LayerErrors.needsVectors(this, input);
        }
        return Shapes.withLast(input, units);
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        long inputs = input.get(input.dimension() - 1);
        return inputs * units + units;
    }

    @Override
    public Block block(Shape input) {
        return Linear.builder().setUnits(units).build();
    }

    /** On a sequence the same weights apply to each step alone. */
    @Override
    public boolean ignoresPadding() {
        return true;
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("dense", "units", units);
    }

    @Override
    public String toString() {
        return "dense(" + units + ")";
    }
}
