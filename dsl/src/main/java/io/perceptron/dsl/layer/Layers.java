package io.perceptron.dsl.layer;

import io.perceptron.dsl.tensor.Activations.Function;
import io.perceptron.dsl.tensor.Activations;
import java.util.List;

/**
 * Every layer the DSL knows, as a factory that checks its arguments. {@code Model}'s builder
 * methods ({@code dense(16)}, {@code relu()}, ...) call these; use them directly to pass a layer
 * with options to {@code Model.add(...)}, or to stack a layer of your own next to ours.
 *
 * <pre>{@code
 * Model.sequential().input(64, 64).add(Layers.transformerEncoder(4, 256).preNorm().causal())
 * Layers.dense(0)   // fails: dense(0): units must be a whole number of at least 1, but was 0. ...
 * }</pre>
 */
public final class Layers {
    private Layers() {
    }

    /** A fully connected layer of {@code units} outputs (see {@code Model.dense}). */
    public static Layer dense(int units) {
        positive("dense(" + units + ")", "units", units, "dense(16)");
        return new DenseLayer(units);
    }

    /**
     * The activation called {@code name}: binaryStep, identity, sigmoid, tanh, relu, leakyRelu,
     * gelu or softmax. Unknown names fail with the list of known ones.
     */
    public static Layer activation(String name) {
        return ActivationLayer.named(name);
    }

    /** 1 where the input is at least 0, else 0: the original perceptron's activation. */
    public static Layer binaryStep() {
        return activation(Function.BINARY_STEP);
    }

    /** Passes its input through unchanged. */
    public static Layer identity() {
        return activation(Function.IDENTITY);
    }

    /** 1 / (1 + e^-x): squashes any number into (0, 1). */
    public static Layer sigmoid() {
        return activation(Function.SIGMOID);
    }

    /** The hyperbolic tangent: squashes any number into (-1, 1). */
    public static Layer tanh() {
        return activation(Function.TANH);
    }

    /** max(0, x). */
    public static Layer relu() {
        return activation(Function.RELU);
    }

    /** x for positive x, 0.01 x otherwise. */
    public static Layer leakyRelu() {
        return leakyRelu(Activations.LEAKY_SLOPE);
    }

    /** x for positive x, {@code alpha} x otherwise; alpha from 0 up to but excluding 1. */
    public static Layer leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw LayerErrors.invalidArgument("leakyRelu(" + alpha + ")", "alpha", "from 0 up to (not including) 1",
                    alpha, "leakyRelu(0.01)");
        }
        return new ActivationLayer(Function.LEAKY_RELU, alpha);
    }

    /** The Gaussian error linear unit, a smooth ReLU used by BERT and GPT. */
    public static Layer gelu() {
        return activation(Function.GELU);
    }

    /** Turns the last axis into probabilities that sum to 1. */
    public static Layer softmax() {
        return activation(Function.SOFTMAX);
    }

    private static Layer activation(Function function) {
        return ActivationLayer.of(function);
    }

    /** Drops numbers with probability {@code rate} while training (see {@code Model.dropout}). */
    public static Layer dropout(double rate) {
        checkRate("dropout(" + rate + ")", rate);
        return new DropoutLayer(rate);
    }

    /** Batch normalization over each feature or image channel. */
    public static Layer batchNorm() {
        return new NormLayer(true, NormLayer.DEFAULT_EPSILON);
    }

    /** Layer normalization over each example's last axis. */
    public static Layer layerNorm() {
        return new NormLayer(false, NormLayer.DEFAULT_EPSILON);
    }

    /**
     * Layer normalization adding {@code epsilon} to the variance (default 1e-5, as PyTorch and DJL);
     * BERT uses 1e-12.
     */
    public static Layer layerNorm(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw LayerErrors.invalidArgument("layerNorm(" + epsilon + ")", "epsilon", "a small number above 0 such as"
                    + " 1e-5", epsilon, "layerNorm(1e-12)");
        }
        return new NormLayer(false, epsilon);
    }

    /**
     * Scales each example to length 1 (divides by its Euclidean norm), as sentence encoders do so
     * that the dot product of two outputs is their cosine similarity.
     */
    public static Layer unitNormalization() {
        return new UnitNormLayer();
    }

    /** Lays each example out as one vector. */
    public static Layer flatten() {
        return new FlattenLayer();
    }

    /**
     * Gives each example the shape {@code shape} (without the batch), keeping its numbers in order:
     * {@code reshape(1, 20, 20)} after {@code dense(400)} makes a one-channel 20x20 picture. The
     * sizes must multiply to the number of values each example holds.
     */
    public static Layer reshape(long... shape) {
        String call = "reshape(" + java.util.Arrays.toString(shape).replaceAll("[\\[\\]]", "") + ")";
        if (shape.length == 0) {
            throw LayerErrors.invalidArgument(call, "the shape", "at least one size", "empty", "reshape(1, 20, 20)");
        }
        for (long size : shape) {
            positive(call, "every size", size, "reshape(1, 20, 20)");
        }
        return new ReshapeLayer(shape);
    }

    /**
     * Makes images {@code factor} times larger each way by repeating each pixel (nearest neighbour):
     * {@code (c, h, w)} to {@code (c, factor·h, factor·w)}, with nothing learned.
     */
    public static Layer upsample(int factor) {
        if (factor < 2) {
            throw LayerErrors.invalidArgument("upsample(" + factor + ")", "factor", "a whole number of at least 2",
                    factor, "upsample(2)");
        }
        return new UpsampleLayer(factor);
    }

    /** A 2-D convolution with {@code filters} square filters of side {@code kernel}. */
    public static Layer conv2d(int filters, int kernel, int stride, int padding) {
        String call = "conv2d(" + filters + ", " + kernel + ", " + stride + ", " + padding + ")";
        positive(call, "filters", filters, "conv2d(16, 3)");
        positive(call, "kernel", kernel, "conv2d(16, 3)");
        positive(call, "stride", stride, "conv2d(16, 3, 1, 1)");
        if (padding < 0) {
            throw LayerErrors.invalidArgument(call, "padding", "0 or more", padding, "conv2d(16, 3, 1, 1)");
        }
        return new Conv2dLayer(filters, kernel, stride, padding);
    }

    /** Max pooling with a square window of side {@code size}, moving {@code stride} cells at a time. */
    public static Layer maxPool(int size, int stride) {
        checkWindow("maxPool", size, stride);
        return PoolLayer.window(true, size, stride);
    }

    /** Average pooling with a square window of side {@code size}, moving {@code stride} cells at a time. */
    public static Layer avgPool(int size, int stride) {
        checkWindow("avgPool", size, stride);
        return PoolLayer.window(false, size, stride);
    }

    /** Average pooling to a fixed {@code height x width}, whatever the input size. */
    public static Layer adaptiveAvgPool(int height, int width) {
        String call = "adaptiveAvgPool(" + height + ", " + width + ")";
        positive(call, "height", height, "adaptiveAvgPool(6, 6)");
        positive(call, "width", width, "adaptiveAvgPool(6, 6)");
        return PoolLayer.adaptiveAverage(height, width);
    }

    /** Averages each image channel over the image, or a sequence over its steps. */
    public static Layer globalAvgPool() {
        return PoolLayer.globalAverage();
    }

    /** A learned vector of {@code dimension} numbers per token id below {@code vocabularySize}. */
    public static Layer embedding(int vocabularySize, int dimension) {
        String call = "embedding(" + vocabularySize + ", " + dimension + ")";
        positive(call, "vocabularySize", vocabularySize, "embedding(1000, 32)");
        positive(call, "dimension", dimension, "embedding(1000, 32)");
        return EmbeddingLayer.tokens(vocabularySize, dimension, false);
    }

    /**
     * An embedding whose token id 0 is padding: the model hands a padding mask to the layers after
     * it, so attention ignores padded steps and {@code globalAvgPool} averages only real ones (BERT's
     * attention mask; Keras's {@code mask_zero}). It must be a model's first layer.
     *
     * <pre>{@code
     * Model.sequential().input(16).add(Layers.maskedEmbedding(1000, 32)).transformerEncoder(4, 64).globalAvgPool()
     * }</pre>
     */
    public static Layer maskedEmbedding(int vocabularySize, int dimension) {
        String call = "maskedEmbedding(" + vocabularySize + ", " + dimension + ")";
        positive(call, "vocabularySize", vocabularySize, "maskedEmbedding(1000, 32)");
        positive(call, "dimension", dimension, "maskedEmbedding(1000, 32)");
        return EmbeddingLayer.tokens(vocabularySize, dimension, true);
    }

    /** Adds a learned vector per position, for sequences of up to {@code maxLength} steps. */
    public static Layer positionalEmbedding(int maxLength) {
        positive("positionalEmbedding(" + maxLength + ")", "maxLength", maxLength, "positionalEmbedding(128)");
        return EmbeddingLayer.positions(maxLength);
    }

    /** Adds a learned vector per segment type (BERT's sentence A/B); one sentence is all type 0. */
    public static Layer tokenTypeEmbedding(int types) {
        positive("tokenTypeEmbedding(" + types + ")", "types", types, "tokenTypeEmbedding(2)");
        return EmbeddingLayer.tokenTypes(types);
    }

    /** A simple (Elman) recurrent layer with a tanh state of {@code units} numbers. */
    public static Layer simpleRnn(int units, boolean returnSequences) {
        return recurrent(RecurrentLayer.Kind.SIMPLE, units, returnSequences);
    }

    /** A long short-term memory layer with a state of {@code units} numbers. */
    public static Layer lstm(int units, boolean returnSequences) {
        return recurrent(RecurrentLayer.Kind.LSTM, units, returnSequences);
    }

    /** A gated recurrent unit layer with a state of {@code units} numbers. */
    public static Layer gru(int units, boolean returnSequences) {
        return recurrent(RecurrentLayer.Kind.GRU, units, returnSequences);
    }

    private static Layer recurrent(RecurrentLayer.Kind kind, int units, boolean returnSequences) {
        positive(kind.callName + "(" + units + ")", "units", units, kind.callName + "(32)");
        return new RecurrentLayer(kind, units, returnSequences);
    }

    /** Multi-head self-attention with {@code heads} heads; causal attention sees only earlier steps. */
    public static Layer multiHeadAttention(int heads, boolean causal) {
        positive("multiHeadAttention(" + heads + ")", "heads", heads, "multiHeadAttention(4)");
        return new AttentionLayer(heads, causal);
    }

    /** A transformer encoder block; options such as {@code preNorm()} are fluent calls on the result. */
    public static TransformerLayer transformerEncoder(int heads, int feedForwardSize) {
        checkTransformer("transformerEncoder", heads, feedForwardSize);
        return TransformerLayer.encoder(heads, feedForwardSize);
    }

    /** A transformer decoder block: causal self-attention, then attention to the encoder's output. */
    public static TransformerLayer transformerDecoder(int heads, int feedForwardSize) {
        checkTransformer("transformerDecoder", heads, feedForwardSize);
        return TransformerLayer.decoder(heads, feedForwardSize);
    }

    /** Keeps only the first step of a sequence (BERT's [CLS] token). */
    public static Layer firstToken() {
        return new FirstStepLayer();
    }

    /** {@code x + body(x)}: a residual connection around {@code body}, which must keep the shape. */
    public static Layer residual(List<Layer> body) {
        if (body.isEmpty()) {
            throw LayerErrors.invalidArgument("residual", "the body", "at least one layer", "empty",
                    "residual { it.dense(16).relu().dense(16) }");
        }
        return new ResidualLayer(body);
    }

    /**
     * The layer a {@link LayerDescription} describes: the inverse of {@link Layer#describe()}, how
     * a saved model's architecture is read back. Each kind is made through its factory here, so
     * the same checks apply as when a cell makes it.
     *
     * <pre>{@code
     * Layers.from(LayerDescription.of("dense", "units", 16))   // dense(16)
     * Layers.from(LayerDescription.of("dense2"))               // PerceptronException: ... unknown layer 'dense2' ...
     * }</pre>
     */
    public static Layer from(LayerDescription d) {
        return switch (d.layer()) {
            case "dense" -> dense(d.number("units"));
            case "binaryStep", "identity", "sigmoid", "tanh", "relu", "gelu", "softmax" -> activation(d.layer());
            case "leakyRelu" -> leakyRelu(d.decimal("alpha"));
            case "dropout" -> dropout(d.decimal("rate"));
            case "batchNorm" -> batchNorm();
            case "layerNorm" -> d.settings().containsKey("epsilon") ? layerNorm(d.decimal("epsilon")) : layerNorm();
            case "unitNormalization" -> unitNormalization();
            case "flatten" -> flatten();
            case "firstToken" -> firstToken();
            case "reshape" -> reshape(shapeOf(d));
            case "upsample" -> upsample(d.number("factor"));
            case "conv2d" -> conv2d(d.number("filters"), d.number("kernel"), d.number("stride"), d.number("padding"));
            case "maxPool" -> maxPool(d.number("size"), d.number("stride"));
            case "avgPool" -> avgPool(d.number("size"), d.number("stride"));
            case "adaptiveAvgPool" -> adaptiveAvgPool(d.number("height"), d.number("width"));
            case "globalAvgPool" -> globalAvgPool();
            case "embedding" -> embedding(d.number("vocabularySize"), d.number("dimension"));
            case "maskedEmbedding" -> maskedEmbedding(d.number("vocabularySize"), d.number("dimension"));
            case "positionalEmbedding" -> positionalEmbedding(d.number("maxLength"));
            case "tokenTypeEmbedding" -> tokenTypeEmbedding(d.number("types"));
            case "simpleRnn" -> simpleRnn(d.number("units"), d.flag("returnSequences"));
            case "lstm" -> lstm(d.number("units"), d.flag("returnSequences"));
            case "gru" -> gru(d.number("units"), d.flag("returnSequences"));
            case "multiHeadAttention" -> multiHeadAttention(d.number("heads"), d.flag("causal"));
            case "transformerEncoder", "transformerDecoder" -> transformer(d);
            case "residual" -> residual(d.body().stream().map(Layers::from).toList());
            default -> throw LayerErrors.unknownLayerKind(d);
        };
    }

    private static Layer transformer(LayerDescription d) {
        boolean decoder = d.layer().equals("transformerDecoder");
        TransformerLayer layer = decoder ? transformerDecoder(d.number("heads"), d.number("feedForwardSize"))
                : transformerEncoder(d.number("heads"), d.number("feedForwardSize"));
        layer = layer.dropout(d.decimal("dropout")).activation(d.text("activation"));
        if (d.flag("preNorm")) {
            layer = layer.preNorm();
        }
        if (d.settings().containsKey("layerNormEpsilon")) {
            layer = layer.layerNormEpsilon(d.decimal("layerNormEpsilon"));
        }
        return d.flag("causal") && !decoder ? layer.causal() : layer;
    }

    private static long[] shapeOf(LayerDescription d) {
        try {
            return java.util.Arrays.stream(d.text("shape").split(",")).map(String::trim).mapToLong(Long::parseLong)
                    .toArray();
        } catch (NumberFormatException e) {
            throw LayerErrors.badDescription(d, "a 'shape' of whole numbers separated by commas");
        }
    }

    static void checkRate(String call, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw LayerErrors.invalidArgument(call, "the rate", "from 0 up to (not including) 1", rate, "dropout(0.2)");
        }
    }

    private static void checkWindow(String name, int size, int stride) {
        String call = name + "(" + size + ", " + stride + ")";
        positive(call, "size", size, name + "(2, 2)");
        positive(call, "stride", stride, name + "(2, 2)");
    }

    private static void checkTransformer(String name, int heads, int feedForwardSize) {
        String call = name + "(" + heads + ", " + feedForwardSize + ")";
        positive(call, "heads", heads, name + "(4, 128)");
        positive(call, "feedForwardSize", feedForwardSize, name + "(4, 128)");
    }

    private static void positive(String call, String argument, long value, String example) {
        if (value < 1) {
            throw LayerErrors.invalidArgument(call, argument, "a whole number of at least 1", value, example);
        }
    }
}
