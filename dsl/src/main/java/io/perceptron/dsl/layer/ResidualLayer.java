package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A residual block: its output is its input plus what its body computes, so the body learns only a
 * correction and signals (and gradients) can skip it. The body must give back its input's shape.
 */
final class ResidualLayer implements Layer {
    private final List<Layer> body;

    ResidualLayer(List<Layer> body) {
        this.body = List.copyOf(body);
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape shape = input;
        for (Layer layer : body) {
            shape = layer.outputShape(shape);
        }
        if (!shape.equals(input)) {
            throw LayerErrors.bodyChangesShape(this, input, shape);
        }
        return input;
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        long count = 0;
        Shape shape = input;
        for (Layer layer : body) {
            count += layer.parameterCount(shape);
            shape = layer.outputShape(shape);
        }
        return count;
    }

    @Override
    public Block block(Shape input) {
        SequentialBlock sequence = new SequentialBlock();
        Shape shape = input;
        for (Layer layer : body) {
            sequence.add(layer.block(shape));
            shape = layer.outputShape(shape);
        }
        return new ResidualBlock(this, sequence);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("residual").withBody(body.stream().map(Layer::describe).toList());
    }

    @Override
    public String toString() {
        return body.stream().map(Object::toString).collect(Collectors.joining(", ", "residual(", ")"));
    }
}
