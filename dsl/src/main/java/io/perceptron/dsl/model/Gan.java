package io.perceptron.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.tensor.Tensors;
import io.perceptron.dsl.training.AdversarialFit;

/**
 * A generative adversarial network: two models trained against each other. The <b>generator</b>
 * turns a vector of random numbers (noise) into a picture; the <b>discriminator</b> looks at a
 * picture and gives one score, how real it looks. Training takes turns, batch by batch: the
 * discriminator learns to tell real pictures from made ones, then the generator learns to fool
 * it. Neither ever sees a label; the real pictures are all the teaching there is.
 *
 * <pre>{@code
 * val generator = Model.sequential("generator").input(16)
 *     .dense(128).relu().dense(400).sigmoid().reshape(1, 20, 20)
 * val discriminator = Model.sequential("discriminator").input(1, 20, 20)
 *     .flatten().dense(128).leakyRelu(0.2).dense(1)
 * val gan = Gan.of(generator, discriminator)
 * gan.fit(cones).epochs(30).seed(7).train()
 * Plot.images(gan.sample(16, 1))          // 16 made pictures; the same seed gives the same noise
 * Gan.of(generator, generator)            // fails: a GAN trains two models against each other ...
 * }</pre>
 *
 * <p>Both are ordinary models: {@code generator.predict(noise)} draws, {@code discriminator.predict(pictures)}
 * scores, and {@code summary()} describes each.
 */
public final class Gan {
    private final Model generator;
    private final Model discriminator;

    private Gan(Model generator, Model discriminator) {
        this.generator = generator;
        this.discriminator = discriminator;
    }

    /**
     * A GAN of {@code generator} (noise vector in, picture out) and {@code discriminator} (picture
     * in, one score out). The shapes are checked here: the generator takes a vector, makes what the
     * discriminator reads, and the discriminator ends in {@code dense(1)}.
     */
    public static Gan of(Model generator, Model discriminator) {
        if (generator == discriminator) {
            throw ModelErrors.ganNeedsTwoModels(generator.name());
        }
        Shape noise = generator.inputShape();
        if (noise.dimension() != 1) {
            throw ModelErrors.generatorNeedsNoise(generator.name(), noise);
        }
        Shape made = generator.outputShape();
        Shape reads = discriminator.inputShape();
        if (!made.equals(reads)) {
            throw ModelErrors.discriminatorCannotRead(generator.name(), made, discriminator.name(), reads);
        }
        Shape score = discriminator.outputShape();
        if (!score.equals(new Shape(1))) {
            throw ModelErrors.discriminatorNeedsOneScore(discriminator.name(), score);
        }
        return new Gan(generator, discriminator);
    }

    /** The model that makes pictures from noise. */
    public Model generator() {
        return generator;
    }

    /** The model that scores pictures as real or made. */
    public Model discriminator() {
        return discriminator;
    }

    /** How many random numbers the generator turns into one picture. */
    public long noiseSize() {
        return generator.inputShape().get(0);
    }

    /**
     * Training settings for both models on real pictures shaped like the generator's output.
     *
     * <pre>{@code gan.fit(cones).epochs(30).batchSize(64).optimizer(Optimizer.adam(0.001)).seed(7).train() }</pre>
     */
    public AdversarialFit fit(Examples realPictures) {
        return AdversarialFit.of(generator.network(), discriminator.network(), realPictures);
    }

    /**
     * {@code count} pictures from the generator, shaped {@code (count, ...picture)}, made from noise
     * seeded by {@code seed}: the same seed gives the same noise, so calling this after every epoch
     * shows the same points of the noise space being drawn better and better.
     *
     * <pre>{@code
     * Plot.images(gan.sample(16, 1))
     * gan.sample(0, 1)     // fails: count must be at least 1
     * }</pre>
     */
    public NDArray sample(int count, long seed) {
        if (count < 1) {
            throw ModelErrors.badCount("gan.sample(" + count + ", " + seed + ")", count);
        }
        NDArray noise = Tensors.random(new Shape(count, noiseSize()), seed);
        try {
            return generator.predict(noise);
        } finally {
            noise.close();
        }
    }

    @Override
    public String toString() {
        return "Gan: generator " + generator + "; discriminator " + discriminator;
    }
}
