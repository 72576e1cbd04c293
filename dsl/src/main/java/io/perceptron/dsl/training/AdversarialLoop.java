package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Shuffle;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.model.NoGradient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The training loop of a generative adversarial network (Goodfellow et al. 2014): every batch first
 * trains the discriminator to score a batch of real pictures as real and as many made by the
 * generator as made, then trains the generator to make the discriminator score its pictures as
 * real (the "non-saturating" generator loss of the paper). Both losses are binary cross-entropy on
 * the discriminator's one output, a logit. Real pictures are scored against 0.9 rather than 1
 * (one-sided label smoothing, Salimans et al. 2016), which keeps the discriminator from becoming so
 * sure that the generator stops learning from it.
 *
 * <p>Each network has its own optimizer state. The discriminator's step sees the made pictures as
 * plain inputs (made without a gradient graph), so only its weights change; the generator's step
 * reaches the discriminator's weights too, so their gradients are cleared afterwards without an
 * update. Memory is handled as in {@link TrainingLoop}: one sub-manager per run and per batch.
 */
final class AdversarialLoop {
    static final List<String> COLUMNS = List.of("discriminator_loss", "generator_loss", "real_score", "fake_score");
    /** The target for real pictures in the discriminator's loss: one-sided label smoothing. */
    private static final float REAL_TARGET = 0.9f;

    private final AdversarialFit fit;
    private final Loss loss = Loss.binaryCrossEntropy();

    AdversarialLoop(AdversarialFit fit) {
        this.fit = fit;
    }

    TrainingRun run() {
        checkPictures();
        // Seeding before the networks are built makes their first weights part of what the seed repeats.
        Engine.getInstance().setRandomSeed((int) fit.seed);
        ai.djl.Model generatorModel = fit.generator.djl();
        ai.djl.Model discriminatorModel = fit.discriminator.djl();
        Block generator = generatorModel.getBlock();
        Block discriminator = discriminatorModel.getBlock();
        int examples = fit.real.size();
        int batchSize = fit.batchSize;
        int batchesPerEpoch = (examples + batchSize - 1) / batchSize;
        long noiseSize = fit.generator.inputShape().size();
        int threads = Threads.forBatch(fit.generator, batchSize) == 1 && Threads.forBatch(fit.discriminator, batchSize) == 1
                ? 1 : 0;
        int previousThreads = Threads.set(threads);
        long start = System.nanoTime();
        Stop stop = new Stop();
        History history = new History(COLUMNS);
        NDManager runManager = discriminatorModel.getNDManager().newSubManager();
        NDManager generatorRun = generatorModel.getNDManager().newSubManager();
        ParameterStore generatorStore = new ParameterStore(generatorRun, false);
        ParameterStore discriminatorStore = new ParameterStore(runManager, false);
        List<Parameter> generatorWeights = trainable(generator);
        List<Parameter> discriminatorWeights = trainable(discriminator);
        if (generatorWeights.isEmpty() || discriminatorWeights.isEmpty()) {
            runManager.close();
            generatorRun.close();
            Threads.set(previousThreads);
            throw TrainingErrors.nothingToTrain(generatorWeights.isEmpty() ? fit.generator.name() : fit.discriminator.name());
        }
        var optimizer = fit.chosenOptimizer();
        var generatorOptimizer = optimizer.djl(batchesPerEpoch, fit.epochs, generatorRun);
        var discriminatorOptimizer = optimizer.djl(batchesPerEpoch, fit.epochs, runManager);
        NanGuard nanGuard = new NanGuard(stop, optimizer, batchesPerEpoch);
        List<TrainingListener> listeners = new ArrayList<>();
        if (!fit.quiet) {
            listeners.add(DefaultListener.create());
        }
        listeners.addAll(fit.listeners);
        Engine engine = Engine.getInstance();
        NoGradient noGradient = NoGradient.enter();
        try {
            TrainingListener.Start startEvent = new TrainingListener.Start(fit.toString(), fit.epochs,
                    batchesPerEpoch, examples, 0, COLUMNS);
            listeners.forEach(listener -> listener.onTrainStart(startEvent));
            Batches batches = new Batches(fit.real, batchSize, DataType.FLOAT32, -1);
            int[] order = Batches.identity(examples);
            Random random = new Random(fit.seed);
            for (int epoch = 1; epoch <= fit.epochs && !stop.requested(); epoch++) {
                Shuffle.inPlace(order, random);
                long epochStart = System.nanoTime();
                double[] sums = new double[COLUMNS.size()];
                int seen = 0;
                for (int b = 0; b < batchesPerEpoch; b++) {
                    if (Thread.currentThread().isInterrupted()) {
                        stop.interrupted(epoch, b + 1, batchesPerEpoch);
                        break;
                    }
                    int from = b * batchSize;
                    int to = Math.min(examples, from + batchSize);
                    int n = to - from;
                    try (NDManager batch = runManager.newSubManager()) {
                        NDArray realPictures = batches.inputs(batch, order, from, to).head();
                        // The discriminator's turn: real pictures against made ones, made without a gradient graph.
                        NDArray made = generator.forward(generatorStore, new NDList(noise(batch, random, n, noiseSize)), true).head();
                        float discriminatorLoss;
                        NDArray realOut;
                        NDArray madeOut;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            realOut = discriminator.forward(discriminatorStore, new NDList(realPictures), true).head();
                            madeOut = discriminator.forward(discriminatorStore, new NDList(made), true).head();
                            NDArray value = loss.compute(realOut, realOut.onesLike().mul(REAL_TARGET))
                                    .add(loss.compute(madeOut, madeOut.zerosLike()));
                            discriminatorLoss = value.getFloat();
                            if (!nanGuard.allows(discriminatorLoss, epoch, b + 1)) {
                                break;
                            }
                            collector.backward(value);
                        }
                        update(discriminatorOptimizer, discriminatorWeights);
                        // The generator's turn: fresh noise, scored by the discriminator as it now is.
                        float generatorLoss;
                        try (GradientCollector collector = engine.newGradientCollector()) {
                            NDArray fresh = generator.forward(generatorStore, new NDList(noise(batch, random, n, noiseSize)), true).head();
                            NDArray judged = discriminator.forward(discriminatorStore, new NDList(fresh), true).head();
                            NDArray value = loss.compute(judged, judged.onesLike());
                            generatorLoss = value.getFloat();
                            if (!nanGuard.allows(generatorLoss, epoch, b + 1)) {
                                break;
                            }
                            collector.backward(value);
                        }
                        update(generatorOptimizer, generatorWeights);
                        clearGradients(discriminatorWeights);
                        sums[0] += discriminatorLoss * n;
                        sums[1] += generatorLoss * n;
                        sums[2] += loss.probabilities(realOut).mean().getFloat() * n;
                        sums[3] += loss.probabilities(madeOut).mean().getFloat() * n;
                        seen += n;
                    } catch (PerceptronException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw TrainingErrors.engineFailed("training the GAN (epoch " + epoch + ", batch " + (b + 1) + ")", e);
                    }
                    long now = System.nanoTime();
                    TrainingListener.Batch event = new TrainingListener.Batch(epoch, fit.epochs, b + 1, batchesPerEpoch,
                            sums[1] / seen, Map.of(), Duration.ofNanos(now - start), seen / ((now - epochStart) / 1e9));
                    listeners.forEach(listener -> listener.onBatchEnd(event));
                }
                if (stop.requested()) {
                    break;
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = 0; i < COLUMNS.size(); i++) {
                    row.put(COLUMNS.get(i), sums[i] / seen);
                }
                history.add(row);
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                TrainingListener.Epoch event = new TrainingListener.Epoch(epoch, fit.epochs, new LinkedHashMap<>(row),
                        Duration.ofNanos(System.nanoTime() - start), examples / seconds);
                listeners.forEach(listener -> listener.onEpochEnd(event));
            }
        } catch (PerceptronException e) {
            stop.failed(e);
        } finally {
            noGradient.close();
            runManager.close();
            generatorRun.close();
            Threads.set(previousThreads);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String reason = stop.requested() ? stop.reason() : "completed " + fit.epochs + " epochs";
        TrainingRun run = new TrainingRun(history, fit.toString(), elapsed, reason, false, "generator_loss", 0,
                () -> {
                    throw TrainingErrors.noGanConfusionMatrix();
                });
        TrainingListener.End end = new TrainingListener.End(history.epochs(), reason, history.last(), elapsed);
        listeners.forEach(listener -> listener.onTrainEnd(end));
        PerceptronException failure = stop.failure(run);
        if (failure != null) {
            throw failure;
        }
        return run;
    }

    /** The real pictures must be what the generator makes and the discriminator reads. */
    private void checkPictures() {
        long[] pictures = fit.real.featureShape();
        long[] made = fit.generator.outputShape().getShape();
        if (!Arrays.equals(pictures, made)) {
            throw TrainingErrors.realPicturesDiffer(fit.real.name(), pictures, made, fit.generator.name());
        }
    }

    /** Standard normal noise, seeded by the run: the generator's input. */
    private static NDArray noise(NDManager manager, Random random, int count, long size) {
        float[] values = new float[Math.toIntExact(count * size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, new Shape(count, size));
    }

    private static List<Parameter> trainable(Block block) {
        List<Parameter> weights = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            if (parameter.isInitialized() && parameter.requiresGradient()) {
                weights.add(parameter);
            }
        }
        return weights;
    }

    /** One optimizer step for every weight; DJL's update also clears the weight's gradient. */
    private static void update(ai.djl.training.optimizer.Optimizer optimizer, List<Parameter> weights) {
        for (Parameter parameter : weights) {
            NDArray weight = parameter.getArray();
            try (NDArray gradient = weight.getGradient()) {
                optimizer.update(parameter.getId(), weight, gradient);
            }
        }
    }

    /** Gradients that reached weights which must not change in this step, dropped before they add up. */
    private static void clearGradients(List<Parameter> weights) {
        for (Parameter parameter : weights) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                gradient.muli(0);
            }
        }
    }
}
