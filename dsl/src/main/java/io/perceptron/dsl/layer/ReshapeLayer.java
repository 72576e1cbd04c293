package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Gives each example a new shape holding the same numbers in the same order, e.g. the 400 numbers
 * of a {@code dense(400)} layer as a one-channel 20x20 picture {@code (1, 20, 20)}: how a decoder
 * turns a vector back into an image. The reverse of {@link FlattenLayer}.
 */
final class ReshapeLayer implements Layer {
    private final long[] shape;

    ReshapeLayer(long[] shape) {
        this.shape = shape.clone();
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape output = new Shape(shape);
        if (input.size() != output.size()) {
            throw LayerErrors.reshapeSizeDiffers(this, input, output);
        }
        return output;
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return 0;
    }

    @Override
    public Block block(Shape input) {
        Shape output = outputShape(input);
        return new FunctionBlock(toString(), x -> x.reshape(Shapes.batchOf(x.getShape().get(0), output)),
                this::outputShape);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("reshape", "shape", text(", "));
    }

    @Override
    public String toString() {
        return "reshape(" + text(", ") + ")";
    }

    private String text(String separator) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(separator));
    }
}
