package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.TableEncoding;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.model.Signature;
import io.perceptron.dsl.optimizer.Optimizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
    public static final int DEFAULT_EPOCHS = 10;
    /** Batch size when {@link #batchSize(int)} is not called. */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /**
     * Below this many numbers of activations per batch (the sum of every layer's output size,
     * times the batch size) training, prediction and evaluation use one engine thread; above it,
     * the engine's own count.
     * Small operations gain little from more threads and lose a lot when the cores are busy with
     * other work, because the engine's threads wait for each other by spinning. Measured on 2
     * cores, one process: an MLP 2-64-64-2 at batch 64 (17 thousand numbers per batch) ran an
     * epoch in 173 ms with one thread and 211 ms with two; a small CNN on 28x28 images at batch 64
     * (1 million) in 344 ms with one and 253 ms with two while the machine was lightly shared, but
     * 8 epochs of a similar CNN took 2.3-4.3 s with one thread and 13-38 s with two while other
     * builds kept both cores busy.
     */
    public static final long SMALL_BATCH_ACTIVATIONS = 16L * 1024 * 1024;

    private final Network model;
    private final Source source;
    private List<String> features = List.of();
    private List<String> labels = List.of();
    private Loss loss;
    private Optimizer optimizer;
    private Integer epochs;
    private Integer batchSize;
    private double validationSplit;
    private Source validation;
    private long seed;
    private boolean seedChosen;
    private boolean shuffle = true;
    private int patience;
    private String monitor;
    private Path checkpoint;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean quiet;
    private boolean normalize;
    private Augmentation augmentation = Augmentation.none();
    private int threads;

    private Fit(Network model, Source source) {
        this.model = model;
        this.source = source;
        this.seed = new Random().nextInt(1_000_000);
    }

    /** Training settings for {@code model}'s network on a table; what {@code model.fit(table)} returns. */
    public static Fit of(Network model, Table data) {
        return new Fit(model, new Source.OfTable(data));
    }

    /** Training settings for {@code model} on examples (images, token sequences); {@code model.fit(examples)}. */
    public static Fit of(Network model, Examples data) {
        return new Fit(model, new Source.OfExamples(data));
    }

    /**
     * Training settings for {@code model} on NDArrays: {@code x} holds the examples along its first
     * axis, {@code y} their labels (integers: class indices; floats: numbers); {@code model.fit(x, y)}.
     */
    public static Fit of(Network model, NDArray x, NDArray y) {
        return new Fit(model, Source.ofArrays(x, y));
    }

    // ------------------------------------------------------------ settings

    /**
     * The feature columns, in the order the model reads them (tables only). Default: every
     * numeric (or true/false) column except the label.
     *
     * <pre>{@code model.fit(data).features("x1", "x2") }</pre>
     */
    public Fit features(String... columns) {
        this.features = List.of(columns);
        return this;
    }

    /**
     * The label column (tables only). Several columns make several yes/no labels (with 0/1 values)
     * or several numbers to predict. Default: the column called {@code label}.
     *
     * <pre>{@code model.fit(scenes).label("dog", "cone")   // multi-label }</pre>
     */
    public Fit label(String... columns) {
        this.labels = List.of(columns);
        return this;
    }

    /**
     * The loss to minimize. Default: chosen from the label, see the class description.
     *
     * <pre>{@code model.fit(data).loss(Loss.huber(0.5)) }</pre>
     */
    public Fit loss(Loss loss) {
        this.loss = loss;
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
        this.optimizer = optimizer;
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
        this.epochs = epochs;
        return this;
    }

    /** How many examples make one optimizer step. Default {@value #DEFAULT_BATCH_SIZE}. */
    public Fit batchSize(int batchSize) {
        if (batchSize < 1) {
            throw TrainingErrors.badSetting("batchSize", "at least 1", batchSize);
        }
        this.batchSize = batchSize;
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
        this.validationSplit = fraction;
        return this;
    }

    /** Validates on a table of its own instead of a split, read with the same columns and classes. */
    public Fit validation(Table data) {
        this.validation = new Source.OfTable(data);
        return this;
    }

    /** Validates on examples of their own instead of a split. */
    public Fit validation(Examples data) {
        this.validation = new Source.OfExamples(data);
        return this;
    }

    /** Validates on arrays of their own instead of a split. */
    public Fit validation(NDArray x, NDArray y) {
        this.validation = Source.ofArrays(x, y);
        return this;
    }

    /**
     * Makes the run repeatable: the same seed, model and data give the same history. It seeds
     * the validation split, the shuffling, dropout, and the initial weights when the model has not
     * been built yet. Default: a random seed, shown in the settings.
     */
    public Fit seed(long seed) {
        this.seed = seed;
        this.seedChosen = true;
        return this;
    }

    /** Whether to visit the training examples in a new random order each epoch. Default {@code true}. */
    public Fit shuffle(boolean shuffle) {
        this.shuffle = shuffle;
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
        this.patience = patience;
        this.monitor = monitor;
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
        this.checkpoint = file;
        return this;
    }

    /** {@link #checkpoint(Path)} with the file as text. */
    public Fit checkpoint(String file) {
        return checkpoint(Path.of(file));
    }

    /** Adds a listener that hears about every batch and epoch; see {@link TrainingListener}. */
    public Fit listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Adds a listener for epoch ends only.
     *
     * <pre>{@code model.fit(data).onEpochEnd { println(it.metric("loss")) } }</pre>
     */
    public Fit onEpochEnd(Consumer<TrainingListener.Epoch> action) {
        return listener(new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingListener.Epoch epoch) {
                action.accept(epoch);
            }
        });
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
        this.normalize = true;
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
        this.augmentation = augmentation == null ? Augmentation.none() : augmentation;
        return this;
    }

    /** Leaves out the default progress output (the listeners added with {@link #listener} still hear everything). */
    public Fit quiet() {
        this.quiet = true;
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
        this.threads = threads;
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
        Shape input = inputShapeOf(model);
        // Seeding before the model is built makes the initial weights part of what the seed repeats.
        Engine.getInstance().setRandomSeed((int) seed);
        TrainingData data = prepare();
        if (model.isDecoder()) {
            data = asDecoderData(data);
        }
        checkModelFits(input, data);
        TrainingData trainData = data;
        TrainingData validationData = null;
        if (validation != null) {
            validationData = validation.read(data.signature());
        } else if (validationSplit > 0) {
            List<TrainingData> parts = split(data);
            trainData = parts.get(0);
            validationData = parts.get(1);
        }
        Loss chosenLoss = data.signature().lossFunction();
        ai.djl.Model djl = model.djl();
        String monitored = monitor != null ? monitor : validationData != null ? "val_loss" : "loss";
        TrainingData confusionData = validationData != null ? validationData : trainData;
        List<TrainingListener> heard = new ArrayList<>();
        if (!quiet) {
            heard.add(DefaultListener.create());
        }
        heard.addAll(listeners);
        TrainingLoop.Plan plan = new TrainingLoop.Plan(djl, trainData, validationData, chosenLoss,
                optimizer != null ? optimizer : Optimizer.adam(), epochs(), batchSize(), seed, shuffle, patience,
                monitored, checkpoint, heard, describe(data, trainData, validationData), threadsFor(), model,
                () -> Inference.confusionMatrix(djl, confusionData), augmentation);
        return new TrainingLoop(plan).run();
    }

    private int epochs() {
        return epochs != null ? epochs : DEFAULT_EPOCHS;
    }

    private int batchSize() {
        return batchSize != null ? batchSize : DEFAULT_BATCH_SIZE;
    }

    private int threadsFor() {
        if (threads > 0) {
            return threads;
        }
        return Threads.forBatch(model, batchSize());
    }

    /**
     * Reads the data. A model trained before keeps its classes in their order when the new data
     * has the same columns and no new classes, so class indices mean the same across fits.
     */
    private TrainingData prepare() {
        TrainingData fresh = source.read(features, labels, loss, normalize);
        Signature previous = model.isBuilt() ? Signature.of(model.djl()) : null;
        Signature now = fresh.signature();
        if (previous != null && previous.task() == now.task() && previous.features().equals(now.features())
                && previous.labels().equals(now.labels()) && previous.classes().containsAll(now.classes())
                && (!previous.classes().equals(now.classes()) || keepsEncoding(previous, now))) {
            // The weights learned with the earlier encoding (its categories, its statistics): keep it too.
            TableEncoding encoding = keepsEncoding(previous, now) ? previous.encoding() : now.encoding();
            Signature kept = new Signature(now.features(), now.featureShape(), now.labels(), now.task(),
                    previous.classes(), previous.classType(), now.loss(), now.decoderStart(), encoding, now.pictures());
            return source.read(kept);
        }
        return fresh;
    }

    /** Whether a later fit reads its table with the encoding of the earlier one: same columns, same inputs. */
    private static boolean keepsEncoding(Signature previous, Signature now) {
        return previous.encoding() != null && now.encoding() != null
                && previous.encoding().inputNames().equals(now.encoding().inputNames())
                && previous.encoding().normalizes() == now.encoding().normalizes()
                && !previous.encoding().equals(now.encoding());
    }

    /**
     * An encoder-decoder learns with teacher forcing: its second input is the label sequence
     * shifted right behind the start token, which must therefore be one of the classes.
     */
    private TrainingData asDecoderData(TrainingData data) {
        Signature signature = data.signature();
        int start = signature.classes().indexOf(Vocabulary.START);
        if (signature.task() != Loss.Task.CLASSIFICATION || data.examples().labelShape().length != 1 || start < 0) {
            throw TrainingErrors.decoderNeedsTokenSequences(model.name(), data.description());
        }
        return data.with(signature.withDecoderStart(start));
    }

    private static Shape inputShapeOf(Network model) {
        try {
            return model.inputShape();
        } catch (PerceptronException e) {
            throw TrainingErrors.inputShapeUnknown(model.toString());
        }
    }

    private void checkModelFits(Shape input, TrainingData data) {
        Signature signature = data.signature();
        if (signature.decoderStart() >= 0) {
            long[] labelShape = data.examples().labelShape();
            if (!Arrays.equals(input.getShape(), labelShape)) {
                throw TrainingErrors.decoderInputMismatch(input.getShape(), labelShape);
            }
            input = model.inputShapes().get(0);
        }
        long[] expected = input.getShape();
        if (!Arrays.equals(expected, signature.featureShape())) {
            if (!signature.features().isEmpty()) {
                throw TrainingErrors.inputSizeMismatch(expected, signature.features(),
                        signature.encoding() == null ? signature.features() : signature.encoding().inputNames());
            }
            throw TrainingErrors.inputShapeMismatch(expected, signature.featureShape(), data.description());
        }
        Shape output = model.outputShape();
        long outputs = output.dimension() == 0 ? 1 : output.get(output.dimension() - 1);
        String labelText = signature.labels().size() == 1 ? "the label '" + signature.labels().get(0) + "'"
                : "the labels";
        switch (signature.task()) {
            case CLASSIFICATION -> {
                if (outputs != signature.classes().size()) {
                    throw TrainingErrors.outputSizeMismatch(outputs, labelText, signature.classes().size(),
                            "has " + (signature.classes().size() <= 10 ? "classes " + signature.classes() + ", that is"
                                    : "as many classes as"));
                }
            }
            case MULTI_LABEL -> {
                if (outputs != signature.classes().size()) {
                    throw TrainingErrors.outputSizeMismatch(outputs, "the data", signature.classes().size(),
                            "has yes/no labels " + signature.classes() + ", that is");
                }
            }
            default -> {
                long wanted = data.examples().labelShape().length == 0 ? 1
                        : Arrays.stream(data.examples().labelShape()).reduce(1, (a, b) -> a * b);
                long produced = Arrays.stream(output.getShape()).reduce(1, (a, b) -> a * b);
                if (produced != wanted) {
                    throw TrainingErrors.outputSizeMismatch(produced, labelText, wanted, "needs one number per label, that is");
                }
            }
        }
    }

    private List<TrainingData> split(TrainingData data) {
        int n = data.size();
        int held = (int) Math.round(n * validationSplit);
        if (held == 0 || held == n) {
            throw TrainingErrors.splitTooSmall(n, validationSplit);
        }
        int[] order = Batches.identity(n);
        Random random = new Random(seed ^ 0x5eed5eedL);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return List.of(data.select(Arrays.copyOfRange(order, 0, n - held)),
                data.select(Arrays.copyOfRange(order, n - held, n)));
    }

    private String describe(TrainingData data, TrainingData trainData, TrainingData validationData) {
        Signature signature = data.signature();
        StringBuilder text = new StringBuilder();
        text.append(model.name()).append(" on ").append(data.description()).append(": ");
        if (!signature.features().isEmpty()) {
            text.append("features ").append(String.join(", ", signature.features()))
                    .append(features.isEmpty() ? " (default: numeric columns)" : "").append("; ");
            text.append("label ").append(String.join(", ", signature.labels()))
                    .append(labels.isEmpty() ? " (default)" : "").append("; ");
            String encoded = signature.encoding() == null ? "" : signature.encoding().describe();
            if (!encoded.isEmpty()) {
                text.append(encoded).append("; ").append(signature.featureShape()[0]).append(" inputs; ");
            }
        }
        if (signature.task() != Loss.Task.REGRESSION) {
            text.append(signature.task() == Loss.Task.CLASSIFICATION ? "classes " : "labels ")
                    .append(TrainingData.preview(signature.classes())).append("; ");
        }
        text.append("loss ").append(signature.loss()).append(loss == null ? " (default for these labels)" : "")
                .append("; optimizer ").append(optimizer != null ? optimizer : Optimizer.adam() + " (default)")
                .append("; epochs ").append(epochs()).append(epochs == null ? " (default)" : "")
                .append("; batchSize ").append(batchSize()).append(batchSize == null ? " (default)" : "")
                .append("; ").append(trainData.size()).append(" training examples, ");
        if (validationData == null) {
            text.append("no validation (default)");
        } else {
            text.append(validationData.size()).append(" validation examples")
                    .append(validation != null ? " (given)" : " (validationSplit " + validationSplit + ")");
        }
        text.append("; seed ").append(seed).append(seedChosen ? "" : " (random; pass seed(" + seed + ") to repeat)")
                .append("; shuffle ").append(shuffle);
        if (!augmentation.isNone()) {
            text.append("; augment ").append(augmentation);
        }
        if (patience > 0) {
            text.append("; earlyStopping patience ").append(patience);
        }
        if (checkpoint != null) {
            text.append("; checkpoint ").append(checkpoint);
        }
        int chosenThreads = threadsFor();
        text.append("; threads ").append(chosenThreads > 0 ? Integer.toString(chosenThreads) : "engine default")
                .append(threads > 0 ? "" : " (default)")
                .append("; device ").append(model.device());
        return text.toString();
    }

    /** The settings as chosen so far, defaults marked; data-dependent defaults are resolved by {@link #train()}. */
    @Override
    public String toString() {
        return "Fit(" + model.name() + " on " + source + ": features "
                + (features.isEmpty() ? "all numeric columns except the label (default)" : String.join(", ", features))
                + "; label " + (labels.isEmpty() ? "'" + TrainingData.DEFAULT_LABEL + "' (default)" : String.join(", ", labels))
                + "; loss " + (loss != null ? loss : "chosen from the label (default)")
                + "; optimizer " + (optimizer != null ? optimizer : Optimizer.adam() + " (default)")
                + "; epochs " + epochs() + (epochs == null ? " (default)" : "")
                + "; batchSize " + batchSize() + (batchSize == null ? " (default)" : "")
                + "; validation " + (validation != null ? "given" : validationSplit > 0 ? "split " + validationSplit : "none (default)")
                + "; seed " + seed + (seedChosen ? "" : " (random)")
                + "; shuffle " + shuffle
                + (patience > 0 ? "; earlyStopping patience " + patience + (monitor != null ? " on " + monitor : "") : "")
                + (checkpoint != null ? "; checkpoint " + checkpoint : "")
                + (normalize ? "; normalize" : "")
                + (augmentation.isNone() ? "" : "; augment " + augmentation)
                + (quiet ? "; quiet" : "") + ")";
    }

    /** Where the training data comes from, read on demand with or without an earlier signature. */
    private sealed interface Source {
        TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize);

        TrainingData read(Signature signature);

        record OfTable(Table table) implements Source {
            @Override
            public TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize) {
                return TrainingData.fromTable(table, features, labels, loss, normalize);
            }

            @Override
            public TrainingData read(Signature signature) {
                return TrainingData.fromTable(table, signature);
            }

            @Override
            public String toString() {
                return "table " + table.name() + " (" + table.rowCount() + " rows)";
            }
        }

        record OfExamples(Examples examples) implements Source {
            @Override
            public TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize) {
                if (normalize) {
                    throw TrainingErrors.normalizeNeedsTable(examples.name());
                }
                return TrainingData.fromExamples(examples, loss);
            }

            @Override
            public TrainingData read(Signature signature) {
                return TrainingData.fromExamples(examples, signature);
            }

            @Override
            public String toString() {
                return examples.toString();
            }
        }

        /** Arrays are copied when the fit is set up, so the caller may close them right after. */
        static Source ofArrays(NDArray x, NDArray y) {
            return new OfArrays(TrainingData.arraysAsExamples(x, y), y.getDataType().isInteger());
        }

        record OfArrays(Examples examples, boolean integerLabels) implements Source {
            @Override
            public TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize) {
                if (normalize) {
                    throw TrainingErrors.normalizeNeedsTable("arrays");
                }
                return TrainingData.fromArrays(examples, integerLabels, loss);
            }

            @Override
            public TrainingData read(Signature signature) {
                return TrainingData.fromExamples(examples, signature);
            }

            @Override
            public String toString() {
                return "arrays (" + examples.size() + " examples)";
            }
        }
    }
}
