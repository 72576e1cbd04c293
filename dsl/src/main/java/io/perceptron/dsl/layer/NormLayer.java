package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;

/**
 * Normalization with a learned scale and shift per feature. Batch norm normalizes each feature (or
 * image channel) over the batch; layer norm normalizes each example's last axis on its own, which
 * is what transformers use.
 */
final class NormLayer implements Layer {
    /** The variance offset PyTorch and DJL use unless told otherwise. */
    static final double DEFAULT_EPSILON = 1e-5;

    private final boolean batch;
    private final double epsilon;

    NormLayer(boolean batch, double epsilon) {
        this.batch = batch;
        this.epsilon = epsilon;
    }

    /** Layer norm works on each step's features alone; batch norm mixes the batch, padding included. */
    @Override
    public boolean ignoresPadding() {
        return !batch;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() == 0) {
            throw LayerErrors.needsNumbers(this, input);
        }
        return input;
    }

    /** Scale and shift: two numbers per normalized feature. */
    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return 2 * input.get(featureAxis(input) - 1);
    }

    /**
     * The batch axis that holds the features: channels (axis 1) for images shaped (channels, height,
     * width) and for plain vectors; the last axis for sequences shaped (steps, features).
     */
    private int featureAxis(Shape input) {
        if (!batch || input.dimension() == 2) {
            return input.dimension();
        }
        return 1;
    }

    @Override
    public Block block(Shape input) {
        if (batch) {
            return BatchNorm.builder().optAxis(featureAxis(input)).build();
        }
        return LayerNorm.builder().axis(featureAxis(input)).optEpsilon((float) epsilon).build();
    }

    @Override
    public LayerDescription describe() {
        if (!batch && epsilon != DEFAULT_EPSILON) {
            return LayerDescription.of("layerNorm", "epsilon", epsilon);
        }
        return LayerDescription.of(batch ? "batchNorm" : "layerNorm");
    }

    @Override
    public String toString() {
        if (batch) {
            return "batchNorm";
        }
        return epsilon == DEFAULT_EPSILON ? "layerNorm" : "layerNorm(" + epsilonText(epsilon) + ")";
    }

    /** An epsilon as it is written in code: 1e-12, not 1.0E-12. */
    static String epsilonText(double epsilon) {
        return Double.toString(epsilon).replace("E", "e").replace(".0e", "e");
    }
}
