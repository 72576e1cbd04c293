package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** What training reaches on generated data: thresholds on seeded runs, never exact numbers. */
class LearningTest {

    @Test
    void anMlpSeparatesTheMoonsWithAtLeast95PercentValidationAccuracy() {
        Table data = Datasets.moons(1000, 0.2, 42);
        Model model = Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2);

        TrainingRun run = model.fit(data)
                .features("x1", "x2").label("label")
                .loss(Loss.crossEntropy())
                .optimizer(Optimizer.adam(0.01))
                .epochs(40).batchSize(32).validationSplit(0.2).seed(42)
                .quiet()
                .train();

        Table history = run.history();
        assertEquals(40, history.rowCount());
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy"), history.columnNames());
        assertTrue(run.metric("val_accuracy") >= 0.95, run.toString());
        assertTrue(run.metric("loss") < history.doubleColumn("loss").get(0) / 2, "the loss fell: " + history.print());
    }

    @Test
    void anMlpUnwindsThreeSpiralsWithAtLeast90PercentValidationAccuracy() {
        Table spirals = Datasets.spirals(1200, 3, 0.05, 42);
        Model model = Model.sequential().input(2).dense(64).relu().dense(64).relu().dense(3);

        TrainingRun run = model.fit(spirals).label("label").optimizer(Optimizer.adam(0.01))
                .epochs(40).validationSplit(0.2).seed(7).quiet().train();

        assertTrue(run.metric("val_accuracy") >= 0.9, run.toString());
    }

    @Test
    void anLstmTellsWordOrderApartWhereBagOfWordsCannot() {
        Table reviews = Datasets.sentiment(1000, 42);
        Table unseen = Datasets.sentiment(400, 7);
        Vocabulary vocabulary = Vocabulary.words(reviews, "text");

        Model lstm = Model.sequential().input(12).embedding(vocabulary.size(), 16).lstm(32).dense(2);
        lstm.fit(vocabulary.encode(reviews, "text", "label", 12)).optimizer(Optimizer.adam(0.01))
                .epochs(15).seed(1).quiet().train();
        double lstmAccuracy = lstm.evaluate(vocabulary.encode(unseen, "text", "label", 12)).accuracy();

        Examples bags = vocabulary.bagOfWords(reviews, "text", "label");
        Model bagOfWords = Model.sequential().input(vocabulary.size()).dense(32).relu().dense(2);
        bagOfWords.fit(bags).optimizer(Optimizer.adam(0.01)).epochs(15).seed(1).quiet().train();
        double bagAccuracy = bagOfWords.evaluate(vocabulary.bagOfWords(unseen, "text", "label")).accuracy();

        assertTrue(lstmAccuracy >= 0.9, "LSTM accuracy " + lstmAccuracy);
        assertTrue(bagAccuracy <= 0.6, "bag-of-words accuracy " + bagAccuracy + " should be near a coin toss");
    }

    @Test
    void aSmallCnnTellsDogsFromConesInImages() {
        List<Examples> parts = Datasets.dogsVsConesImages(600, 28, 3).split(0.8, 1);
        Model cnn = Model.sequential().input(1, 28, 28)
                .conv2d(8, 3).relu().maxPool(2)
                .flatten().dense(32).relu().dense(2);

        cnn.fit(parts.get(0)).optimizer(Optimizer.adam(0.005)).epochs(4).seed(3).quiet().train();
        Evaluation test = cnn.evaluate(parts.get(1));

        assertTrue(test.accuracy() >= 0.9, test.toString());
        Table confusion = test.confusionMatrix();
        assertEquals(List.of("actual", "cone", "dog"), confusion.columnNames());
        double counted = confusion.intColumn("cone").sum() + confusion.intColumn("dog").sum();
        assertEquals(parts.get(1).size(), counted, "every test image is counted once");
    }

    @Test
    void multiLabelImagesLearnEachLabelWithSigmoidOutputs() {
        List<Examples> parts = Datasets.multiLabelImages(600, 24, 5).split(0.8, 2);
        Model model = Model.sequential().input(1, 24, 24)
                .conv2d(8, 3).relu().maxPool(2)
                .conv2d(16, 3).relu().maxPool(2)
                .flatten().dense(32).relu().dense(2);

        TrainingRun run = model.fit(parts.get(0)).optimizer(Optimizer.adam(0.005)).epochs(8).seed(5).quiet().train();
        Evaluation test = model.evaluate(parts.get(1));

        assertTrue(run.settings().contains("loss binaryCrossEntropy() (default for these labels)"), run.settings());
        Table perLabel = test.perLabelAccuracy();
        assertEquals(List.of("dog", "cone"), perLabel.stringColumn("label").asList());
        for (double accuracy : perLabel.doubleColumn("accuracy")) {
            assertTrue(accuracy >= 0.9, perLabel.print());
        }
        Table predictions = model.predict(parts.get(1));
        assertEquals(List.of("dog", "cone", "p_dog", "p_cone"), predictions.columnNames());
    }

    @Test
    void mseRegressionFitsANoisyLine() {
        java.util.Random random = new java.util.Random(4);
        double[] x = new double[400];
        double[] y = new double[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() * 4 - 2;
            y[i] = 3 * x[i] - 1 + random.nextGaussian() * 0.1;
        }
        Table line = Table.create("line", DoubleColumn.create("x", x), DoubleColumn.create("y", y));
        Model model = Model.sequential().input(1).dense(1);

        TrainingRun run = model.fit(line).label("y").optimizer(Optimizer.sgd(0.05, 0.9)).epochs(30).seed(4)
                .quiet().train();

        assertEquals(List.of("epoch", "loss"), run.history().columnNames(), "regression records no accuracy");
        assertTrue(run.settings().contains("loss mse() (default for these labels)"), run.settings());
        assertTrue(run.metric("loss") < 0.05, run.toString());
        Table predicted = model.predict(Table.create("two points", DoubleColumn.create("x", new double[] {0, 1})));
        assertEquals(-1, predicted.doubleColumn("predicted").get(0), 0.2);
        assertEquals(2, predicted.doubleColumn("predicted").get(1), 0.2);
    }
}
