package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.optimizer.Optimizer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;

/**
 * The training settings for one model and one data set, filled in fluently and run with
 * {@link #train()}. Created by {@code model.fit(data)}. Every setting has a default, so the short
 * form works, and {@code toString()} (also printed when training starts) shows each value and
 * whether it is a default.
 *
 * <pre>{@code
 * val run = model.fit(data)
 *     .features("x1", "x2").label("label")
 *     .loss(Loss.crossEntropy())
 *     .optimizer(Optimizer.adam(0.01))
 *     .epochs(40).batchSize(32).validationSplit(0.2).seed(42)
 *     .train()
 * model.fit(data).label("label").train()      // defaults for everything else
 * model.fit(data).features("x9").train()      // PerceptronException: Unknown column 'x9' in table 'moons'. The table has: x1, x2, label. ...
 * }</pre>
 *
 * <p>Defaults: features are all numeric columns except the label; the label is the column
 * called {@code label}; the loss follows the label (text, whole numbers or true/false: classes and
 * {@link Loss#crossEntropy()}; fractional numbers: {@link Loss#mse()}; several 0/1 columns:
 * {@link Loss#binaryCrossEntropy()}); {@code Optimizer.adam(0.001)}; {@value #DEFAULT_EPOCHS} epochs
 * of batches of {@value #DEFAULT_BATCH_SIZE}; no validation; shuffled every epoch; a random seed,
 * printed so a run can be repeated; one engine thread for small models (see
 * {@link #SMALL_BATCH_ACTIVATIONS}), the engine's own setting otherwise.
 */
public final class Fit {
    /** Epochs when {@link #epochs(int)} is not called. */
    public static final int DEFAULT_EPOCHS = Settings.DEFAULT_EPOCHS;
    /** Batch size when {@link #batchSize(int)} is not called. */
    public static final int DEFAULT_BATCH_SIZE = Settings.DEFAULT_BATCH_SIZE;
    /**
     * Below this many numbers of activations per batch (the sum of every layer's output size,
     * times the batch size) training, prediction and evaluation use one engine thread; above it,
     * the engine's own count: small operations gain little from more threads and lose a lot when the
     * cores are busy with other work. The measurements behind the number are with its definition,
     * in the training package's {@code Threads}.
     */
    public static final long SMALL_BATCH_ACTIVATIONS = Threads.SMALL_BATCH_ACTIVATIONS;

    private final Network network;
    private final TrainingSource source;
    private final Settings settings = new Settings();

    private Fit(Network network, TrainingSource source) {
        this.network = network;
        this.source = source;
    }

    /**
     * Training settings for a model's network on a table; what {@code model.fit(table)} returns.
     * Public only because {@code Model} lives in another package: a cell never holds a network,
     * so {@code model.fit(...)} is its one way in.
     */
    public static Fit of(Network model, Table data) {
        return new Fit(model, new TableSource(data));
    }

    /** Training settings for a model's network on examples (images, token sequences); {@code model.fit(examples)}. */
    public static Fit of(Network model, Examples data) {
        return new Fit(model, new ExamplesSource(data));
    }

    /**
     * Training settings for a model's network on NDArrays: {@code x} holds the examples along its first
     * axis, {@code y} their labels (integers: class indices; floats: numbers); {@code model.fit(x, y)}.
     */
    public static Fit of(Network model, NDArray x, NDArray y) {
        return new Fit(model, ArraysSource.of(x, y));
    }

    // ------------------------------------------------------------ settings

    /**
     * The feature columns, in the order the model reads them (tables only). Default: every
     * numeric (or true/false) column except the label.
     *
     * <pre>{@code model.fit(data).features("x1", "x2") }</pre>
     */
    public Fit features(String... columns) {
        settings.features = List.of(columns);
        return this;
    }

    /**
     * The label column (tables only). Several columns make several yes/no labels (with 0/1 values)
     * or several numbers to predict. Default: the column called {@code label}.
     *
     * <pre>{@code model.fit(scenes).label("dog", "cone")   // multi-label }</pre>
     */
    public Fit label(String... columns) {
        settings.labels = List.of(columns);
        return this;
    }

    /**
     * The loss to minimize. Default: chosen from the label, see the class description.
     *
     * <pre>{@code model.fit(data).loss(Loss.huber(0.5)) }</pre>
     */
    public Fit loss(Loss loss) {
        settings.loss = loss;
        return this;
    }

    /** The loss by name, as {@link Loss#named(String)} reads it: {@code loss("mse")}. */
    public Fit loss(String name) {
        return loss(Loss.named(name));
    }

    /**
     * The optimizer. Default: {@code Optimizer.adam(0.001)}.
     *
     * <pre>{@code model.fit(data).optimizer(Optimizer.sgd(0.1, 0.9)) }</pre>
     */
    public Fit optimizer(Optimizer optimizer) {
        settings.optimizer = optimizer;
        return this;
    }

    /** The optimizer by name with its default settings: {@code optimizer("sgd")}. */
    public Fit optimizer(String name) {
        return optimizer(Optimizer.named(name));
    }

    /**
     * How many times to go through the training data. Default {@value #DEFAULT_EPOCHS}.
     *
     * <pre>{@code
     * model.fit(data).epochs(40)
     * model.fit(data).epochs(0)    // PerceptronException: epochs(...) needs at least 1
     * }</pre>
     */
    public Fit epochs(int epochs) {
        if (epochs < 1) {
            throw TrainingErrors.badSetting("epochs", "at least 1", epochs);
        }
        settings.epochs = epochs;
        return this;
    }

    /** How many examples make one optimizer step. Default {@value #DEFAULT_BATCH_SIZE}. */
    public Fit batchSize(int batchSize) {
        if (batchSize < 1) {
            throw TrainingErrors.badSetting("batchSize", "at least 1", batchSize);
        }
        settings.batchSize = batchSize;
        return this;
    }

    /**
     * Holds out this fraction of the data (picked at random with the seed) to measure the model
     * on examples it does not train on: the history gains {@code val_loss} (and
     * {@code val_accuracy}). Default 0: no validation.
     *
     * <pre>{@code model.fit(data).validationSplit(0.2) }</pre>
     */
    public Fit validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw TrainingErrors.badSetting("validationSplit", "a fraction from 0 up to (not including) 1", fraction);
        }
        settings.validationSplit = fraction;
        return this;
    }

    /** Validates on a table of its own instead of a split, read with the same columns and classes. */
    public Fit validation(Table data) {
        settings.validation = new TableSource(data);
        return this;
    }

    /** Validates on examples of their own instead of a split. */
    public Fit validation(Examples data) {
        settings.validation = new ExamplesSource(data);
        return this;
    }

    /** Validates on arrays of their own instead of a split. */
    public Fit validation(NDArray x, NDArray y) {
        settings.validation = ArraysSource.of(x, y);
        return this;
    }

    /**
     * Makes the run repeatable: the same seed, model and data give the same history. It seeds
     * the validation split, the shuffling, dropout, and the initial weights when the model has not
     * been built yet. Default: a random seed, shown in the settings.
     */
    public Fit seed(long seed) {
        settings.seed = seed;
        settings.seedChosen = true;
        return this;
    }

    /** Whether to visit the training examples in a new random order each epoch. Default {@code true}. */
    public Fit shuffle(boolean shuffle) {
        settings.shuffle = shuffle;
        return this;
    }

    /**
     * Stops when {@code val_loss} (or {@code loss} without validation data) has not improved for
     * {@code patience} epochs, and puts back the weights of the best epoch.
     *
     * <pre>{@code model.fit(data).validationSplit(0.2).epochs(500).earlyStopping(10) }</pre>
     */
    public Fit earlyStopping(int patience) {
        return earlyStopping(patience, null);
    }

    /**
     * Early stopping that watches {@code monitor}, a history column such as {@code "val_accuracy"}
     * (higher is better) or {@code "val_loss"} (lower is better).
     */
    public Fit earlyStopping(int patience, String monitor) {
        if (patience < 1) {
            throw TrainingErrors.badSetting("earlyStopping", "a patience of at least 1 epoch", patience);
        }
        settings.patience = patience;
        settings.monitor = monitor;
        return this;
    }

    /**
     * Saves the weights to {@code file} after every epoch that improves the monitored metric
     * ({@code val_loss}, or {@code loss} without validation, or the early-stopping metric), so the
     * file always holds the best epoch. Load it with {@code model.loadParameters(file)}.
     *
     * <pre>{@code model.fit(data).validationSplit(0.2).checkpoint(Path.of("best.params")) }</pre>
     */
    public Fit checkpoint(Path file) {
        settings.checkpoint = file;
        return this;
    }

    /** {@link #checkpoint(Path)} with the file as text. */
    public Fit checkpoint(String file) {
        return checkpoint(Path.of(file));
    }

    /** Adds a listener that hears about every batch and epoch; see {@link TrainingListener}. */
    public Fit listener(TrainingListener listener) {
        settings.listeners.add(listener);
        return this;
    }

    /**
     * Adds a listener for epoch ends only.
     *
     * <pre>{@code model.fit(data).onEpochEnd { println(it.metric("loss")) } }</pre>
     */
    public Fit onEpochEnd(Consumer<TrainingListener.Epoch> action) {
        return listener(TrainingListener.atEpochEnd(action));
    }

    /**
     * Normalizes every number feature column to mean 0 and standard deviation 1, with the
     * statistics of the training table (tables only). The statistics stay with the model, so
     * {@code predict}, {@code evaluate} and a saved and loaded model read new rows the same way.
     * Features on very different scales (millimetres beside grams) then learn at the same pace.
     *
     * <pre>{@code
     * model.fit(penguins).features("bill_length_mm", "body_mass_g").label("species").normalize()
     * model.fit(images).normalize()   // PerceptronException: normalize() works on tables ...
     * }</pre>
     */
    public Fit normalize() {
        settings.normalize = true;
        return this;
    }

    /**
     * Changes the training pictures at random every epoch (mirror, shift, turn, brightness) so the
     * model learns what they show rather than their exact pixels. Only training batches change:
     * validation, evaluation and prediction see the pictures as they are. Seeded by
     * {@link #seed(long)}. The pictures are prepared on a background thread while a batch trains.
     *
     * <pre>{@code
     * model.fit(train).augment(Augmentation.none().flip().shift(4).rotate(10.0)).epochs(10).seed(42)
     * }</pre>
     */
    public Fit augment(Augmentation augmentation) {
        settings.augmentation = augmentation == null ? Augmentation.none() : augmentation;
        return this;
    }

    /** Leaves out the default progress output (the listeners added with {@link #listener} still hear everything). */
    public Fit quiet() {
        settings.quiet = true;
        return this;
    }

    /**
     * How many engine threads one tensor operation may use while training (restored afterwards).
     * Default: 1 when a batch's activations are small (see {@link #SMALL_BATCH_ACTIVATIONS}), else
     * the engine's own setting. Results can differ in the last digits between thread counts.
     */
    public Fit threads(int threads) {
        if (threads < 1) {
            throw TrainingErrors.badSetting("threads", "at least 1", threads);
        }
        settings.threads = threads;
        return this;
    }

    // ------------------------------------------------------------ running

    /**
     * Trains the model with these settings and returns the run. The model keeps the trained
     * weights, so a second {@code train()} (or {@code fit}) continues from them.
     *
     * @throws PerceptronException when the data does not fit the model or the settings (the message
     *                             says what to change), when the loss becomes NaN, or, as
     *                             {@link TrainingInterruptedException}, when the thread is interrupted
     */
    public TrainingRun train() {
        return new TrainingLoop(Plan.of(network, source, settings)).run();
    }

    /**
     * How large the loss's gradient is at each layer, with the weights the model has now, on the
     * data these settings read: a table of {@code #} (the layer's number in {@code summary()}),
     * {@code layer} and {@code gradient norm}, one row per layer with trainable parameters. No
     * weight changes. Before the first {@code train()} the seed picks the starting weights, as it
     * would for training, so {@code fit(data).seed(1).gradientNorms()} measures exactly where
     * {@code fit(data).seed(1).train()} starts. Layers whose norm is thousands of times smaller than
     * the last layer's hardly learn: the vanishing gradient (notebook 16).
     *
     * <pre>{@code
     * val norms = deep.fit(moons).seed(1).gradientNorms()
     * Plot.line(norms, "#", "gradient norm").yLogScale()
     * }</pre>
     */
    public Table gradientNorms() {
        return GradientNorms.of(Plan.of(network, source, settings));
    }

    /** The settings as chosen so far, defaults marked; data-dependent defaults are resolved by {@link #train()}. */
    @Override
    public String toString() {
        return "Fit(" + network.name() + " on " + source + ": features "
                + (settings.features.isEmpty() ? "all numeric columns except the label (default)"
                        : String.join(", ", settings.features))
                + "; label " + (settings.labels.isEmpty() ? "'" + TrainingData.DEFAULT_LABEL + "' (default)"
                        : String.join(", ", settings.labels))
                + "; loss " + (settings.loss != null ? settings.loss : "chosen from the label (default)")
                + "; optimizer " + settings.optimizer() + (settings.optimizer == null ? " (default)" : "")
                + "; epochs " + settings.epochs() + (settings.epochs == null ? " (default)" : "")
                + "; batchSize " + settings.batchSize() + (settings.batchSize == null ? " (default)" : "")
                + "; validation " + (settings.validation != null ? "given"
                        : settings.validationSplit > 0 ? "split " + settings.validationSplit : "none (default)")
                + "; seed " + settings.seed + (settings.seedChosen ? "" : " (random)")
                + "; shuffle " + settings.shuffle
                + (settings.patience > 0 ? "; earlyStopping patience " + settings.patience
                        + (settings.monitor != null ? " on " + settings.monitor : "") : "")
                + (settings.checkpoint != null ? "; checkpoint " + settings.checkpoint : "")
                + (settings.normalize ? "; normalize" : "")
                + (settings.augmentation.isNone() ? "" : "; augment " + settings.augmentation)
                + (settings.quiet ? "; quiet" : "") + ")";
    }
}
