package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.perceptron.dsl.tensor.Activations.Function;

/**
 * A transformer block as a layer, with its options as fluent calls. An encoder block lets every
 * step attend to every step (only earlier ones when {@link #causal()}, as in GPT); a decoder block
 * also attends to an encoder's output. Defaults: dropout 0.1, post-norm (as in the original
 * transformer and BERT), GELU in the feed-forward network.
 *
 * <pre>{@code
 * Model.sequential().input(12).embedding(1000, 64).positionalEmbedding(12)
 *     .transformerEncoder(4, 128)                                      // the defaults
 *     .add(Layers.transformerEncoder(4, 128).preNorm().causal())       // a GPT-style block
 * Layers.transformerEncoder(5, 128)   // fits only 5, 10, ... features: 64 is not divisible by 5
 * }</pre>
 */
public final class TransformerLayer implements Layer {
    /** The dropout the original transformer, BERT and GPT-2 all use. */
    static final double DEFAULT_DROPOUT = 0.1;

    private final boolean decoder;
    private final int heads;
    private final int feedForwardSize;
    private final double dropout;
    private final boolean preNorm;
    private final boolean causal;
    private final ActivationLayer activation;
    private final double normEpsilon;

    private TransformerLayer(boolean decoder, int heads, int feedForwardSize, double dropout, boolean preNorm,
                             boolean causal, ActivationLayer activation, double normEpsilon) {
        this.decoder = decoder;
        this.heads = heads;
        this.feedForwardSize = feedForwardSize;
        this.dropout = dropout;
        this.preNorm = preNorm;
        this.causal = causal;
        this.activation = activation;
        this.normEpsilon = normEpsilon;
    }

    static TransformerLayer encoder(int heads, int feedForwardSize) {
        return new TransformerLayer(false, heads, feedForwardSize, DEFAULT_DROPOUT, false, false,
                ActivationLayer.of(Function.GELU), NormLayer.DEFAULT_EPSILON);
    }

    static TransformerLayer decoder(int heads, int feedForwardSize) {
        return new TransformerLayer(true, heads, feedForwardSize, DEFAULT_DROPOUT, false, true,
                ActivationLayer.of(Function.GELU), NormLayer.DEFAULT_EPSILON);
    }

    /** The same block normalizing each sub-layer's input (GPT-2 style); steadier in deep stacks. */
    public TransformerLayer preNorm() {
        return new TransformerLayer(decoder, heads, feedForwardSize, dropout, true, causal, activation, normEpsilon);
    }

    /** The same block normalizing after each residual addition (the default). */
    public TransformerLayer postNorm() {
        return new TransformerLayer(decoder, heads, feedForwardSize, dropout, false, causal, activation, normEpsilon);
    }

    /** The same block where each step attends only to itself and earlier steps. */
    public TransformerLayer causal() {
        return new TransformerLayer(decoder, heads, feedForwardSize, dropout, preNorm, true, activation, normEpsilon);
    }

    /** The same block with another dropout rate, from 0 (none) up to but excluding 1. */
    public TransformerLayer dropout(double rate) {
        Layers.checkRate(toString(), rate);
        return new TransformerLayer(decoder, heads, feedForwardSize, rate, preNorm, causal, activation, normEpsilon);
    }

    /** The same block with another feed-forward activation, by name: {@code "relu"}, {@code "gelu"}, ... */
    public TransformerLayer activation(String name) {
        return new TransformerLayer(decoder, heads, feedForwardSize, dropout, preNorm, causal,
                ActivationLayer.named(name), normEpsilon);
    }

    /**
     * The same block with another epsilon in its layer norms (default 1e-5, PyTorch's); BERT's
     * checkpoints were trained with 1e-12.
     */
    public TransformerLayer layerNormEpsilon(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw LayerErrors.invalidArgument(toString() + ".layerNormEpsilon(" + epsilon + ")", "epsilon",
                    "a small number above 0 such as 1e-5", epsilon, "layerNormEpsilon(1e-12)");
        }
        return new TransformerLayer(decoder, heads, feedForwardSize, dropout, preNorm, causal, activation, epsilon);
    }

    int heads() {
        return heads;
    }

    int feedForwardSize() {
        return feedForwardSize;
    }

    double dropoutRate() {
        return dropout;
    }

    boolean isPreNorm() {
        return preNorm;
    }

    boolean isCausal() {
        return causal;
    }

    double normEpsilon() {
        return normEpsilon;
    }

    /** An encoder block hides padded steps from attention; a decoder's second input is the encoder's output. */
    @Override
    public boolean readsPaddingMask() {
        return !decoder;
    }

    @Override
    public boolean ignoresPadding() {
        return !decoder;
    }

    @Override
    public Shape outputShape(Shape input) {
        return AttentionLayer.checkAttention(this, input, heads);
    }

    /**
     * Attention projections (twice in a decoder), the feed-forward network's two dense layers, and
     * a scale and shift for each layer norm (one per sub-layer).
     */
    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        long features = input.get(1);
        int sublayers = decoder ? 3 : 2;
        long attention = (sublayers - 1) * AttentionLayer.projections(features);
        long feedForward = features * feedForwardSize + feedForwardSize + (long) feedForwardSize * features + features;
        long norms = sublayers * 2 * features;
        return attention + feedForward + norms;
    }

    @Override
    public Block block(Shape input) {
        return new TransformerBlock(this, input.get(1), activation.function());
    }

    @Override
    public boolean readsContext() {
        return decoder;
    }

    @Override
    public boolean needsContext() {
        return decoder;
    }

    @Override
    public void checkContext(Shape input, Shape context) {
        if (context.dimension() != 2 || context.get(1) != input.get(1)) {
            throw LayerErrors.contextDoesNotFit(this, input, context, "a sequence of " + input.get(1)
                    + " features per step, like the decoder's own");
        }
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of(decoder ? "transformerDecoder" : "transformerEncoder", "heads", heads,
                "feedForwardSize", feedForwardSize, "dropout", dropout, "preNorm", preNorm, "causal", causal,
                "activation", activation.describe().layer(), "layerNormEpsilon", normEpsilon);
    }

    @Override
    public String toString() {
        StringBuilder call = new StringBuilder(decoder ? "transformerDecoder(" : "transformerEncoder(")
                .append(heads).append(", ").append(feedForwardSize).append(", dropout=").append(dropout);
        if (preNorm) {
            call.append(", preNorm");
        }
        if (causal && !decoder) {
            call.append(", causal");
        }
        if (!"gelu".equals(activation.toString())) {
            call.append(", ").append(activation);
        }
        if (normEpsilon != NormLayer.DEFAULT_EPSILON) {
            call.append(", layerNormEpsilon=").append(NormLayer.epsilonText(normEpsilon));
        }
        return call.append(')').toString();
    }
}
