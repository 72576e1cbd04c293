package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 2-D convolution: {@code filters} small square filters slide over the image and each produces
 * one feature map. Shapes follow PyTorch: size out = (size + 2 padding - kernel) / stride + 1,
 * rounded down.
 */
final class Conv2dLayer implements Layer {
    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;

    Conv2dLayer(int filters, int kernel, int stride, int padding) {
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() != 3) {
            throw LayerErrors.needsImages(this, input);
        }
        long height = input.get(1) + 2L * padding;
        long width = input.get(2) + 2L * padding;
        if (height < kernel || width < kernel) {
            throw LayerErrors.windowTooLarge(this, input, kernel + "x" + kernel, height, width);
        }
        return new Shape(filters, (height - kernel) / stride + 1, (width - kernel) / stride + 1);
    }

    /** One weight per filter, input channel and kernel cell, plus one bias per filter. */
    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return (long) filters * input.get(0) * kernel * kernel + filters;
    }

    @Override
    public Block block(Shape input) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).build();
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("conv2d", "filters", filters, "kernel", kernel, "stride", stride, "padding", padding);
    }

    @Override
    public String toString() {
        StringBuilder call = new StringBuilder("conv2d(").append(filters).append(", ").append(kernel);
        if (stride != 1 || padding != 0) {
            call.append(", stride=").append(stride);
        }
        if (padding != 0) {
            call.append(", padding=").append(padding);
        }
        return call.append(')').toString();
    }
}
