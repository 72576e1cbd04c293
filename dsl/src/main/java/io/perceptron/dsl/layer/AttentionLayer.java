package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Multi-head self-attention on its own, without the residual connection, normalization and
 * feed-forward network a transformer block adds around it. Every step looks at every step (only
 * earlier ones when causal) and takes a weighted mix of them.
 */
final class AttentionLayer implements Layer {
    private final int heads;
    private final boolean causal;

    AttentionLayer(int heads, boolean causal) {
        this.heads = heads;
        this.causal = causal;
    }

    @Override
    public Shape outputShape(Shape input) {
        return checkAttention(this, input, heads);
    }

    /** Query, key, value and output projections: four dense layers from features to features. */
    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        return projections(input.get(1));
    }

    static long projections(long features) {
        return 4 * (features * features + features);
    }

    /** The input check every attention layer shares: a sequence whose features split across the heads. */
    static Shape checkAttention(Layer layer, Shape input, int heads) {
        if (input.dimension() != 2) {
            throw LayerErrors.needsSequence(layer, input);
        }
        if (input.get(1) % heads != 0) {
            throw LayerErrors.headsDoNotDivide(layer, input, heads, input.get(1));
        }
        return input;
    }

    /** Padded steps get no attention. */
    @Override
    public boolean readsPaddingMask() {
        return true;
    }

    @Override
    public boolean ignoresPadding() {
        return true;
    }

    @Override
    public Block block(Shape input) {
        return new AttentionBlock(toString(), heads, input.get(1), causal);
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of("multiHeadAttention", "heads", heads, "causal", causal);
    }

    @Override
    public String toString() {
        return "multiHeadAttention(" + heads + (causal ? ", causal=true" : "") + ")";
    }
}
