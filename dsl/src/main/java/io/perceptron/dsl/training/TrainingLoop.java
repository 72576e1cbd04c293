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
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.Shuffle;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.NoGradient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training loop, written on DJL's lower level: per batch a forward pass under a gradient
 * collector, the loss, the backward pass, and one optimizer update per parameter. It runs a
 * {@link Plan}; what a run does besides learning lives in units of its own, which it wires up
 * here: {@link NanGuard} (a NaN loss stops the run before the weights change), {@link KeepBest}
 * (the best epoch, and its weights), {@link Checkpointing}, {@link EarlyStopping}, and the
 * listeners of the plan (progress lines or a live plot, and the user's).
 *
 * <p>Memory: the run owns a sub-manager of the model's manager, which holds the optimizer's state
 * and the best epoch's weights and is closed when the run ends; each batch owns a sub-manager of
 * that, closed at the end of the batch, so every NDArray a batch makes (inputs, activations,
 * losses) is freed before the next one. Gradient handles are closed right after each update.
 */
final class TrainingLoop {
    /** The smallest batch used to score validation data: no gradients are kept, so bigger is faster. */
    static final int MIN_EVALUATION_BATCH = 256;

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
        NanGuard nanGuard = new NanGuard(stop, plan.optimizer(), batchesPerEpoch);
        KeepBest best = new KeepBest(plan.monitor(), plan.patience() > 0 ? parameters : List.of(), runManager);
        // Heard in this order at every epoch's end: progress and the user's listeners see the epoch
        // first; the best epoch is known before a checkpoint is written or early stopping decides.
        List<TrainingListener> listeners = new ArrayList<>(plan.listeners());
        listeners.add(best);
        if (plan.checkpoint() != null) {
            listeners.add(new Checkpointing(best, plan.network(), plan.train().signature(), plan.checkpoint()));
        }
        if (plan.patience() > 0) {
            listeners.add(new EarlyStopping(best, plan.patience(), stop));
        }
        // Off between batches; each batch's gradient collector switches it on for its forward and backward pass.
        NoGradient noGradient = NoGradient.enter();
        // Pictures read from files, or changed by augmentation, are prepared on a background thread
        // a few batches ahead; pictures already in memory and left as they are need no thread.
        Examples trainExamples = plan.train().examples();
        Prefetch prefetch = !trainExamples.isInMemory() || !plan.augmentation().isNone()
                ? new Prefetch(trainExamples, plan.batchSize(), plan.augmentation(), plan.seed()) : null;
        try {
            notifyStart(listeners, batchesPerEpoch);
            Batches batches = new Batches(trainExamples, plan.batchSize(), loss.labelType(),
                    plan.train().signature().decoderStart());
            int[] order = Batches.identity(examples);
            Random random = new Random(plan.seed());
            for (int epoch = 1; epoch <= plan.epochs() && !stop.requested(); epoch++) {
                if (plan.shuffle()) {
                    Shuffle.inPlace(order, random);
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
                    if (!trainBatch(runManager, store, engine, optimizer, trainable, batches, order, from, to, prepared,
                            scores, epoch, b + 1, nanGuard)) {
                        break;
                    }
                    notifyBatch(listeners, epoch, b + 1, batchesPerEpoch, scores, start, epochStart);
                }
                if (stop.requested()) {
                    break;
                }
                Map<String, Double> row = scores.asMap("");
                if (plan.validation() != null) {
                    row.putAll(BatchForward.score(plan.djl(), runManager, store, plan.validation(), loss,
                            Math.max(plan.batchSize(), MIN_EVALUATION_BATCH)).asMap("val_"));
                }
                history.add(row);
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                notifyEpoch(listeners, epoch, row, start, examples / seconds);
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
        String reason = stop.requested() ? stop.reason() : "completed " + plan.epochs() + " epochs";
        TrainingRun run = new TrainingRun(history, plan.settings(), elapsed, reason, stop.early(), plan.monitor(),
                best.epoch(), plan.confusionMatrix());
        TrainingListener.End end = new TrainingListener.End(history.epochs(), reason, history.last(), elapsed);
        for (TrainingListener listener : listeners) {
            listener.onTrainEnd(end);
        }
        PerceptronException failure = stop.failure(run);
        if (failure != null) {
            throw failure;
        }
        return run;
    }

    /** One training step; returns whether it updated the weights (the NaN guard may refuse a batch). */
    private boolean trainBatch(NDManager runManager, ParameterStore store, Engine engine,
                               ai.djl.training.optimizer.Optimizer optimizer, List<Parameter> trainable,
                               Batches batches, int[] order, int from, int to, float[] prepared, Scores scores,
                               int epoch, int batch, NanGuard nanGuard) {
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
                if (!nanGuard.allows(batchLoss, epoch, batch)) {
                    return false;
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
            return true;
        } catch (PerceptronException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TrainingErrors.engineFailed("training (epoch " + epoch + ", batch " + batch + ")", e);
        }
    }

    private void notifyStart(List<TrainingListener> listeners, int batchesPerEpoch) {
        TrainingListener.Start event = new TrainingListener.Start(plan.settings(), plan.epochs(), batchesPerEpoch,
                plan.train().size(), plan.validation() == null ? 0 : plan.validation().size(), history.columns());
        for (TrainingListener listener : listeners) {
            listener.onTrainStart(event);
        }
    }

    private void notifyBatch(List<TrainingListener> listeners, int epoch, int batch, int batchesPerEpoch,
                             Scores scores, long start, long epochStart) {
        long now = System.nanoTime();
        Map<String, Double> metrics = task == Loss.Task.REGRESSION ? Map.of() : Map.of("accuracy", scores.accuracy());
        TrainingListener.Batch event = new TrainingListener.Batch(epoch, plan.epochs(), batch, batchesPerEpoch,
                scores.loss(), metrics, Duration.ofNanos(now - start), scores.examples() / ((now - epochStart) / 1e9));
        for (TrainingListener listener : listeners) {
            listener.onBatchEnd(event);
        }
    }

    private void notifyEpoch(List<TrainingListener> listeners, int epoch, Map<String, Double> row, long start,
                             double examplesPerSecond) {
        TrainingListener.Epoch event = new TrainingListener.Epoch(epoch, plan.epochs(), new LinkedHashMap<>(row),
                Duration.ofNanos(System.nanoTime() - start), examplesPerSecond);
        for (TrainingListener listener : listeners) {
            listener.onEpochEnd(event);
        }
    }
}
