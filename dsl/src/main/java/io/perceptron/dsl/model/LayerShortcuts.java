package io.perceptron.dsl.model;

import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.Layers;

/**
 * The layer words of the fluent builder: one method per layer, each adding a layer made by
 * {@link Layers} with the options spelled out, and returning the model for the next call.
 * {@link Model} is the one subclass, so {@code M} is always {@code Model}; the words live here so
 * that {@code Model} itself holds the model's own verbs (input, parts, freezing, training).
 *
 * <pre>{@code
 * Model.sequential().input(1, 28, 28).conv2d(8, 3).relu().maxPool(2).flatten().dense(10)
 * Model.sequential().input(2).dense(0)   // fails: dense(0): units must be a whole number of at least 1
 * }</pre>
 *
 * @param <M> the model type every word returns
 */
public abstract class LayerShortcuts<M extends LayerShortcuts<M>> {

    /** Only {@link Model} extends it. */
    LayerShortcuts() {
    }

    /**
     * Adds a layer: any {@link Layer}, e.g. one from {@link Layers} with options.
     *
     * <pre>{@code
     * model.add(Layers.transformerEncoder(4, 128).preNorm())
     * }</pre>
     */
    public abstract M add(Layer layer);

    /**
     * A fully connected layer: each of {@code units} outputs is a weighted sum of all inputs plus a
     * bias. On a sequence, the same weights apply to every step.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(16)   // 2 x 16 weights + 16 biases = 48 parameters
     * Model.sequential().input(2).dense(0)    // fails: units must be a whole number of at least 1
     * }</pre>
     */
    public M dense(int units) {
        return add(Layers.dense(units));
    }

    /**
     * An activation by name: {@code "binaryStep"}, {@code "identity"}, {@code "sigmoid"},
     * {@code "tanh"}, {@code "relu"}, {@code "leakyRelu"}, {@code "gelu"} or {@code "softmax"}.
     *
     * <pre>{@code
     * model.activation("relu")
     * model.activation("swish")   // fails, listing the names above
     * }</pre>
     */
    public M activation(String name) {
        return add(Layers.activation(name));
    }

    /** The binary step: 1 where the input is at least 0, else 0 (the first perceptron's activation). */
    public M binaryStep() {
        return add(Layers.binaryStep());
    }

    /** The identity: passes numbers through unchanged (a linear neuron). */
    public M identity() {
        return add(Layers.identity());
    }

    /** The sigmoid, 1 / (1 + e^-x): squashes each number into (0, 1), e.g. for multi-label outputs. */
    public M sigmoid() {
        return add(Layers.sigmoid());
    }

    /** The hyperbolic tangent: squashes each number into (-1, 1). */
    public M tanh() {
        return add(Layers.tanh());
    }

    /**
     * ReLU, max(0, x): the usual activation between dense or convolution layers.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(16).relu().dense(2)
     * }</pre>
     */
    public M relu() {
        return add(Layers.relu());
    }

    /** Leaky ReLU with slope 0.01 for negative inputs. */
    public M leakyRelu() {
        return add(Layers.leakyRelu());
    }

    /** Leaky ReLU with slope {@code alpha} (from 0 up to but excluding 1) for negative inputs. */
    public M leakyRelu(double alpha) {
        return add(Layers.leakyRelu(alpha));
    }

    /** GELU, the smooth ReLU of BERT and GPT. */
    public M gelu() {
        return add(Layers.gelu());
    }

    /**
     * Softmax over the last axis: turns scores into probabilities that sum to 1. Leave it out before
     * a cross-entropy loss that takes raw scores.
     */
    public M softmax() {
        return add(Layers.softmax());
    }

    /**
     * Dropout: while training, zeroes each number with probability {@code rate} (0 up to but
     * excluding 1); while predicting, does nothing. Fights overfitting.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(256).relu().dropout(0.5).dense(2)
     * }</pre>
     */
    public M dropout(double rate) {
        return add(Layers.dropout(rate));
    }

    /**
     * Batch normalization: normalizes each feature (or image channel) over the batch, then scales
     * and shifts it with two learned numbers per feature.
     */
    public M batchNorm() {
        return add(Layers.batchNorm());
    }

    /** Layer normalization: normalizes each example's last axis, with a learned scale and shift. */
    public M layerNorm() {
        return add(Layers.layerNorm());
    }

    /**
     * Lays each example out as one vector, e.g. feature maps (8, 13, 13) become (1352), so that
     * dense layers can follow convolutions.
     */
    public M flatten() {
        return add(Layers.flatten());
    }

    /**
     * Gives each example a new shape with the same numbers in the same order: the reverse of
     * {@link #flatten()}, how a decoder turns a vector into a picture.
     *
     * <pre>{@code
     * Model.sequential().input(16).dense(400).reshape(1, 20, 20)   // output (1, 20, 20)
     * Model.sequential().input(16).dense(300).reshape(1, 20, 20)   // fails: 300 numbers cannot fill (1, 20, 20), which holds 400
     * }</pre>
     */
    public M reshape(long... shape) {
        return add(Layers.reshape(shape));
    }

    /** {@link #reshape(long...)} for whole numbers written as {@code Int}s in Kotlin. */
    public M reshape(int... shape) {
        return reshape(java.util.Arrays.stream(shape).asLongStream().toArray());
    }

    /**
     * Makes images {@code factor} times larger each way by repeating each pixel; a convolution after
     * it learns the details. Decoders grow small feature maps back into pictures with it.
     *
     * <pre>{@code
     * Model.sequential().input(8, 5, 5).upsample(2).conv2d(4, 3, 1, 1)   // output (4, 10, 10)
     * Model.sequential().input(16).upsample(2)                           // fails: works on images shaped (channels, height, width) ...
     * }</pre>
     */
    public M upsample(int factor) {
        return add(Layers.upsample(factor));
    }

    /**
     * A 2-D convolution with {@code filters} filters of {@code kernel} x {@code kernel}, stride 1
     * and no padding. Needs images shaped (channels, height, width).
     *
     * <pre>{@code
     * Model.sequential().input(1, 28, 28).conv2d(8, 3)   // output (8, 26, 26)
     * Model.sequential().input(784).conv2d(8, 3)         // fails: works on images shaped (channels, ...
     * }</pre>
     */
    public M conv2d(int filters, int kernel) {
        return conv2d(filters, kernel, 1, 0);
    }

    /** A 2-D convolution moving {@code stride} pixels at a time, without padding. */
    public M conv2d(int filters, int kernel, int stride) {
        return conv2d(filters, kernel, stride, 0);
    }

    /** A 2-D convolution with {@code padding} zero pixels added around each side of the image. */
    public M conv2d(int filters, int kernel, int stride, int padding) {
        return add(Layers.conv2d(filters, kernel, stride, padding));
    }

    /** Max pooling over {@code size} x {@code size} windows that do not overlap (stride = size). */
    public M maxPool(int size) {
        return maxPool(size, size);
    }

    /**
     * Max pooling: keeps the largest number of each {@code size} x {@code size} window, moving
     * {@code stride} pixels at a time.
     *
     * <pre>{@code
     * Model.sequential().input(1, 28, 28).conv2d(8, 3).maxPool(2, 2)   // (8, 26, 26) -> (8, 13, 13)
     * }</pre>
     */
    public M maxPool(int size, int stride) {
        return add(Layers.maxPool(size, stride));
    }

    /** Average pooling over {@code size} x {@code size} windows that do not overlap. */
    public M avgPool(int size) {
        return avgPool(size, size);
    }

    /** Average pooling over {@code size} x {@code size} windows, moving {@code stride} pixels at a time. */
    public M avgPool(int size, int stride) {
        return add(Layers.avgPool(size, stride));
    }

    /**
     * Average pooling to a fixed {@code height} x {@code width} grid whatever the image size, as
     * torchvision's AlexNet does before its classifier.
     */
    public M adaptiveAvgPool(int height, int width) {
        return add(Layers.adaptiveAvgPool(height, width));
    }

    /** Averages each channel over the whole image, (C, H, W) to (C), or a sequence over its steps. */
    public M globalAvgPool() {
        return add(Layers.globalAvgPool());
    }

    /**
     * Turns each token id (0 to {@code vocabularySize - 1}) into a learned vector of
     * {@code dimension} numbers: a sequence (steps) becomes (steps, dimension).
     *
     * <pre>{@code
     * Model.sequential().input(6).embedding(50, 16).lstm(32).dense(2)
     * }</pre>
     */
    public M embedding(int vocabularySize, int dimension) {
        return add(Layers.embedding(vocabularySize, dimension));
    }

    /**
     * Adds a learned vector for each position to a sequence of vectors, so that attention (which
     * ignores order) can tell the steps apart; sequences may have up to {@code maxLength} steps.
     */
    public M positionalEmbedding(int maxLength) {
        return add(Layers.positionalEmbedding(maxLength));
    }

    /**
     * Adds a learned vector per segment type, BERT's marker of sentence A or B ({@code types}
     * rows). Given one sentence, every step is segment 0.
     */
    public M tokenTypeEmbedding(int types) {
        return add(Layers.tokenTypeEmbedding(types));
    }

    /**
     * A simple recurrent layer with a state of {@code units} numbers; gives back its final state,
     * (units). Reads sequences shaped (steps, features).
     */
    public M simpleRnn(int units) {
        return simpleRnn(units, false);
    }

    /** A simple recurrent layer; with {@code returnSequences} it gives back every step, (steps, units). */
    public M simpleRnn(int units, boolean returnSequences) {
        return add(Layers.simpleRnn(units, returnSequences));
    }

    /**
     * An LSTM layer with a state of {@code units} numbers. By default it gives back only its final
     * state, (units): a summary of the whole sequence, ready for a dense layer. Pass
     * {@code returnSequences = true} for the state after every step, (steps, units), to stack
     * another recurrent layer or predict at every step.
     *
     * <pre>{@code
     * Model.sequential().input(6).embedding(50, 16).lstm(32).dense(2)
     * Model.sequential().input(6).embedding(50, 16).lstm(32, true).lstm(32).dense(2)
     * }</pre>
     */
    public M lstm(int units) {
        return lstm(units, false);
    }

    /** An LSTM layer; with {@code returnSequences} it gives back every step, (steps, units). */
    public M lstm(int units, boolean returnSequences) {
        return add(Layers.lstm(units, returnSequences));
    }

    /** A GRU layer giving back its final state, (units). */
    public M gru(int units) {
        return gru(units, false);
    }

    /** A GRU layer; with {@code returnSequences} it gives back every step, (steps, units). */
    public M gru(int units, boolean returnSequences) {
        return add(Layers.gru(units, returnSequences));
    }

    /**
     * Multi-head self-attention: every step takes a weighted mix of all steps, in {@code heads}
     * independent heads. The features of a step must divide evenly across the heads.
     *
     * <pre>{@code
     * Model.sequential().input(10).embedding(100, 32).positionalEmbedding(10).multiHeadAttention(4)
     * }</pre>
     */
    public M multiHeadAttention(int heads) {
        return multiHeadAttention(heads, false);
    }

    /** Multi-head self-attention; when {@code causal}, each step sees only itself and earlier steps. */
    public M multiHeadAttention(int heads, boolean causal) {
        return add(Layers.multiHeadAttention(heads, causal));
    }

    /**
     * A transformer encoder block: self-attention with {@code heads} heads, then a feed-forward
     * network of {@code feedForwardSize} hidden units per step; dropout 0.1, post-norm, GELU. For
     * other options (pre-norm, causal, another activation) use
     * {@code add(Layers.transformerEncoder(heads, size).preNorm().causal())}.
     *
     * <pre>{@code
     * Model.sequential().input(16).embedding(100, 64).positionalEmbedding(16).transformerEncoder(4, 128)
     * }</pre>
     */
    public M transformerEncoder(int heads, int feedForwardSize) {
        return add(Layers.transformerEncoder(heads, feedForwardSize));
    }

    /** A transformer encoder block with dropout {@code dropout}; see {@link #transformerEncoder(int, int)}. */
    public M transformerEncoder(int heads, int feedForwardSize, double dropout) {
        return add(Layers.transformerEncoder(heads, feedForwardSize).dropout(dropout));
    }

    /**
     * A transformer decoder block, only in a decoder ({@code Model.decoder(encoder)}): causal self-attention, then
     * attention to the encoder's output sequence, then a feed-forward network.
     *
     * <pre>{@code
     * val encoder = Model.sequential("encoder").input(12).embedding(40, 32).positionalEmbedding(12)
     *     .transformerEncoder(4, 64)
     * val decoder = Model.decoder(encoder).input(14).embedding(45, 32).positionalEmbedding(14)
     *     .transformerDecoder(4, 64).dense(45)
     * }</pre>
     */
    public M transformerDecoder(int heads, int feedForwardSize) {
        return add(Layers.transformerDecoder(heads, feedForwardSize));
    }

    /** A transformer decoder block with dropout {@code dropout}; see {@link #transformerDecoder(int, int)}. */
    public M transformerDecoder(int heads, int feedForwardSize, double dropout) {
        return add(Layers.transformerDecoder(heads, feedForwardSize).dropout(dropout));
    }

    /** Keeps only the first step of a sequence, (steps, features) to (features): BERT's [CLS] token. */
    public M firstToken() {
        return add(Layers.firstToken());
    }
}
