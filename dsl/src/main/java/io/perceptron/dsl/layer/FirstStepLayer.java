package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Keeps only the first step of a sequence: BERT reads the whole sentence into its first token,
 * {@code [CLS]}, and classifies from there.
 */
final class FirstStepLayer implements Layer {

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() != 2) {
            throw LayerErrors.needsSequence(this, input);
        }
        return new Shape(input.get(1));
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return 0;
    }

    @Override
    public Block block(Shape input) {
        return new FunctionBlock(toString(), x -> x.get(":, 0"), this::outputShape);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("firstToken");
    }

    @Override
    public String toString() {
        return "firstToken";
    }
}
