package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.training.TrainingRun;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A generator and a discriminator trained in turns: the shapes they must have, and that the generator learns. */
class GanTest {

    /** Tiny 2x2 "pictures": a bright diagonal, top-left and bottom-right, with a little noise. */
    private static Examples diagonals(int count, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[count * 4];
        for (int i = 0; i < count; i++) {
            float[] base = {0.9f, 0.1f, 0.1f, 0.9f};
            for (int j = 0; j < 4; j++) pixels[i * 4 + j] = base[j] + 0.05f * (float) random.nextGaussian();
        }
        return Examples.of("diagonals", pixels, new long[] {1, 2, 2}, new float[count], new long[0], List.of());
    }

    private static Model generator() {
        return Model.sequential("generator").input(4).dense(16).relu().dense(4).sigmoid().reshape(1, 2, 2);
    }

    private static Model discriminator() {
        return Model.sequential("discriminator").input(1, 2, 2).flatten().dense(16).leakyRelu(0.2).dense(1);
    }

    @Test
    void theGeneratorLearnsToDrawWhatTheRealPicturesShow() {
        Gan gan = Gan.of(generator(), discriminator());
        TrainingRun run = gan.fit(diagonals(512, 1)).epochs(25).batchSize(32).optimizer(Optimizer.adam(0.005))
                .seed(3).quiet().train();
        assertEquals(List.of("epoch", "discriminator_loss", "generator_loss", "real_score", "fake_score"),
                run.history().columnNames());
        assertEquals(25, run.epochs());
        NDArray samples = gan.sample(200, 9);
        float[] mean = samples.mean(new int[] {0}).toFloatArray();
        // the diagonal is bright, the other two pixels dark, as in every real picture
        assertTrue(mean[0] > 0.7 && mean[3] > 0.7 && mean[1] < 0.3 && mean[2] < 0.3,
                "mean of the made pictures: " + java.util.Arrays.toString(mean));
        double fakeScore = run.metric("fake_score");
        assertTrue(fakeScore > 0.2, "the discriminator is still fooled sometimes: fake_score " + fakeScore);
        gan.generator().close();
        gan.discriminator().close();
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        Gan gan = Gan.of(generator(), discriminator());
        assertArrayEquals(gan.sample(3, 5).toFloatArray(), gan.sample(3, 5).toFloatArray());
        assertEquals(new Shape(3, 1, 2, 2), gan.sample(3, 5).getShape());
        assertEquals(4, gan.noiseSize());
        gan.generator().close();
    }

    @Test
    void shapesThatDoNotFitAreRefusedWhenTheGanIsMade() {
        Model generator = generator();
        PerceptronException same = assertThrows(PerceptronException.class, () -> Gan.of(generator, generator));
        assertEquals("A GAN trains two models against each other, but model \"generator\" was given as both the"
                + " generator and the discriminator. Build two models.", same.getMessage());

        Model pictureIn = Model.sequential("generator").input(1, 2, 2).flatten().dense(4).reshape(1, 2, 2);
        PerceptronException noise = assertThrows(PerceptronException.class, () -> Gan.of(pictureIn, discriminator()));
        assertTrue(noise.getMessage().startsWith("A GAN's generator turns a vector of random numbers into a picture,"
                + " but model \"generator\" takes (1, 2, 2). Start it with input(size)"), noise.getMessage());

        Model wide = Model.sequential("wide").input(1, 3, 3).flatten().dense(1);
        PerceptronException read = assertThrows(PerceptronException.class, () -> Gan.of(generator(), wide));
        assertEquals("The discriminator judges the generator's pictures, but model \"generator\" makes (1, 2, 2) and"
                + " model \"wide\" takes (1, 3, 3). Give the discriminator input(1, 2, 2), or end the generator with"
                + " reshape(1, 3, 3).", read.getMessage());

        Model twoScores = Model.sequential("judge").input(1, 2, 2).flatten().dense(2);
        PerceptronException score = assertThrows(PerceptronException.class, () -> Gan.of(generator(), twoScores));
        assertEquals("A GAN's discriminator gives each picture one score (how real it looks, as a logit), but model"
                + " \"judge\" outputs (2). End it with dense(1), without a sigmoid: the loss applies it.",
                score.getMessage());
    }

    @Test
    void realPicturesOfAnotherSizeAreRefusedBeforeTraining() {
        Gan gan = Gan.of(generator(), discriminator());
        Examples big = Examples.of("big", new float[18], new long[] {2, 3, 3}, new float[1], new long[0], List.of());
        PerceptronException e = assertThrows(PerceptronException.class, () -> gan.fit(big).epochs(1).quiet().train());
        assertEquals("The GAN learns to make pictures like those of big, shaped [2, 3, 3], but generator generator"
                + " makes pictures shaped [1, 2, 2]. End the generator with reshape(2, 3, 3) after a dense layer of 18"
                + " units, or train on pictures of its size.", e.getMessage());
        PerceptronException count = assertThrows(PerceptronException.class, () -> gan.sample(0, 1));
        assertEquals("gan.sample(0, 1): count must be at least 1, but was 0. For example: gan.sample(16, 1).",
                count.getMessage());
        PerceptronException epochs = assertThrows(PerceptronException.class, () -> gan.fit(big).epochs(0));
        assertEquals("epochs(...) needs at least 1, received 0.", epochs.getMessage());
    }

    @Test
    void aGanRunHasNoConfusionMatrixAndSaysWhatToDoInstead() {
        Gan gan = Gan.of(generator(), discriminator());
        TrainingRun run = gan.fit(diagonals(64, 2)).epochs(1).seed(1).quiet().train();
        PerceptronException e = assertThrows(PerceptronException.class, run::confusionMatrix);
        assertTrue(e.getMessage().contains("classifier.predict(gan.sample(16, 1))"), e.getMessage());
        gan.generator().close();
        gan.discriminator().close();
    }
}
