package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;

/**
 * While training, zeroes each number with probability {@code rate} and scales the rest up to keep
 * the sum; while predicting, passes everything through. A cure for overfitting.
 */
final class DropoutLayer implements Layer {
    private final double rate;

    DropoutLayer(double rate) {
        this.rate = rate;
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
        return Dropout.builder().optRate((float) rate).build();
    }

    /** Drops each number on its own, so each step on its own. */
    @Override
    public boolean ignoresPadding() {
        return true;
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("dropout", "rate", rate);
    }

    @Override
    public String toString() {
        return "dropout(" + rate + ")";
    }
}
