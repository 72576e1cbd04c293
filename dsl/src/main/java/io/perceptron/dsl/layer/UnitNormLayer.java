package io.perceptron.dsl.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Divides each example (each step of a sequence) by its Euclidean length, so outputs lie on the unit
 * sphere and the dot product of two is their cosine similarity; what sentence-transformers'
 * {@code Normalize} module does after pooling.
 */
final class UnitNormLayer implements Layer {
    /** Keeps an all-zero vector at zero instead of dividing by zero (PyTorch's F.normalize default). */
    private static final float SMALLEST_LENGTH = 1e-12f;

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() == 0) {
            throw LayerErrors.needsNumbers(this, input);
        }
        return input;
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return 0;
    }

    @Override
    public Block block(Shape input) {
        return new FunctionBlock(toString(), UnitNormLayer::unitLength, this::outputShape);
    }

    static NDArray unitLength(NDArray x) {
        NDArray length = x.square().sum(new int[] {-1}, true).sqrt().maximum(SMALLEST_LENGTH);
        return x.div(length);
    }

    /** Each step, or each example, on its own. */
    @Override
    public boolean ignoresPadding() {
        return true;
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("unitNormalization");
    }

    @Override
    public String toString() {
        return "unitNormalization";
    }
}
