package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Augmentation;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.io.SavedModel;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.model.NoGradient;
import io.perceptron.dsl.optimizer.Optimizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * The training loop, written on DJL's lower level: per batch a forward pass under a gradient
 * collector, the loss, the backward pass, and one optimizer update per parameter.
 *
 * <p>Memory: the run owns a sub-manager of the model's manager, which holds the optimizer's state
 * and the best epoch's weights and is closed when the run ends; each batch owns a sub-manager of
 * that, closed at the end of the batch, so every NDArray a batch makes (inputs, activations,
 * losses) is freed before the next one. Gradient handles are closed right after each update.
 */
final class TrainingLoop {
    /** The smallest batch used to score validation data: no gradients are kept, so bigger is faster. */
    static final int MIN_EVALUATION_BATCH = 256;

    /** Everything a run needs, resolved: no defaults left to pick. */
    record Plan(ai.djl.Model djl, TrainingData train, TrainingData validation, Loss loss, Optimizer optimizer,
                int epochs, int batchSize, long seed, boolean shuffle, int patience, String monitor,
                Path checkpoint, List<TrainingListener> listeners, String settings, int threads, Network network,
                Supplier<Table> confusionMatrix, Augmentation augmentation) {
    }

    private final Plan plan;
    private final Block block;
    private final Loss loss;
    private final Loss.Task task;
    private final List<String> labelNames;
    private final History history;

    TrainingLoop(Plan plan) {
        this.plan = plan;
        this.block = plan.djl().getBlock();
        this.loss = plan.loss();
        this.task = plan.loss().task();
        this.labelNames = plan.train().signature().classes();
        List<String> columns = new ArrayList<>(Scores.metricNames(task));
        if (plan.validation() != null) {
            for (String metric : Scores.metricNames(task)) {
                columns.add("val_" + metric);
            }
        }
        this.history = new History(columns);
        if (!columns.contains(plan.monitor())) {
            throw TrainingErrors.unknownMetric(plan.monitor(), columns);
        }
    }

    TrainingRun run() {
        int examples = plan.train().size();
        int batchesPerEpoch = (examples + plan.batchSize() - 1) / plan.batchSize();
        long start = System.nanoTime();
        Stop stop = new Stop();
        int previousThreads = Threads.set(plan.threads());
        NDManager modelManager = plan.djl().getNDManager();
        NDManager runManager = modelManager.newSubManager();
        ParameterStore store = new ParameterStore(runManager, false);
        List<Parameter> parameters = new ArrayList<>();
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.isInitialized()) {
                parameters.add(parameter);
                if (parameter.requiresGradient()) {
                    trainable.add(parameter);
                }
            }
        }
        ai.djl.training.optimizer.Optimizer optimizer = plan.optimizer().djl(batchesPerEpoch, plan.epochs(), runManager);
        Engine engine = modelManager.getEngine();
        Best best = new Best(plan.monitor());
        // Off between batches; each batch's gradient collector switches it on for its forward and backward pass.
        NoGradient noGradient = NoGradient.enter();
        // Pictures read from files, or changed by augmentation, are prepared on a background thread
        // a few batches ahead; pictures already in memory and left as they are need no thread.
        Examples trainExamples = plan.train().examples();
        Prefetch prefetch = !trainExamples.isInMemory() || !plan.augmentation().isNone()
                ? new Prefetch(trainExamples, plan.batchSize(), plan.augmentation(), plan.seed()) : null;
        try {
            notifyStart(batchesPerEpoch);
            Batches batches = new Batches(trainExamples, plan.batchSize(), loss.labelType(),
                    plan.train().signature().decoderStart());
            int[] order = Batches.identity(examples);
            Random random = new Random(plan.seed());
            for (int epoch = 1; epoch <= plan.epochs() && stop.reason == null; epoch++) {
                if (plan.shuffle()) {
                    shuffle(order, random);
                }
                if (prefetch != null) {
                    prefetch.start(order, epoch);
                }
                long epochStart = System.nanoTime();
                Scores scores = new Scores(task, labelNames);
                for (int b = 0; b < batchesPerEpoch; b++) {
                    if (Thread.currentThread().isInterrupted()) {
                        stop.interrupted(epoch, b + 1, batchesPerEpoch);
                        break;
                    }
                    float[] prepared = null;
                    if (prefetch != null) {
                        try {
                            prepared = prefetch.next();
                        } catch (Prefetch.InterruptedBatchException e) {
                            stop.interrupted(epoch, b + 1, batchesPerEpoch);
                            break;
                        }
                    }
                    int from = b * plan.batchSize();
                    int to = Math.min(examples, from + plan.batchSize());
                    float batchLoss = trainBatch(runManager, store, engine, optimizer, trainable, batches, order,
                            from, to, prepared, scores, epoch, b + 1);
                    if (!Float.isFinite(batchLoss)) {
                        stop.nan(batchLoss, epoch, b + 1, batchesPerEpoch, plan.optimizer());
                        break;
                    }
                    notifyBatch(epoch, b + 1, batchesPerEpoch, scores, start, epochStart);
                }
                if (stop.reason != null) {
                    break;
                }
                Map<String, Double> row = scores.asMap("");
                if (plan.validation() != null) {
                    row.putAll(Evaluator.score(plan.djl(), runManager, store, plan.validation(), loss,
                            Math.max(plan.batchSize(), MIN_EVALUATION_BATCH)).asMap("val_"));
                }
                history.add(row);
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                notifyEpoch(epoch, row, start, examples / seconds);
                if (best.offer(epoch, row.get(plan.monitor()))) {
                    best.remember(parameters, plan.patience() > 0, runManager);
                    if (plan.checkpoint() != null) {
                        SavedModel.save(plan.network(), plan.train().signature(), plan.checkpoint());
                    }
                } else if (plan.patience() > 0 && epoch - best.epoch >= plan.patience()) {
                    stop.early(epoch, plan.patience(), best);
                }
            }
            if (stop.early && best.snapshot != null) {
                best.restore(parameters);
            }
        } catch (PerceptronException e) {
            // Listeners still hear the end (a live plot gets its final state), then the error goes on.
            stop.failed(e);
        } finally {
            if (prefetch != null) {
                prefetch.close();   // the thread ends with the training: done, interrupted or failed
            }
            noGradient.close();
            runManager.close();
            Threads.set(previousThreads);
        }
        plan.train().signature().rememberIn(plan.djl());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String reason = stop.reason != null ? stop.reason : "completed " + plan.epochs() + " epochs";
        TrainingRun run = new TrainingRun(history, plan.settings(), elapsed, reason, stop.early, plan.monitor(),
                best.epoch, plan.confusionMatrix());
        TrainingListener.End end = new TrainingListener.End(history.epochs(), reason, history.last(), elapsed);
        for (TrainingListener listener : plan.listeners()) {
            listener.onTrainEnd(end);
        }
        if (stop.failure != null) {
            throw stop.failure.apply(run);
        }
        return run;
    }

    /** One training step; returns the batch's loss, or a non-finite value without updating the weights. */
    private float trainBatch(NDManager runManager, ParameterStore store, Engine engine,
                             ai.djl.training.optimizer.Optimizer optimizer, List<Parameter> trainable, Batches batches,
                             int[] order, int from, int to, float[] prepared, Scores scores, int epoch, int batch) {
        try (NDManager batchManager = runManager.newSubManager()) {
            NDList inputs = prepared == null ? batches.inputs(batchManager, order, from, to)
                    : batches.inputs(batchManager, order, from, to, prepared);
            NDArray y = batches.labels(batchManager, order, from, to);
            NDArray outputs;
            float batchLoss;
            try (GradientCollector collector = engine.newGradientCollector()) {
                outputs = block.forward(store, inputs, true).head();
                NDArray lossValue = loss.compute(outputs, y);
                batchLoss = lossValue.getFloat();
                if (!Float.isFinite(batchLoss)) {
                    return batchLoss;
                }
                collector.backward(lossValue);
            }
            for (Parameter parameter : trainable) {
                NDArray weight = parameter.getArray();
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getId(), weight, gradient);
                }
            }
            scores.add(batchLoss, outputs, y, to - from);
            return batchLoss;
        } catch (PerceptronException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TrainingErrors.engineFailed("training (epoch " + epoch + ", batch " + batch + ")", e);
        }
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private void notifyStart(int batchesPerEpoch) {
        TrainingListener.Start event = new TrainingListener.Start(plan.settings(), plan.epochs(), batchesPerEpoch,
                plan.train().size(), plan.validation() == null ? 0 : plan.validation().size(), history.columns());
        for (TrainingListener listener : plan.listeners()) {
            listener.onTrainStart(event);
        }
    }

    private void notifyBatch(int epoch, int batch, int batchesPerEpoch, Scores scores, long start, long epochStart) {
        if (plan.listeners().isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        Map<String, Double> metrics = task == Loss.Task.REGRESSION ? Map.of() : Map.of("accuracy", scores.accuracy());
        TrainingListener.Batch event = new TrainingListener.Batch(epoch, plan.epochs(), batch, batchesPerEpoch,
                scores.loss(), metrics, Duration.ofNanos(now - start), scores.examples() / ((now - epochStart) / 1e9));
        for (TrainingListener listener : plan.listeners()) {
            listener.onBatchEnd(event);
        }
    }

    private void notifyEpoch(int epoch, Map<String, Double> row, long start, double examplesPerSecond) {
        TrainingListener.Epoch event = new TrainingListener.Epoch(epoch, plan.epochs(), new LinkedHashMap<>(row),
                Duration.ofNanos(System.nanoTime() - start), examplesPerSecond);
        for (TrainingListener listener : plan.listeners()) {
            listener.onEpochEnd(event);
        }
    }

    /** Why the loop stopped before its last epoch, if it did. */
    private static final class Stop {
        String reason;
        boolean early;
        Function<TrainingRun, PerceptronException> failure;

        void interrupted(int epoch, int batch, int batchesPerEpoch) {
            reason = "interrupted at epoch " + epoch + ", batch " + batch;
            failure = run -> TrainingErrors.interrupted(epoch, batch, batchesPerEpoch, run);
        }

        void nan(float loss, int epoch, int batch, int batchesPerEpoch, Optimizer optimizer) {
            reason = "loss became " + loss + " at epoch " + epoch + ", batch " + batch;
            failure = run -> TrainingErrors.nanLoss(loss, epoch, batch, batchesPerEpoch, optimizer.name(),
                    optimizer.learningRate());
        }

        void failed(PerceptronException error) {
            reason = "failed: " + error.getMessage();
            failure = run -> error;
        }

        void early(int epoch, int patience, Best best) {
            reason = "stopped early at epoch " + epoch + ": " + best.monitor + " had not improved for " + patience
                    + (patience == 1 ? " epoch" : " epochs") + "; weights restored from epoch " + best.epoch;
            early = true;
        }
    }

    /** The best epoch so far by the monitored metric, and (for early stopping) a copy of its weights. */
    private static final class Best {
        final String monitor;
        final boolean lowerIsBetter;
        int epoch;
        double value = Double.NaN;
        List<NDArray> snapshot;

        Best(String monitor) {
            this.monitor = monitor;
            this.lowerIsBetter = monitor.endsWith("loss");
        }

        /** Records {@code value} if it beats the best so far; returns whether it did. */
        boolean offer(int epoch, Double candidate) {
            if (candidate == null || candidate.isNaN()) {
                return false;
            }
            boolean better = Double.isNaN(value) || (lowerIsBetter ? candidate < value : candidate > value);
            if (better) {
                this.epoch = epoch;
                this.value = candidate;
            }
            return better;
        }

        void remember(List<Parameter> parameters, boolean keepWeights, NDManager owner) {
            if (!keepWeights) {
                return;
            }
            if (snapshot != null) {
                snapshot.forEach(NDArray::close);
            }
            snapshot = new ArrayList<>();
            for (Parameter parameter : parameters) {
                NDArray copy = parameter.getArray().duplicate();
                copy.attach(owner);
                snapshot.add(copy);
            }
        }

        void restore(List<Parameter> parameters) {
            for (int i = 0; i < parameters.size(); i++) {
                NoGradient.copy(snapshot.get(i), parameters.get(i).getArray());
            }
        }
    }
}
