package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Makes an image {@code factor} times larger each way by repeating every pixel (nearest
 * neighbour): {@code (c, h, w)} becomes {@code (c, factor·h, factor·w)}. It learns nothing; a
 * convolution after it learns to paint the details into the larger picture, as in the decoders of
 * autoencoders and GAN generators (a cheaper cousin of the transposed convolution, without its
 * chequerboard artefacts).
 */
final class UpsampleLayer implements Layer {
    private final int factor;

    UpsampleLayer(int factor) {
        this.factor = factor;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() != 3) {
            throw LayerErrors.needsImages(this, input);
        }
        return new Shape(input.get(0), input.get(1) * factor, input.get(2) * factor);
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return 0;
    }

    @Override
    public Block block(Shape input) {
        outputShape(input);
        // (batch, c, h, w): every row, then every column, repeated factor times in place.
        return new FunctionBlock(toString(), x -> x.repeat(2, factor).repeat(3, factor), this::outputShape);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("upsample", "factor", factor);
    }

    @Override
    public String toString() {
        return "upsample(" + factor + ")";
    }
}
