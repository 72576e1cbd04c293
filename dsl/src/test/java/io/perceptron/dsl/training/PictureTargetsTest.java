package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Models whose targets are pictures: an autoencoder that gives its input back through a small
 * meaning vector, and a decoder that draws a caption. Both learn with the ordinary fit, on pixels.
 */
class PictureTargetsTest {
    private static final int SIZE = 20;

    @Test
    void anAutoencoderReconstructsUnseenPicturesFarBetterThanTheMeanPicture() {
        List<Examples> parts = Datasets.captionedScenes(700, SIZE, 42).split(0.8, 42);
        Examples train = parts.get(0);
        Examples test = parts.get(1);
        Model encoder = Model.sequential("encoder").input(1, SIZE, SIZE).flatten().dense(64).relu().dense(8);
        Model decoder = Model.sequential("decoder").input(8).dense(64).relu().dense(SIZE * SIZE).sigmoid()
                .reshape(1, SIZE, SIZE);
        Model autoencoder = Model.sequential("autoencoder").input(1, SIZE, SIZE).add(encoder).add(decoder);
        TrainingRun run = autoencoder.fit(train.withTargets(train)).validation(test.withTargets(test))
                .optimizer(Optimizer.adam(0.003)).epochs(8).seed(1).quiet().train();
        assertTrue(run.settings().contains("loss mse() (default for these labels)"), run.settings());
        double reconstruction = run.metric("val_loss");
        double meanPicture = meanPictureError(train, test);
        assertTrue(reconstruction < 0.5 * meanPicture,
                "reconstruction error " + reconstruction + " against the mean picture's " + meanPicture);
        // the two halves are the trained parts: the decoder alone turns meaning vectors into pictures
        NDArray codes = encoder.predict(Tensors.of(test.head(4)));
        assertEquals(new ai.djl.ndarray.types.Shape(4, 8), codes.getShape());
        NDArray pictures = decoder.predict(Tensors.walk(codes.get(0), codes.get(1), 5));
        assertEquals(new ai.djl.ndarray.types.Shape(5, 1, SIZE, SIZE), pictures.getShape());
        autoencoder.close();
    }

    @Test
    void aDecoderLearnsToDrawEachCaptionSoThatAClassifierRecognisesIt() {
        Examples scenes = Datasets.captionedScenes(700, SIZE, 5);
        Vocabulary words = Vocabulary.words(scenes.classNames());
        Model painter = Model.sequential("painter").input(6).embedding(words.size(), 16).gru(32)
                .dense(128).relu().dense(SIZE * SIZE).sigmoid().reshape(1, SIZE, SIZE);
        painter.fit(words.encodeCaptions(scenes, 6)).optimizer(Optimizer.adam(0.01)).epochs(12).seed(1).quiet().train();

        Examples kinds = scenes.relabeled(List.of("cone", "dog", "dog and cone"), i -> kindOf(scenes.labelName(i)));
        Model judge = Model.sequential("judge").input(1, SIZE, SIZE).conv2d(8, 3, 1, 1).relu().maxPool(2)
                .flatten().dense(32).relu().dense(3);
        judge.fit(kinds).optimizer(Optimizer.adam(0.003)).epochs(4).seed(1).quiet().train();

        List<int[]> captions = new ArrayList<>();
        for (String caption : scenes.classNames()) captions.add(words.encode(caption, 6));
        long[] answers = judge.predict(painter.predict(Tensors.of(captions))).argMax(1).toLongArray();
        int right = 0;
        for (int i = 0; i < answers.length; i++) {
            if (answers[i] == kindOf(scenes.classNames().get(i))) right++;
        }
        assertTrue(right >= 13, right + " of 14 drawn captions recognised");
        painter.close();
        judge.close();
    }

    private static int kindOf(String caption) {
        return caption.contains(" with ") ? 2 : caption.contains("dog") ? 1 : 0;
    }

    private static double meanPictureError(Examples train, Examples test) {
        int pixels = SIZE * SIZE;
        double[] mean = new double[pixels];
        float[] seen = train.features();
        for (int i = 0; i < seen.length; i++) mean[i % pixels] += seen[i] / train.size();
        float[] unseen = test.features();
        double sum = 0;
        for (int i = 0; i < unseen.length; i++) {
            double d = unseen[i] - mean[i % pixels];
            sum += d * d;
        }
        return sum / unseen.length;
    }
}
