package io.perceptron.dsl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.display.Displayable;
import io.perceptron.dsl.display.Renderers;
import io.perceptron.dsl.io.SavedModel;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.LayerDescription;
import io.perceptron.dsl.layer.Layers;
import io.perceptron.dsl.plot.TablePredictor;
import io.perceptron.dsl.training.Evaluation;
import io.perceptron.dsl.training.Fit;
import io.perceptron.dsl.training.Inference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.Table;

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
 *
 * <p>The layer words ({@code dense}, {@code relu}, {@code conv2d}, ...) come from
 * {@link LayerShortcuts}; the network they describe, and later build, is a {@link Network}, which
 * training, prediction and saving work on. This class is the user's side: it checks, words and
 * delegates.
 */
public final class Model extends LayerShortcuts<Model> implements Displayable, TablePredictor, AutoCloseable {
    private final Network network;
    private final Model encoder;

    private Model(Network network, Model encoder) {
        this.network = network;
        this.encoder = encoder;
    }

    /** The network this model describes and builds, for the model package's own use (loading published weights). */
    Network network() {
        return network;
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
        return new Model(new Network(name, null), null);
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
            throw ModelErrors.unusableEncoder(encoder.name(), "it is itself a decoder. Use a plain stack built with"
                    + " Model.sequential() as the encoder.");
        }
        if (!encoder.network.hasInput()) {
            throw ModelErrors.unusableEncoder(encoder.name(), "it has no input shape yet, so the decoder cannot know"
                    + " what it produces. Call input(...) on the encoder first.");
        }
        return new Model(new Network(name, encoder.network), encoder);
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
        network.input(shape);
        return this;
    }

    /** The same as {@link #input(long...)}, for {@code Int} values in Kotlin. */
    public Model input(int... shape) {
        return input(Arrays.stream(shape).asLongStream().toArray());
    }

    // ---------------------------------------------------------------- layers

    /**
     * Adds a layer: any {@link Layer}, e.g. one from {@link Layers} with options. A layer that does
     * not fit the shape it receives fails here, and the model keeps the layers that did fit.
     *
     * <pre>{@code
     * model.add(Layers.transformerEncoder(4, 128).preNorm())
     * }</pre>
     */
    @Override
    public Model add(Layer layer) {
        network.add(layer);
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
        if (part.network.contains(network)) {
            throw ModelErrors.partOfItself(name());
        }
        if (part.encoder != null) {
            throw ModelErrors.decoderAsPart(part.name());
        }
        return add(new PartLayer(part.network));
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
        Model stack = sequential(name() + " residual body");
        if (network.hasInput()) {
            stack.input(network.outputShape().getShape());
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
        return new Model(network.first(count), encoder);
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
        network.freeze();
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
        network.freeze(index);
        return this;
    }

    /** Lets every layer learn again. */
    public Model unfreeze() {
        network.unfreeze();
        return this;
    }

    /**
     * Lets layer {@code #index} learn again; after {@link #freeze()}, the other layers stay frozen,
     * so {@code freeze().unfreeze(5)} fine-tunes only layer 5.
     */
    public Model unfreeze(int index) {
        network.unfreeze(index);
        return this;
    }

    /** Whether the whole model was frozen with {@link #freeze()}. */
    public boolean isFrozen() {
        return network.isFrozen();
    }

    /** Whether layer {@code #index} is kept from learning, by itself or with the whole model. */
    public boolean isFrozen(int index) {
        return network.isFrozen(index);
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
        return LayerProbe.filters(network, index);
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
        return LayerProbe.outputOf(network, index, examples, example);
    }

    // ---------------------------------------------------------------- description

    /** The name given at creation ("sequential" unless named), shown in summaries and messages. */
    public String name() {
        return network.name();
    }

    /** The layers, in order; a part added with {@link #add(Model)} is one layer. */
    public List<Layer> layers() {
        return network.layers();
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
        return network.inputShape();
    }

    /**
     * The shapes of all inputs the built block takes, in order, without the batch: one for a plain
     * stack; for a decoder the encoder's input, then its own.
     */
    public List<Shape> inputShapes() {
        return network.inputShapes();
    }

    /**
     * The shape of one example's output, without the batch.
     *
     * <pre>{@code
     * Model.sequential().input(1, 28, 28).conv2d(8, 3).maxPool(2).outputShape()   // (8, 13, 13)
     * }</pre>
     */
    public Shape outputShape() {
        return network.outputShape();
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
        return network.parameterCount();
    }

    /** How many of the parameters training changes: those outside frozen layers, parts and encoders. */
    public long trainableParameterCount() {
        return network.trainableParameterCount();
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
        return Summary.of(network);
    }

    /** In a notebook, a model shows as its summary table. */
    @Override
    public Map<String, String> mimeBundle() {
        if (!network.hasInput()) {
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
        return network.toString();
    }

    // ---------------------------------------------------------------- building for real

    /**
     * Where the parameters live and the computation runs: the device chosen with
     * {@link #device(String)}, else the engine's default (a GPU when one is usable, else the CPU).
     */
    public Device device() {
        return network.device();
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
            network.device(null);
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
        network.device(device);
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
        return network.djl();
    }

    /** Whether {@link #djl()} has built the parameters yet. Describing a model never does. */
    public boolean isBuilt() {
        return network.isBuilt();
    }

    /**
     * Frees the parameters' native memory. Parts shared with other models live in the memory of
     * the model that built them first: close that one last.
     */
    @Override
    public void close() {
        network.close();
    }

    // ---------------------------------------------------------------- training, prediction, saving
    // Each verb hands the network to io.perceptron.dsl.training or io.perceptron.dsl.io.

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
        return Fit.of(network, data);
    }

    /**
     * Training settings for this model on examples: images, token sequences, multi-label data.
     *
     * <pre>{@code model.fit(Datasets.dogsVsConesImages(500, 28, 1)).epochs(5).train() }</pre>
     */
    public Fit fit(Examples data) {
        return Fit.of(network, data);
    }

    /**
     * Training settings for this model on NDArrays: {@code x} holds the examples along its first
     * axis, {@code y} the labels (integers: class indices; floats: numbers to predict).
     *
     * <pre>{@code model.fit(x, y).loss(Loss.mse()).epochs(100).train() }</pre>
     */
    public Fit fit(NDArray x, NDArray y) {
        return Fit.of(network, x, y);
    }

    /**
     * The trained model's answers for a table: the predicted class (as in the label column) and a
     * probability per class, or the predicted numbers.
     *
     * <pre>{@code model.predict(data)   // predicted, p_0, p_1 }</pre>
     */
    @Override
    public Table predict(Table data) {
        return Inference.predict(network, data);
    }

    /** The trained model's answers for examples, as a table like {@link #predict(Table)}'s. */
    public Table predict(Examples data) {
        return Inference.predict(network, data);
    }

    /**
     * The model's raw outputs for {@code x} (logits for classifiers), owned by {@code x}'s manager.
     *
     * <pre>{@code model.predict(manager.create(floatArrayOf(0.5f, -0.2f), Shape(1, 2))) }</pre>
     */
    public NDArray predict(NDArray x) {
        return Inference.predict(network, x);
    }

    /**
     * What the model outputs for each example, one row of numbers per example; no training of its
     * own needed. For an encoder trained inside a decoder, the rows are the sentences' meaning
     * vectors.
     *
     * <pre>{@code
     * val vectors = encoder.outputs(english.encodePairs(pairs, "english", 8, swedish, "swedish", 8))
     * vectors[0].size   // 64: the encoder's last layer, gru(64)
     * }</pre>
     */
    public float[][] outputs(Examples data) {
        return Inference.outputs(network, data);
    }

    /**
     * Loss and metrics (accuracy, confusion matrix, per-label accuracy) on a held-out table.
     *
     * <pre>{@code model.evaluate(test).accuracy()   // 0.96 }</pre>
     */
    public Evaluation evaluate(Table data) {
        return Inference.evaluate(network, data);
    }

    /** Loss and metrics on held-out examples. */
    public Evaluation evaluate(Examples data) {
        return Inference.evaluate(network, data);
    }

    /** Loss and metrics on held-out arrays. */
    public Evaluation evaluate(NDArray x, NDArray y) {
        return Inference.evaluate(network, x, y);
    }

    /**
     * The learned weights of dense layer {@code layer} (its {@code #} in {@code summary()}) as a
     * table: a row per input and a {@code bias} row, a column per output. The first layer's rows
     * are named by the feature columns the model was trained on, the last layer's columns by the
     * classes.
     *
     * <pre>{@code
     * model.weights(0)                              // input | cone | dog ; orange, coneShaped, fur, size, bias
     * Plot.bar(model.weights(0), "input", "dog")    // which feature pushes towards "dog"
     * }</pre>
     */
    public Table weights(int layer) {
        return WeightTable.of(network, layer);
    }

    /**
     * Saves the model as a folder that another program loads with {@link #load(Path)} and predicts
     * with, without this notebook: {@code architecture.json} (the layers, readable), {@code inputs.json}
     * (what the inputs mean: feature columns, text categories, normalization statistics, classes,
     * picture format) and {@code weights.params}. Saving over an earlier save replaces it whole;
     * an interrupted save leaves the earlier one as it was.
     *
     * <pre>{@code
     * model.save(Path.of("penguin-model"))
     * val again = Model.load(Path.of("penguin-model"))    // predicts exactly as model does
     * }</pre>
     */
    public Model save(Path folder) {
        SavedModel.saveFolder(network, folder);
        return this;
    }

    /** {@link #save(Path)} with the folder as text: {@code model.save("penguin-model")}. */
    public Model save(String folder) {
        return save(Path.of(folder));
    }

    /**
     * A model saved by {@link #save(Path)}: the same layers, weights and input encoding, so it
     * predicts what the saved one did. Works in any JVM program with the DSL on its class path.
     *
     * <pre>{@code
     * val model = Model.load(Path.of("penguin-model"))
     * model.predict(newPenguins)                 // species by name, as in training
     * Model.load(Path.of("nowhere"))             // PerceptronException: There is no saved model at ...
     * }</pre>
     */
    public static Model load(Path folder) {
        SavedModel.Folder saved = SavedModel.readFolder(folder);
        Model model = Model.sequential(saved.name()).input(saved.input());
        for (LayerDescription layer : saved.layers()) {
            model.addDescribed(layer);
        }
        SavedModel.loadFolderWeights(model.network, saved);
        return model;
    }

    /** {@link #load(Path)} with the folder as text: {@code Model.load("penguin-model")}. */
    public static Model load(String folder) {
        return load(Path.of(folder));
    }

    /** Adds a layer written down by {@link Layer#describe()}; a part ("model") becomes a part again. */
    private Model addDescribed(LayerDescription layer) {
        if (!PartLayer.KIND.equals(layer.layer())) {
            return add(Layers.from(layer));
        }
        Model part = Model.sequential(layer.text("name")).input(outputShape().getShape());
        for (LayerDescription inner : layer.body()) {
            part.addDescribed(inner);
        }
        return add(part);
    }

    /**
     * Saves only the parameters, and what the model was trained on, to one file; load them into a
     * model built the same way with {@link #loadParameters(Path)}. {@link #save(Path)} also
     * records the layers, so the model need not be built again.
     *
     * <pre>{@code model.saveParameters(Path.of("moons.params")) }</pre>
     */
    public Model saveParameters(Path file) {
        SavedModel.save(network, file);
        return this;
    }

    /**
     * Loads parameters saved by {@link #saveParameters(Path)}, a training checkpoint, or the
     * weights of a folder saved by {@link #save(Path)}, into this model, which must have the same
     * layers and shapes; a wrong file is refused, saying what differs.
     *
     * <pre>{@code Model.sequential().input(2).dense(16).relu().dense(2).loadParameters(Path.of("moons.params")) }</pre>
     */
    public Model loadParameters(Path file) {
        SavedModel.load(network, java.nio.file.Files.isDirectory(file) ? file.resolve(SavedModel.WEIGHTS) : file);
        return this;
    }

    /**
     * How the training table's columns became this model's inputs, one row per input: a text
     * column gives one 0/1 input per category, a normalized number column shows its statistics.
     *
     * <pre>{@code
     * model.fit(penguins).features("island", "body_mass_g").label("species").normalize().train()
     * model.inputEncoding()    // column | input | encoding: island=Biscoe "1 when island is Biscoe, else 0", ...
     * }</pre>
     */
    public Table inputEncoding() {
        Signature signature = network.isBuilt() ? network.signature() : null;
        if (signature == null || signature.encoding() == null) {
            throw ModelErrors.noInputEncoding(name());
        }
        return signature.encoding().table();
    }
}
