package io.perceptron.dsl.training;

import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The settings of a generative adversarial network's training, filled in fluently and run with
 * {@link #train()}; created by {@code gan.fit(realPictures)}. Every batch trains the two networks
 * in turns: the discriminator learns to tell a batch of real pictures from as many made by the
 * generator, then the generator learns to make pictures the discriminator takes for real.
 *
 * <pre>{@code
 * val run = gan.fit(cones).epochs(30).batchSize(64).optimizer(Optimizer.adam(0.001)).seed(7)
 *     .onEpochEnd { live.update(Plot.images(gan.sample(16, 1))) }
 *     .train()
 * run.history()            // epoch, discriminator_loss, generator_loss, real_score, fake_score
 * gan.fit(cones).epochs(0)  // PerceptronException: epochs(...) needs at least 1, received 0.
 * }</pre>
 *
 * <p>Defaults: {@value #DEFAULT_EPOCHS} epochs of batches of {@value #DEFAULT_BATCH_SIZE};
 * {@code Optimizer.adam(0.0002)} for each network (the rate of the DCGAN paper, Radford et al.
 * 2015), each with its own state; a random seed, printed.
 */
public final class AdversarialFit {
    /** Epochs when {@link #epochs(int)} is not called. */
    public static final int DEFAULT_EPOCHS = 20;
    /** Real pictures per batch (and as many made ones) when {@link #batchSize(int)} is not called. */
    public static final int DEFAULT_BATCH_SIZE = 64;
    /** The learning rate of the default optimizer. */
    public static final double DEFAULT_LEARNING_RATE = 0.0002;

    final Network generator;
    final Network discriminator;
    final Examples real;
    int epochs = DEFAULT_EPOCHS;
    boolean epochsChosen;
    int batchSize = DEFAULT_BATCH_SIZE;
    boolean batchSizeChosen;
    Optimizer optimizer;
    long seed = new Random().nextInt(1_000_000);
    boolean seedChosen;
    boolean quiet;
    final List<TrainingListener> listeners = new ArrayList<>();

    private AdversarialFit(Network generator, Network discriminator, Examples real) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.real = real;
    }

    /**
     * Training settings for a generator and a discriminator on real pictures; what
     * {@code gan.fit(pictures)} returns. Public only because {@code Gan} lives in another package.
     */
    public static AdversarialFit of(Network generator, Network discriminator, Examples real) {
        return new AdversarialFit(generator, discriminator, real);
    }

    /** How many times to go through the real pictures. Default {@value #DEFAULT_EPOCHS}. */
    public AdversarialFit epochs(int epochs) {
        if (epochs < 1) {
            throw TrainingErrors.badSetting("epochs", "at least 1", epochs);
        }
        this.epochs = epochs;
        this.epochsChosen = true;
        return this;
    }

    /** Real pictures per step, and as many made by the generator. Default {@value #DEFAULT_BATCH_SIZE}. */
    public AdversarialFit batchSize(int batchSize) {
        if (batchSize < 1) {
            throw TrainingErrors.badSetting("batchSize", "at least 1", batchSize);
        }
        this.batchSize = batchSize;
        this.batchSizeChosen = true;
        return this;
    }

    /**
     * The optimizer of both networks; each gets its own copy of its state (Adam's running averages).
     * Default {@code Optimizer.adam(0.0002)}.
     */
    public AdversarialFit optimizer(Optimizer optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    /** Seeds the noise, the order of the pictures and (before the networks are built) their first weights. */
    public AdversarialFit seed(long seed) {
        this.seed = seed;
        this.seedChosen = true;
        return this;
    }

    /** Adds a listener that hears about every batch and epoch; see {@link TrainingListener}. */
    public AdversarialFit listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Adds a listener for epoch ends only: the place to show the generator's latest pictures.
     *
     * <pre>{@code gan.fit(cones).onEpochEnd { live.update(Plot.images(gan.sample(16, 1))) } }</pre>
     */
    public AdversarialFit onEpochEnd(Consumer<TrainingListener.Epoch> action) {
        return listener(TrainingListener.atEpochEnd(action));
    }

    /** Leaves out the default progress output (the listeners added with {@link #listener} still hear everything). */
    public AdversarialFit quiet() {
        quiet = true;
        return this;
    }

    /** The optimizer used: the one chosen, or the default. */
    Optimizer chosenOptimizer() {
        return optimizer != null ? optimizer : Optimizer.adam(DEFAULT_LEARNING_RATE);
    }

    /**
     * Trains the two networks in turns and returns the run, whose history holds per epoch the two
     * losses and the discriminator's mean probability of "real" for real and for made pictures.
     *
     * @throws io.perceptron.dsl.PerceptronException when the pictures do not fit the networks (the
     *         message says what to change), when a loss becomes NaN, or, as
     *         {@link TrainingInterruptedException}, when the thread is interrupted
     */
    public TrainingRun train() {
        return new AdversarialLoop(this).run();
    }

    @Override
    public String toString() {
        return generator.name() + " against " + discriminator.name() + " on " + real.name() + " (" + real.size()
                + " pictures): epochs " + epochs + (epochsChosen ? "" : " (default)")
                + "; batchSize " + batchSize + (batchSizeChosen ? "" : " (default)")
                + "; optimizer " + chosenOptimizer() + " each" + (optimizer == null ? " (default)" : "")
                + "; seed " + seed + (seedChosen ? "" : " (random; pass seed(" + seed + ") to repeat)");
    }
}
