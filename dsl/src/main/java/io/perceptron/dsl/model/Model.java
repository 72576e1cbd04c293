package io.perceptron.dsl.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.display.Displayable;
import io.perceptron.dsl.display.Renderers;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.LayerErrors;
import io.perceptron.dsl.layer.Layers;
import io.perceptron.dsl.layer.ShapeMismatch;
import io.perceptron.dsl.layer.Shapes;
import io.perceptron.dsl.training.Checkpoints;
import io.perceptron.dsl.training.Evaluation;
import io.perceptron.dsl.training.Fit;
import io.perceptron.dsl.training.Inference;
import io.perceptron.dsl.training.Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A neural network, built fluently one layer at a time: the builder is the model. Shapes are worked
 * out from {@link #input(long...)} as layers are added, so a layer that does not fit fails on the
 * line that added it; {@link #summary()} and {@link #parameterCount()} come from shapes alone.
 * The parameters themselves exist only once the model is used ({@link #djl()}, or training).
 *
 * <pre>{@code
 * val model = Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2)
 * model.summary()          // a table: layer, output shape, parameters, and the total
 * model.parameterCount()   // 354
 * Model.sequential().dense(2).summary()   // fails: ... has no input shape ... Call input(...) first
 * }</pre>
 *
 * <p>Beyond a plain stack: {@link #residual} adds a skip connection, {@link #add(Model)} reuses
 * another model (and its parameters) as one step, {@link #freeze()} stops parts from learning, and
 * {@link #decoder(Model)} builds a decoder that reads an encoder's output. See the README's
 * "Models" section for the whole tour.
 */
public final class Model implements Displayable, AutoCloseable {
    /** Longest chain of layers {@link #toString()} spells out before eliding the middle. */
    private static final int PRINTED_LAYERS = 12;

    private final String name;
    private final Model encoder;
    private final List<Layer> layers = new ArrayList<>();
    /** The output shape of each layer, known once the input shape is. */
    private final List<Shape> outputs = new ArrayList<>();
    private final TreeSet<Integer> frozenLayers = new TreeSet<>();
    private Shape input;
    private boolean frozen;
    private Device device;
    private Block block;
    private List<Block> layerBlocks;
    private ai.djl.Model djl;
    private boolean closed;

    private Model(String name, Model encoder) {
        this.name = name;
        this.encoder = encoder;
    }

    /**
     * Starts an empty stack of layers, named "sequential".
     *
     * <pre>{@code
     * val model = Model.sequential().input(2).dense(16).relu().dense(2)
     * }</pre>
     */
    public static Model sequential() {
        return sequential("sequential");
    }

    /**
     * Starts an empty stack of layers with a name, shown in summaries and messages; name the models
     * you compose, e.g. {@code Model.sequential("features")}.
     */
    public static Model sequential(String name) {
        return new Model(name, null);
    }

    /**
     * Starts a decoder that reads what {@code encoder} produces from a source sequence. The decoder
     * takes two inputs: the source (fed to the encoder) and its own input, set with
     * {@code input(...)} (the target sequence so far). Its recurrent layers start from the
     * encoder's output vector; its {@code transformerDecoder} layers attend to the encoder's output
     * sequence. Several decoders can share one encoder, and so its parameters.
     *
     * <pre>{@code
     * val encoder = Model.sequential("encoder").input(12).embedding(40, 32).lstm(64)
     * val swedish = Model.decoder(encoder).input(14).embedding(45, 32).lstm(64, true).dense(45)
     * encoder.freeze()   // then a Spanish decoder can learn on top of the same, frozen encoder
     * val spanish = Model.decoder(encoder).input(14).embedding(42, 32).lstm(64, true).dense(42)
     * }</pre>
     */
    public static Model decoder(Model encoder) {
        return decoder("decoder", encoder);
    }

    /** Starts a named decoder reading {@code encoder}'s output; see {@link #decoder(Model)}. */
    public static Model decoder(String name, Model encoder) {
        if (encoder.encoder != null) {
            throw ModelErrors.unusableEncoder(encoder, "it is itself a decoder. Use a plain stack built with"
                    + " Model.sequential() as the encoder.");
        }
        if (encoder.input == null) {
            throw ModelErrors.unusableEncoder(encoder, "it has no input shape yet, so the decoder cannot know what"
                    + " it produces. Call input(...) on the encoder first.");
        }
        return new Model(name, encoder);
    }

    // ---------------------------------------------------------------- the input

    /**
     * Sets the shape of one example, without the batch: {@code input(2)} for rows of two numbers,
     * {@code input(1, 28, 28)} for grey 28x28 images, {@code input(12)} for sequences of 12 token ids.
     *
     * <pre>{@code
     * Model.sequential().input(1, 28, 28).conv2d(8, 3)
     * Model.sequential().input(0)   // fails: every size must be a whole number of at least 1
     * }</pre>
     */
    public Model input(long... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw ModelErrors.invalidInputShape(shape);
        }
        if (input != null) {
            throw ModelErrors.inputAlreadySet(this, input);
        }
        requireNotBuilt("change the input shape");
        input = new Shape(shape);
        try {
            for (int i = 0; i < layers.size(); i++) {
                outputs.add(inferOutput(i));
            }
        } catch (PerceptronException e) {
            input = null;
            outputs.clear();
            throw e;
        }
        return this;
    }

    /** The same as {@link #input(long...)}, for {@code Int} values in Kotlin. */
    public Model input(int... shape) {
        return input(Arrays.stream(shape).asLongStream().toArray());
    }

    // ---------------------------------------------------------------- layers

    /**
     * Adds a layer: any {@link Layer}, e.g. one from {@link Layers} with options.
     *
     * <pre>{@code
     * model.add(Layers.transformerEncoder(4, 128).preNorm())
     * }</pre>
     */
    public Model add(Layer layer) {
        requireNotBuilt("add " + layer);
        if (layer.needsContext() && encoder == null) {
            throw LayerErrors.needsEncoder(layer);
        }
        if (layer.masksPadding() && (!layers.isEmpty() || encoder != null)) {
            throw ModelErrors.maskingNotFirst(name, layer.toString());
        }
        layers.add(layer);
        if (input != null) {
            try {
                outputs.add(inferOutput(layers.size() - 1));
            } catch (PerceptronException e) {
                layers.remove(layers.size() - 1);
                throw e;
            }
        }
        return this;
    }

    /**
     * Adds another model as one step. The part keeps its parameters: both models share them, so a
     * part trained in one model arrives trained in the next, and {@code part.freeze()} stops it
     * learning in all of them.
     *
     * <pre>{@code
     * val features = Model.sequential("features").input(1, 16, 16).conv2d(8, 3).relu().maxPool(2).flatten()
     * val taskA = Model.sequential().input(1, 16, 16).add(features).dense(2)
     * // ... train taskA, then:
     * features.freeze()
     * val taskB = Model.sequential().input(1, 16, 16).add(features).dense(3)   // only dense(3) learns
     * }</pre>
     */
    public Model add(Model part) {
        if (part == this || part.contains(this)) {
            throw ModelErrors.partOfItself(this);
        }
        if (part.encoder != null) {
            throw ModelErrors.decoderAsPart(part);
        }
        return add(new PartLayer(part));
    }

    /**
     * A fully connected layer: each of {@code units} outputs is a weighted sum of all inputs plus a
     * bias. On a sequence, the same weights apply to every step.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(16)   // 2 x 16 weights + 16 biases = 48 parameters
     * Model.sequential().input(2).dense(0)    // fails: units must be a whole number of at least 1
     * }</pre>
     */
    public Model dense(int units) {
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
    public Model activation(String name) {
        return add(Layers.activation(name));
    }

    /** The binary step: 1 where the input is at least 0, else 0 (the first perceptron's activation). */
    public Model binaryStep() {
        return add(Layers.binaryStep());
    }

    /** The identity: passes numbers through unchanged (a linear neuron). */
    public Model identity() {
        return add(Layers.identity());
    }

    /** The sigmoid, 1 / (1 + e^-x): squashes each number into (0, 1), e.g. for multi-label outputs. */
    public Model sigmoid() {
        return add(Layers.sigmoid());
    }

    /** The hyperbolic tangent: squashes each number into (-1, 1). */
    public Model tanh() {
        return add(Layers.tanh());
    }

    /**
     * ReLU, max(0, x): the usual activation between dense or convolution layers.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(16).relu().dense(2)
     * }</pre>
     */
    public Model relu() {
        return add(Layers.relu());
    }

    /** Leaky ReLU with slope 0.01 for negative inputs. */
    public Model leakyRelu() {
        return add(Layers.leakyRelu());
    }

    /** Leaky ReLU with slope {@code alpha} (from 0 up to but excluding 1) for negative inputs. */
    public Model leakyRelu(double alpha) {
        return add(Layers.leakyRelu(alpha));
    }

    /** GELU, the smooth ReLU of BERT and GPT. */
    public Model gelu() {
        return add(Layers.gelu());
    }

    /**
     * Softmax over the last axis: turns scores into probabilities that sum to 1. Leave it out before
     * a cross-entropy loss that takes raw scores.
     */
    public Model softmax() {
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
    public Model dropout(double rate) {
        return add(Layers.dropout(rate));
    }

    /**
     * Batch normalization: normalizes each feature (or image channel) over the batch, then scales
     * and shifts it with two learned numbers per feature.
     */
    public Model batchNorm() {
        return add(Layers.batchNorm());
    }

    /** Layer normalization: normalizes each example's last axis, with a learned scale and shift. */
    public Model layerNorm() {
        return add(Layers.layerNorm());
    }

    /**
     * Lays each example out as one vector, e.g. feature maps (8, 13, 13) become (1352), so that
     * dense layers can follow convolutions.
     */
    public Model flatten() {
        return add(Layers.flatten());
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
    public Model conv2d(int filters, int kernel) {
        return conv2d(filters, kernel, 1, 0);
    }

    /** A 2-D convolution moving {@code stride} pixels at a time, without padding. */
    public Model conv2d(int filters, int kernel, int stride) {
        return conv2d(filters, kernel, stride, 0);
    }

    /** A 2-D convolution with {@code padding} zero pixels added around each side of the image. */
    public Model conv2d(int filters, int kernel, int stride, int padding) {
        return add(Layers.conv2d(filters, kernel, stride, padding));
    }

    /** Max pooling over {@code size} x {@code size} windows that do not overlap (stride = size). */
    public Model maxPool(int size) {
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
    public Model maxPool(int size, int stride) {
        return add(Layers.maxPool(size, stride));
    }

    /** Average pooling over {@code size} x {@code size} windows that do not overlap. */
    public Model avgPool(int size) {
        return avgPool(size, size);
    }

    /** Average pooling over {@code size} x {@code size} windows, moving {@code stride} pixels at a time. */
    public Model avgPool(int size, int stride) {
        return add(Layers.avgPool(size, stride));
    }

    /**
     * Average pooling to a fixed {@code height} x {@code width} grid whatever the image size, as
     * torchvision's AlexNet does before its classifier.
     */
    public Model adaptiveAvgPool(int height, int width) {
        return add(Layers.adaptiveAvgPool(height, width));
    }

    /** Averages each channel over the whole image, (C, H, W) to (C), or a sequence over its steps. */
    public Model globalAvgPool() {
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
    public Model embedding(int vocabularySize, int dimension) {
        return add(Layers.embedding(vocabularySize, dimension));
    }

    /**
     * Adds a learned vector for each position to a sequence of vectors, so that attention (which
     * ignores order) can tell the steps apart; sequences may have up to {@code maxLength} steps.
     */
    public Model positionalEmbedding(int maxLength) {
        return add(Layers.positionalEmbedding(maxLength));
    }

    /**
     * Adds a learned vector per segment type, BERT's marker of sentence A or B ({@code types}
     * rows). Given one sentence, every step is segment 0.
     */
    public Model tokenTypeEmbedding(int types) {
        return add(Layers.tokenTypeEmbedding(types));
    }

    /**
     * A simple recurrent layer with a state of {@code units} numbers; gives back its final state,
     * (units). Reads sequences shaped (steps, features).
     */
    public Model simpleRnn(int units) {
        return simpleRnn(units, false);
    }

    /** A simple recurrent layer; with {@code returnSequences} it gives back every step, (steps, units). */
    public Model simpleRnn(int units, boolean returnSequences) {
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
    public Model lstm(int units) {
        return lstm(units, false);
    }

    /** An LSTM layer; with {@code returnSequences} it gives back every step, (steps, units). */
    public Model lstm(int units, boolean returnSequences) {
        return add(Layers.lstm(units, returnSequences));
    }

    /** A GRU layer giving back its final state, (units). */
    public Model gru(int units) {
        return gru(units, false);
    }

    /** A GRU layer; with {@code returnSequences} it gives back every step, (steps, units). */
    public Model gru(int units, boolean returnSequences) {
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
    public Model multiHeadAttention(int heads) {
        return multiHeadAttention(heads, false);
    }

    /** Multi-head self-attention; when {@code causal}, each step sees only itself and earlier steps. */
    public Model multiHeadAttention(int heads, boolean causal) {
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
    public Model transformerEncoder(int heads, int feedForwardSize) {
        return add(Layers.transformerEncoder(heads, feedForwardSize));
    }

    /** A transformer encoder block with dropout {@code dropout}; see {@link #transformerEncoder(int, int)}. */
    public Model transformerEncoder(int heads, int feedForwardSize, double dropout) {
        return add(Layers.transformerEncoder(heads, feedForwardSize).dropout(dropout));
    }

    /**
     * A transformer decoder block, only in a {@link #decoder(Model)}: causal self-attention, then
     * attention to the encoder's output sequence, then a feed-forward network.
     *
     * <pre>{@code
     * val encoder = Model.sequential("encoder").input(12).embedding(40, 32).positionalEmbedding(12)
     *     .transformerEncoder(4, 64)
     * val decoder = Model.decoder(encoder).input(14).embedding(45, 32).positionalEmbedding(14)
     *     .transformerDecoder(4, 64).dense(45)
     * }</pre>
     */
    public Model transformerDecoder(int heads, int feedForwardSize) {
        return add(Layers.transformerDecoder(heads, feedForwardSize));
    }

    /** A transformer decoder block with dropout {@code dropout}; see {@link #transformerDecoder(int, int)}. */
    public Model transformerDecoder(int heads, int feedForwardSize, double dropout) {
        return add(Layers.transformerDecoder(heads, feedForwardSize).dropout(dropout));
    }

    /** Keeps only the first step of a sequence, (steps, features) to (features): BERT's [CLS] token. */
    public Model firstToken() {
        return add(Layers.firstToken());
    }

    /**
     * A residual block: the output is the input plus what {@code body} computes from it, so the
     * body must give back the shape it receives. The body is built on a fresh stack that already
     * knows its input shape.
     *
     * <pre>{@code
     * Model.sequential().input(16).residual { it.dense(16).relu().dense(16) }
     * Model.sequential().input(16).residual { it.dense(8) }   // fails: the body must keep the shape (16)
     * }</pre>
     */
    public Model residual(UnaryOperator<Model> body) {
        Model stack = sequential(name + " residual body");
        if (input != null) {
            stack.input(currentShape().getShape());
        }
        return add(Layers.residual(body.apply(stack).layers()));
    }

    // ---------------------------------------------------------------- parts and freezing

    /**
     * A model made of this model's first {@code count} layers, sharing their parameters: the
     * trained feature layers of a network, ready to be frozen and reused under a new head.
     *
     * <pre>{@code
     * val net = Model.sequential().input(1, 16, 16).conv2d(8, 3).relu().maxPool(2).flatten().dense(2)
     * // ... train net, then:
     * val transfer = Model.sequential().input(1, 16, 16).add(net.first(4).freeze()).dense(3)
     * }</pre>
     */
    public Model first(int count) {
        if (count < 1 || count > layers.size()) {
            throw ModelErrors.invalidPartSize(this, count);
        }
        Model part = new Model(name + " first " + count, encoder);
        for (int i = 0; i < count; i++) {
            part.layers.add(new SharedLayer(this, i));
        }
        if (input != null) {
            part.input(input.getShape());
        }
        return part;
    }

    /**
     * Stops every layer of this model, parts and encoder included, from learning: training leaves
     * their parameters as they are. Models that share those parameters see them frozen too.
     *
     * <pre>{@code
     * encoder.freeze()
     * encoder.summary()   // each layer marked frozen; "trainable" row shows 0
     * }</pre>
     */
    public Model freeze() {
        frozen = true;
        frozenLayers.clear();
        applyFreezing();
        return this;
    }

    /**
     * Stops layer {@code #index} (the number in the summary's '#' column) from learning.
     *
     * <pre>{@code
     * model.freeze(0).freeze(2)   // the two convolution layers keep their weights
     * model.freeze(9)             // fails when there is no layer #9, saying which exist
     * }</pre>
     */
    public Model freeze(int index) {
        checkIndex(index);
        frozenLayers.add(index);
        applyFreezing();
        return this;
    }

    /** Lets every layer learn again. */
    public Model unfreeze() {
        frozen = false;
        frozenLayers.clear();
        applyFreezing();
        return this;
    }

    /**
     * Lets layer {@code #index} learn again; after {@link #freeze()}, the other layers stay frozen,
     * so {@code freeze().unfreeze(5)} fine-tunes only layer 5.
     */
    public Model unfreeze(int index) {
        checkIndex(index);
        if (frozen) {
            frozen = false;
            for (int i = 0; i < layers.size(); i++) {
                frozenLayers.add(i);
            }
        }
        frozenLayers.remove(index);
        applyFreezing();
        return this;
    }

    /** Whether the whole model was frozen with {@link #freeze()}. */
    public boolean isFrozen() {
        return frozen;
    }

    /** Whether layer {@code #index} is kept from learning, by itself or with the whole model. */
    public boolean isFrozen(int index) {
        checkIndex(index);
        return frozen || frozenLayers.contains(index)
                || layers.get(index) instanceof PartLayer part && part.model().isFrozen();
    }

    // ---------------------------------------------------------------- looking inside

    /**
     * The filters convolution layer {@code #index} has learned, shaped
     * {@code (filters, channels, k, k)}: a copy, which later training leaves as it is. Builds the
     * model if needed; the copy is freed with the model. (A dense layer's weights come as a table
     * from {@code weights(index)}.)
     *
     * <pre>{@code
     * val filters = cnn.filters(0)      // conv2d(8, 3) on grey images: shape (8, 1, 3, 3)
     * Plot.images(filters)              // the eight 3x3 filters as pictures
     * cnn.filters(1)                    // fails: layer #1 (relu) is not a convolution; lists those that are
     * }</pre>
     */
    public NDArray filters(int index) {
        checkIndex(index);
        return LayerProbe.filters(this, index);
    }

    /**
     * What layers {@code #0} to {@code #index} make of one example, without the batch axis: after a
     * convolution, its feature maps shaped {@code (filters, height, width)}. Runs as prediction does
     * (dropout off); the result is freed with the model.
     *
     * <pre>{@code
     * val maps = cnn.outputOf(1, images, 0)   // conv2d(8, 3, 1, 1) then relu on image 0: shape (8, 28, 28)
     * Plot.images(maps)                        // one picture per filter
     * }</pre>
     */
    public NDArray outputOf(int index, Examples examples, int example) {
        checkIndex(index);
        return LayerProbe.outputOf(this, index, examples, example);
    }

    // ---------------------------------------------------------------- description

    /** The name given at creation ("sequential" unless named), shown in summaries and messages. */
    public String name() {
        return name;
    }

    /** The layers, in order; a part added with {@link #add(Model)} is one layer. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** For a decoder, the encoder it reads; {@code null} for a plain stack. */
    public Model encoder() {
        return encoder;
    }

    /**
     * The shape of one example this model takes, without the batch (for a decoder, its own input,
     * the target sequence).
     */
    public Shape inputShape() {
        requireInput("input shape");
        return input;
    }

    /**
     * The shapes of all inputs the built block takes, in order, without the batch: one for a plain
     * stack; for a decoder the encoder's input, then its own.
     */
    public List<Shape> inputShapes() {
        requireInput("input shapes");
        return encoder == null ? List.of(input) : List.of(encoder.inputShape(), input);
    }

    /**
     * The shape of one example's output, without the batch.
     *
     * <pre>{@code
     * Model.sequential().input(1, 28, 28).conv2d(8, 3).maxPool(2).outputShape()   // (8, 13, 13)
     * }</pre>
     */
    public Shape outputShape() {
        requireInput("output shape");
        return currentShape();
    }

    /**
     * How many numbers the model learns, worked out from shapes alone: nothing is allocated, so
     * this is instant even for GPT-2 XL's 1.5 billion.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(16).relu().dense(2).parameterCount()   // 48 + 34 = 82
     * }</pre>
     */
    public long parameterCount() {
        requireInput("parameter count");
        long count = encoder == null ? 0 : encoder.parameterCount();
        for (int i = 0; i < layers.size(); i++) {
            count += layers.get(i).parameterCount(layerInput(i));
        }
        return count;
    }

    /** How many of the parameters training changes: those outside frozen layers, parts and encoders. */
    public long trainableParameterCount() {
        requireInput("parameter count");
        long count = encoder == null || frozen ? 0 : encoder.trainableParameterCount();
        for (int i = 0; i < layers.size(); i++) {
            count += trainable(i);
        }
        return count;
    }

    private long trainable(int i) {
        if (frozen || frozenLayers.contains(i)) {
            return 0;
        }
        if (layers.get(i) instanceof PartLayer part) {
            return part.model().trainableParameterCount();
        }
        return layers.get(i).parameterCount(layerInput(i));
    }

    /**
     * A table of the model, one row per layer: its number, what it is, the shape of its output and
     * how many parameters it learns; then the total, and the trainable count when some layers are
     * frozen. Computed from shapes alone, never allocating parameters.
     *
     * <pre>{@code
     * Model.sequential().input(2).dense(16).relu().dense(2).summary()
     * //  #  |   layer    |  output shape  |  parameters
     * //     |  input     |  (2)           |           0
     * //  0  |  dense(16) |  (16)          |          48
     * //  ...
     * //     |  total     |                |          82
     * }</pre>
     */
    public Table summary() {
        requireInput("summary");
        StringColumn number = StringColumn.create("#");
        StringColumn layer = StringColumn.create("layer");
        StringColumn shape = StringColumn.create("output shape");
        LongColumn parameters = LongColumn.create("parameters");
        if (encoder != null) {
            row(number, layer, shape, parameters, "encoder", new PartLayer(encoder).toString(),
                    Shapes.text(encoder.outputShape()), encoder.parameterCount());
        }
        row(number, layer, shape, parameters, "", "input", Shapes.text(input), 0);
        for (int i = 0; i < layers.size(); i++) {
            String text = layers.get(i).toString() + (frozen || frozenLayers.contains(i) ? ", frozen" : "");
            row(number, layer, shape, parameters, Integer.toString(i), text, Shapes.text(outputs.get(i)),
                    layers.get(i).parameterCount(layerInput(i)));
        }
        long total = parameterCount();
        row(number, layer, shape, parameters, "", "total", "", total);
        long trainable = trainableParameterCount();
        if (trainable != total) {
            row(number, layer, shape, parameters, "", "trainable", "", trainable);
        }
        parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        return Table.create(name, number, layer, shape, parameters);
    }

    private static void row(StringColumn number, StringColumn layer, StringColumn shape, LongColumn parameters,
                            String n, String l, String s, long p) {
        number.append(n);
        layer.append(l);
        shape.append(s);
        parameters.append(p);
    }

    /** In a notebook, a model shows as its summary table. */
    @Override
    public Map<String, String> mimeBundle() {
        if (input == null) {
            return Map.of("text/plain", toString());
        }
        return Renderers.bundle(summary());
    }

    /**
     * One line: the name, the chain of layers with the input and output shapes, and the parameter
     * count, e.g. {@code Model "sequential": (2) -> dense(16) -> relu -> dense(2) -> (2), 82 parameters}.
     */
    @Override
    public String toString() {
        List<String> chain = layers.stream().map(Object::toString).collect(Collectors.toList());
        if (chain.size() > PRINTED_LAYERS) {
            int edge = PRINTED_LAYERS / 2;
            List<String> shortened = new ArrayList<>(chain.subList(0, edge));
            shortened.add("... " + (chain.size() - 2 * edge) + " more ...");
            shortened.addAll(chain.subList(chain.size() - edge, chain.size()));
            chain = shortened;
        }
        String source = encoder == null ? "" : "decoder of model \"" + encoder.name() + "\", ";
        if (input == null) {
            return "Model \"" + name + "\": " + source + (chain.isEmpty() ? "no layers" : String.join(" -> ", chain))
                    + "; no input shape yet, call input(...)";
        }
        chain.add(0, Shapes.text(input));
        chain.add(Shapes.text(outputShape()));
        return String.format(Locale.ROOT, "Model \"%s\": %s%s, %,d parameters", name, source,
                String.join(" -> ", chain), parameterCount());
    }

    // ---------------------------------------------------------------- building for real

    /**
     * Where the parameters live and the computation runs: the device chosen with
     * {@link #device(String)}, else the engine's default (a GPU when one is usable, else the CPU).
     */
    public Device device() {
        if (djl != null) {
            return djl.getNDManager().getDevice();
        }
        return device != null ? device : engine().defaultDevice();
    }

    /**
     * Chooses the device by name before the model is built: {@code "cpu"}, {@code "gpu"} (the first
     * GPU, an error when there is none), {@code "gpu1"} (the second), or {@code "auto"}.
     *
     * <pre>{@code
     * Model.sequential().device("cpu").input(2).dense(2)
     * }</pre>
     */
    public Model device(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("auto")) {
            requireNotBuilt("change the device");
            device = null;
            return this;
        }
        if (wanted.equals("cpu")) {
            return device(Device.cpu());
        }
        if (wanted.matches("(gpu|cuda)\\d*")) {
            String number = wanted.replaceAll("\\D", "");
            return device(Device.gpu(number.isEmpty() ? 0 : Integer.parseInt(number)));
        }
        throw ModelErrors.unknownDevice(name);
    }

    /** Chooses the device before the model is built; a GPU that the engine does not see is an error. */
    public Model device(Device device) {
        if (djl != null && !device.equals(device())) {
            throw ModelErrors.deviceAfterBuild(this, device());
        }
        if (device.isGpu()) {
            int gpus = engine().getGpuCount();
            if (device.getDeviceId() >= gpus) {
                throw ModelErrors.gpuNotAvailable(device, gpus);
            }
        }
        this.device = device;
        return this;
    }

    /**
     * The model as a DJL model, with its block built and its parameters initialized on
     * {@link #device()}; created once, on first call, and kept: training continues from the same
     * parameters, so a second fit fine-tunes. Use it to reach DJL directly (a Trainer, a Predictor).
     *
     * <pre>{@code
     * val djl = model.djl()
     * djl.block.parameters.size()   // the DJL parameter arrays
     * }</pre>
     */
    public ai.djl.Model djl() {
        if (closed) {
            throw ModelErrors.closed(this);
        }
        if (djl == null) {
            requireInput("parameters");
            Block built = block();
            try {
                ai.djl.Model model = ai.djl.Model.newInstance(name, device());
                model.setBlock(built);
                Shape[] batchShapes = inputShapes().stream().map(s -> Shapes.batchOf(1, s)).toArray(Shape[]::new);
                built.initialize(model.getNDManager(), DataType.FLOAT32, batchShapes);
                djl = model;
            } catch (EngineException e) {
                throw ModelErrors.engineFailed(this, e);
            }
        }
        return djl;
    }

    /** Whether {@link #djl()} has built the parameters yet. Describing a model never does. */
    public boolean isBuilt() {
        return djl != null;
    }

    /**
     * Frees the parameters' native memory. Parts shared with other models live in the memory of
     * the model that built them first: close that one last.
     */
    @Override
    public void close() {
        if (djl != null) {
            djl.close();
        }
        closed = true;
    }

    // ---------------------------------------------------------------- training (io.perceptron.dsl.training)
    // ==== BEGIN training section: fit(Table), fit(Examples), predict, evaluate, save(Path), load(Path).
    // ==== The training helper owns the methods between these two markers; they delegate to
    // ==== io.perceptron.dsl.training and use only the public API above (djl(), inputShape(), ...).

    /**
     * Training settings for this model on a table; finish with {@code train()}. See {@link Fit}
     * for every setting and its default.
     *
     * <pre>{@code
     * val run = model.fit(Datasets.moons(1000, 0.2, 42)).label("label").epochs(40).validationSplit(0.2).train()
     * run.history()   // epoch, loss, accuracy, val_loss, val_accuracy
     * }</pre>
     */
    public Fit fit(Table data) {
        return Fit.of(this, data);
    }

    /**
     * Training settings for this model on examples: images, token sequences, multi-label data.
     *
     * <pre>{@code model.fit(Datasets.dogsVsConesImages(500, 28, 1)).epochs(5).train() }</pre>
     */
    public Fit fit(Examples data) {
        return Fit.of(this, data);
    }

    /**
     * Training settings for this model on NDArrays: {@code x} holds the examples along its first
     * axis, {@code y} the labels (integers: class indices; floats: numbers to predict).
     *
     * <pre>{@code model.fit(x, y).loss(Loss.mse()).epochs(100).train() }</pre>
     */
    public Fit fit(NDArray x, NDArray y) {
        return Fit.of(this, x, y);
    }

    /**
     * The trained model's answers for a table: the predicted class (as in the label column) and a
     * probability per class, or the predicted numbers. See {@link Inference#predict(Model, Table)}.
     *
     * <pre>{@code model.predict(data)   // predicted, p_0, p_1 }</pre>
     */
    public Table predict(Table data) {
        return Inference.predict(this, data);
    }

    /** The trained model's answers for examples, as a table like {@link #predict(Table)}'s. */
    public Table predict(Examples data) {
        return Inference.predict(this, data);
    }

    /**
     * The model's raw outputs for {@code x} (logits for classifiers), owned by {@code x}'s manager.
     *
     * <pre>{@code model.predict(manager.create(floatArrayOf(0.5f, -0.2f), Shape(1, 2))) }</pre>
     */
    public NDArray predict(NDArray x) {
        return Inference.predict(this, x);
    }

    /**
     * What the model outputs for each example, one row of numbers per example; no training of its
     * own needed. For an encoder trained inside a decoder, the rows are the sentences' meaning
     * vectors. See {@link Inference#outputs(Model, Examples)}.
     *
     * <pre>{@code
     * val vectors = encoder.outputs(english.encodePairs(pairs, "english", 8, swedish, "swedish", 8))
     * vectors[0].size   // 64: the encoder's last layer, gru(64)
     * }</pre>
     */
    public float[][] outputs(Examples data) {
        return Inference.outputs(this, data);
    }

    /**
     * Loss and metrics (accuracy, confusion matrix, per-label accuracy) on a held-out table.
     *
     * <pre>{@code model.evaluate(test).accuracy()   // 0.96 }</pre>
     */
    public Evaluation evaluate(Table data) {
        return Inference.evaluate(this, data);
    }

    /** Loss and metrics on held-out examples. */
    public Evaluation evaluate(Examples data) {
        return Inference.evaluate(this, data);
    }

    /** Loss and metrics on held-out arrays. */
    public Evaluation evaluate(NDArray x, NDArray y) {
        return Inference.evaluate(this, x, y);
    }

    /**
     * The learned weights of dense layer {@code layer} (its {@code #} in {@code summary()}) as a
     * table: a row per input and a {@code bias} row, a column per output. The first layer's rows
     * are named by the feature columns the model was trained on, the last layer's columns by the
     * classes. See {@link Weights#of(Model, int)}.
     *
     * <pre>{@code
     * model.weights(0)                              // input | cone | dog ; orange, coneShaped, fur, size, bias
     * Plot.bar(model.weights(0), "input", "dog")    // which feature pushes towards "dog"
     * }</pre>
     */
    public Table weights(int layer) {
        return Weights.of(this, layer);
    }

    /**
     * Saves the parameters, and what the model was trained on (columns, classes, loss), to one
     * file. Load them into a model built the same way with {@link #loadParameters(Path)}.
     *
     * <pre>{@code model.save(Path.of("moons.params")) }</pre>
     */
    public Model save(Path file) {
        Checkpoints.save(this, file);
        return this;
    }

    /**
     * Loads parameters saved by {@link #save(Path)} (or by a training checkpoint) into this model,
     * which must have the same layers and shapes; a wrong file is refused, saying what differs.
     *
     * <pre>{@code Model.sequential().input(2).dense(16).relu().dense(2).loadParameters(Path.of("moons.params")) }</pre>
     */
    public Model loadParameters(Path file) {
        Checkpoints.loadParameters(this, file);
        return this;
    }

    // ==== END training section

    // ---------------------------------------------------------------- internals

    /** The DJL block, built once (uninitialized until {@link #djl()} or an outer model initializes it). */
    Block block() {
        if (block == null) {
            requireInput("block");
            List<Block> built = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                built.add(layers.get(i).block(layerInput(i)));
            }
            layerBlocks = built;
            if (encoder == null && layers.get(0).masksPadding()) {
                block = paddingMaskBlock(built);
            } else if (encoder == null) {
                block = new SequentialBlock().addAll(built);
            } else {
                boolean[] readsContext = new boolean[layers.size()];
                for (int i = 0; i < layers.size(); i++) {
                    readsContext[i] = layers.get(i).readsContext();
                }
                block = new DecoderBlock(encoder.block(), built, readsContext);
            }
            applyFreezing();
        }
        return block;
    }

    /**
     * The stack with a padding mask for the layers that read it. Trailing padding is cut off only
     * when that cannot change the output: every layer ignores padding given the mask, and one of
     * them averages the steps away (so the output has no step axis to keep the length of).
     */
    private Block paddingMaskBlock(List<Block> built) {
        boolean[] readsMask = new boolean[layers.size()];
        boolean allIgnorePadding = true;
        boolean stepsAveragedAway = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            readsMask[i] = layer.readsPaddingMask();
            allIgnorePadding &= layer.ignoresPadding();
            stepsAveragedAway |= readsMask[i] && outputs.get(i).dimension() < layerInput(i).dimension();
        }
        return new PaddingMaskBlock(built, readsMask, allIgnorePadding && stepsAveragedAway);
    }

    /** The block of layer {@code index}, building the model's block if needed. */
    Block layerBlock(int index) {
        block();
        return layerBlocks.get(index);
    }

    /** This model's block as a part receiving {@code input}; a part without input shape takes this one. */
    Block blockFor(Shape received) {
        outputShapeFrom(received);
        if (input == null) {
            input(received.getShape());
        }
        return block();
    }

    /** The output for examples shaped {@code received}, as a part of another model. */
    Shape outputShapeFrom(Shape received) {
        if (input != null) {
            if (!input.equals(received)) {
                throw ModelErrors.partExpectsOtherInput(new PartLayer(this).toString(), input, received);
            }
            return currentShape();
        }
        Shape shape = received;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    /** The parameter count for examples shaped {@code received}, as a part of another model. */
    long parameterCountFrom(Shape received) {
        outputShapeFrom(received);
        if (input != null) {
            return parameterCount();
        }
        long count = 0;
        Shape shape = received;
        for (Layer layer : layers) {
            count += layer.parameterCount(shape);
            shape = layer.outputShape(shape);
        }
        return count;
    }

    private boolean contains(Model other) {
        for (Layer layer : layers) {
            if (layer instanceof PartLayer part && (part.model() == other || part.model().contains(other))) {
                return true;
            }
        }
        return false;
    }

    private Shape inferOutput(int index) {
        Layer layer = layers.get(index);
        Shape received = layerInput(index);
        try {
            if (encoder != null && layer.readsContext()) {
                layer.checkContext(received, encoder.outputShape());
            }
            return layer.outputShape(received);
        } catch (ShapeMismatch mismatch) {
            throw ModelErrors.layerDoesNotFit(this, index, mismatch);
        }
    }

    private Shape layerInput(int index) {
        return index == 0 ? input : outputs.get(index - 1);
    }

    private Shape currentShape() {
        return layers.isEmpty() ? input : outputs.get(layers.size() - 1);
    }

    /**
     * Brings the built blocks' parameters in line with what is frozen. A part that this model does
     * not freeze keeps its own settings.
     */
    private void applyFreezing() {
        if (layerBlocks == null) {
            return;
        }
        if (encoder != null) {
            if (frozen) {
                setFrozen(encoder.block(), true);
            } else {
                encoder.applyFreezing();
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            boolean freezeThis = frozen || frozenLayers.contains(i);
            if (!freezeThis && layers.get(i) instanceof PartLayer part) {
                part.model().applyFreezing();
            } else {
                setFrozen(layerBlocks.get(i), freezeThis);
            }
        }
    }

    /**
     * Freezes or unfreezes the learned parameters of {@code block}. Batch norm's running statistics
     * never take gradients, frozen or not, so they are left alone.
     */
    private static void setFrozen(Block block, boolean freeze) {
        block.freezeParameters(freeze, p -> p.getType() != Parameter.Type.RUNNING_MEAN
                && p.getType() != Parameter.Type.RUNNING_VAR);
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= layers.size()) {
            throw ModelErrors.noSuchLayer(this, index);
        }
    }

    private void requireInput(String wanted) {
        if (input == null) {
            throw ModelErrors.noInputShape(this, wanted);
        }
    }

    private void requireNotBuilt(String change) {
        if (block != null) {
            throw ModelErrors.alreadyBuilt(this, change);
        }
    }

    private static Engine engine() {
        try {
            return Engine.getInstance();
        } catch (EngineException e) {
            throw ModelErrors.engineUnavailable(e);
        }
    }
}
