package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Shuffle;
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
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * Everything a run needs, resolved from a fit's settings and its data, with no default left to
 * pick: {@link #of} reads the data (keeping the classes of an earlier fit), checks that it fits
 * the network, holds out the validation split, chooses the monitored metric and the listeners, and
 * writes the settings line that training prints first. {@link TrainingLoop} runs it.
 *
 * @param network         the network to train, built
 * @param train           the training examples
 * @param validation      the validation examples, or {@code null}
 * @param loss            the loss to minimize
 * @param optimizer       the optimizer, started afresh for this run
 * @param epochs          how many epochs to run at most
 * @param batchSize       examples per optimizer step
 * @param seed            the seed of the epochs' order
 * @param shuffle         whether each epoch visits the examples in a new order
 * @param patience        epochs without improvement before early stopping; 0: none
 * @param monitor         the history column that decides the best epoch
 * @param checkpoint      the file that keeps the best epoch's parameters, or {@code null}
 * @param listeners       who hears the run: the default progress (unless quiet), then the user's
 * @param settings        every setting in words, defaults marked
 * @param threads         engine threads per operation while training; 0: the engine's own
 * @param confusionMatrix counts of true against predicted class on the validation (else training) data
 * @param augmentation    random changes to the training pictures, or {@link Augmentation#none()}
 */
record Plan(Network network, TrainingData train, TrainingData validation, Loss loss, Optimizer optimizer,
            int epochs, int batchSize, long seed, boolean shuffle, int patience, String monitor,
            Path checkpoint, List<TrainingListener> listeners, String settings, int threads,
            Supplier<Table> confusionMatrix, Augmentation augmentation) {

    /** Mixed into the seed of the validation split, so the split and the first epoch's order differ. */
    private static final long SPLIT_SALT = 0x5eed5eedL;

    /** The plan for training {@code network} on {@code source} with {@code settings}. */
    static Plan of(Network network, TrainingSource source, Settings settings) {
        return new Resolver(network, source, settings).plan();
    }

    /** The network's DJL model. */
    ai.djl.Model djl() {
        return network.djl();
    }

    /** Works one plan out; an object so that the steps share the network, the source and the settings. */
    private static final class Resolver {
        private final Network network;
        private final TrainingSource source;
        private final Settings settings;

        Resolver(Network network, TrainingSource source, Settings settings) {
            this.network = network;
            this.source = source;
            this.settings = settings;
        }

        Plan plan() {
            Shape input = inputShapeOf(network);
            // Seeding before the network is built makes the initial weights part of what the seed repeats.
            Engine.getInstance().setRandomSeed((int) settings.seed);
            TrainingData data = prepare();
            if (network.isDecoder()) {
                data = asDecoderData(data);
            }
            checkModelFits(input, data);
            TrainingData trainData = data;
            TrainingData validationData = null;
            if (settings.validation != null) {
                validationData = settings.validation.read(data.signature());
            } else if (settings.validationSplit > 0) {
                List<TrainingData> parts = split(data);
                trainData = parts.get(0);
                validationData = parts.get(1);
            }
            ai.djl.Model djl = network.djl();
            String monitored = settings.monitor != null ? settings.monitor
                    : validationData != null ? "val_loss" : "loss";
            TrainingData confusionData = validationData != null ? validationData : trainData;
            List<TrainingListener> heard = new ArrayList<>();
            if (!settings.quiet) {
                heard.add(DefaultListener.create());
            }
            heard.addAll(settings.listeners);
            int threads = threads();
            return new Plan(network, trainData, validationData, data.signature().lossFunction(), settings.optimizer(),
                    settings.epochs(), settings.batchSize(), settings.seed, settings.shuffle, settings.patience,
                    monitored, settings.checkpoint, List.copyOf(heard),
                    describe(data, trainData, validationData, threads), threads,
                    () -> Inference.confusionMatrix(djl, confusionData), settings.augmentation);
        }

        private int threads() {
            if (settings.threads > 0) {
                return settings.threads;
            }
            return Threads.forBatch(network, settings.batchSize());
        }

        /**
         * Reads the data. A model trained before keeps its classes in their order when the new data
         * has the same columns and no new classes, so class indices mean the same across fits.
         */
        private TrainingData prepare() {
            TrainingData fresh = source.read(settings.features, settings.labels, settings.loss, settings.normalize);
            Signature previous = network.signature();
            Signature now = fresh.signature();
            if (previous != null && previous.task() == now.task() && previous.features().equals(now.features())
                    && previous.labels().equals(now.labels()) && previous.classes().containsAll(now.classes())
                    && (!previous.classes().equals(now.classes()) || keepsEncoding(previous, now))) {
                // The weights learned with the earlier encoding (its categories, its statistics): keep it too.
                TableEncoding encoding = keepsEncoding(previous, now) ? previous.encoding() : now.encoding();
                Signature kept = new Signature(now.features(), now.featureShape(), now.labels(), now.task(),
                        previous.classes(), previous.classType(), now.loss(), now.decoderStart(), encoding,
                        now.pictures());
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
                throw TrainingErrors.decoderNeedsTokenSequences(network.name(), data.description());
            }
            return data.with(signature.withDecoderStart(start));
        }

        private static Shape inputShapeOf(Network network) {
            try {
                return network.inputShape();
            } catch (PerceptronException e) {
                throw TrainingErrors.inputShapeUnknown(network.toString());
            }
        }

        private void checkModelFits(Shape input, TrainingData data) {
            Signature signature = data.signature();
            if (signature.decoderStart() >= 0) {
                long[] labelShape = data.examples().labelShape();
                if (!Arrays.equals(input.getShape(), labelShape)) {
                    throw TrainingErrors.decoderInputMismatch(input.getShape(), labelShape);
                }
                input = network.inputShapes().get(0);
            }
            long[] expected = input.getShape();
            if (!Arrays.equals(expected, signature.featureShape())) {
                if (!signature.features().isEmpty()) {
                    throw TrainingErrors.inputSizeMismatch(expected, signature.features(),
                            signature.encoding() == null ? signature.features() : signature.encoding().inputNames());
                }
                throw TrainingErrors.inputShapeMismatch(expected, signature.featureShape(), data.description());
            }
            Shape output = network.outputShape();
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
            int held = (int) Math.round(n * settings.validationSplit);
            if (held == 0 || held == n) {
                throw TrainingErrors.splitTooSmall(n, settings.validationSplit);
            }
            // Salted, so the split does not follow the same random numbers as the first epoch's order.
            int[] order = Shuffle.order(n, new Random(settings.seed ^ SPLIT_SALT));
            return List.of(data.select(Arrays.copyOfRange(order, 0, n - held)),
                    data.select(Arrays.copyOfRange(order, n - held, n)));
        }

        private String describe(TrainingData data, TrainingData trainData, TrainingData validationData, int threads) {
            Signature signature = data.signature();
            StringBuilder text = new StringBuilder();
            text.append(network.name()).append(" on ").append(data.description()).append(": ");
            if (!signature.features().isEmpty()) {
                text.append("features ").append(String.join(", ", signature.features()))
                        .append(settings.features.isEmpty() ? " (default: numeric columns)" : "").append("; ");
                text.append("label ").append(String.join(", ", signature.labels()))
                        .append(settings.labels.isEmpty() ? " (default)" : "").append("; ");
                String encoded = signature.encoding() == null ? "" : signature.encoding().describe();
                if (!encoded.isEmpty()) {
                    text.append(encoded).append("; ").append(signature.featureShape()[0]).append(" inputs; ");
                }
            }
            if (signature.task() != Loss.Task.REGRESSION) {
                text.append(signature.task() == Loss.Task.CLASSIFICATION ? "classes " : "labels ")
                        .append(TrainingErrors.preview(signature.classes())).append("; ");
            }
            text.append("loss ").append(signature.loss()).append(settings.loss == null ? " (default for these labels)" : "")
                    .append("; optimizer ").append(settings.optimizer()).append(settings.optimizer == null ? " (default)" : "")
                    .append("; epochs ").append(settings.epochs()).append(settings.epochs == null ? " (default)" : "")
                    .append("; batchSize ").append(settings.batchSize()).append(settings.batchSize == null ? " (default)" : "")
                    .append("; ").append(trainData.size()).append(" training examples, ");
            if (validationData == null) {
                text.append("no validation (default)");
            } else {
                text.append(validationData.size()).append(" validation examples")
                        .append(settings.validation != null ? " (given)" : " (validationSplit " + settings.validationSplit + ")");
            }
            text.append("; seed ").append(settings.seed)
                    .append(settings.seedChosen ? "" : " (random; pass seed(" + settings.seed + ") to repeat)")
                    .append("; shuffle ").append(settings.shuffle);
            if (!settings.augmentation.isNone()) {
                text.append("; augment ").append(settings.augmentation);
            }
            if (settings.patience > 0) {
                text.append("; earlyStopping patience ").append(settings.patience);
            }
            if (settings.checkpoint != null) {
                text.append("; checkpoint ").append(settings.checkpoint);
            }
            text.append("; threads ").append(threads > 0 ? Integer.toString(threads) : "engine default")
                    .append(settings.threads > 0 ? "" : " (default)")
                    .append("; device ").append(network.device());
            return text.toString();
        }
    }
}
