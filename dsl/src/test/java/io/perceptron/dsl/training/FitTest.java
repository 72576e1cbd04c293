package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.optimizer.Schedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The fit builder: its defaults, what it prints, and what repeats with a seed. */
class FitTest {
    private static final Table MOONS = Datasets.moons(300, 0.2, 42);

    private static Model mlp() {
        return Model.sequential().input(2).dense(16).relu().dense(2);
    }

    @Test
    void theShortFormTrainsWithDefaultsAndShowsEachOne() {
        TrainingRun run = mlp().fit(MOONS).quiet().train();

        assertEquals(Fit.DEFAULT_EPOCHS, run.epochs());
        String settings = run.settings();
        for (String shown : List.of("features x1, x2 (default: numeric columns)", "label label (default)",
                "classes 0, 1", "loss crossEntropy() (default for these labels)", "optimizer adam(lr=0.001) (default)",
                "epochs 10 (default)", "batchSize 32 (default)", "no validation (default)", "(random; pass seed(",
                "threads 1 (default)", "device cpu")) {
            assertTrue(settings.contains(shown), "'" + shown + "' missing from: " + settings);
        }
    }

    @Test
    void anUntrainedFitPrintsItsSettingsWithDefaultsMarked() {
        String text = mlp().fit(MOONS).epochs(5).seed(3).toString();

        assertTrue(text.contains("epochs 5;"), text);
        assertTrue(text.contains("batchSize 32 (default)"), text);
        assertTrue(text.contains("optimizer adam(lr=0.001) (default)"), text);
        assertTrue(text.contains("loss chosen from the label (default)"), text);
        assertTrue(text.contains("seed 3;"), text);
    }

    @Test
    void theSameSeedGivesTheSameHistory() {
        Table first = mlp().fit(MOONS).epochs(5).validationSplit(0.2).seed(11).quiet().train().history();
        Table second = mlp().fit(MOONS).epochs(5).validationSplit(0.2).seed(11).quiet().train().history();
        Table other = mlp().fit(MOONS).epochs(5).validationSplit(0.2).seed(12).quiet().train().history();

        for (String column : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            assertEquals(first.doubleColumn(column).asList(), second.doubleColumn(column).asList(), column);
        }
        assertNotEquals(first.doubleColumn("loss").asList(), other.doubleColumn("loss").asList(),
                "another seed gives another run");
    }

    @Test
    void aSecondFitContinuesFromTheTrainedWeights() {
        Model model = mlp();
        TrainingRun first = model.fit(MOONS).epochs(5).optimizer(Optimizer.adam(0.01)).seed(1).quiet().train();
        TrainingRun second = model.fit(MOONS).epochs(1).optimizer(Optimizer.adam(0.01)).seed(2).quiet().train();

        assertTrue(second.history().doubleColumn("loss").get(0) < first.history().doubleColumn("loss").get(0),
                "the second run starts where the first ended");
    }

    @Test
    void validationDataCanBeGivenInsteadOfSplit() {
        List<Table> parts = Datasets.split(MOONS, 0.75, 5);

        TrainingRun run = mlp().fit(parts.get(0)).validation(parts.get(1)).epochs(3).seed(1).quiet().train();

        assertTrue(run.settings().contains(parts.get(0).rowCount() + " training examples, " + parts.get(1).rowCount()
                + " validation examples (given)"), run.settings());
        assertEquals(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy"), run.history().columnNames());
    }

    @Test
    void textLabelsBecomeClassesAndPredictionsComeBackAsText() {
        Table pets = Datasets.dogsVsCones(400, 3);
        Model model = Model.sequential().input(4).dense(16).relu().dense(2);

        TrainingRun run = model.fit(pets).label("label").optimizer(Optimizer.adam(0.01)).epochs(20).seed(3).quiet().train();
        Table predictions = model.predict(pets);

        assertTrue(run.settings().contains("classes cone, dog"), run.settings());
        assertEquals(List.of("predicted", "p_cone", "p_dog"), predictions.columnNames());
        assertTrue(predictions.stringColumn("predicted").asSet().stream().allMatch(v -> v.equals("dog") || v.equals("cone")));
        for (int row = 0; row < predictions.rowCount(); row++) {
            double total = predictions.doubleColumn("p_cone").get(row) + predictions.doubleColumn("p_dog").get(row);
            assertEquals(1.0, total, 1e-5, "probabilities of row " + row);
        }
        assertTrue(model.evaluate(pets).accuracy() >= 0.85, model.evaluate(pets).toString());
    }

    @Test
    void arraysTrainWithIntegerLabelsAsClasses() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] points = new float[MOONS.rowCount() * 2];
            for (int row = 0; row < MOONS.rowCount(); row++) {
                points[2 * row] = (float) MOONS.doubleColumn("x1").getDouble(row);
                points[2 * row + 1] = (float) MOONS.doubleColumn("x2").getDouble(row);
            }
            NDArray x = manager.create(points, new Shape(MOONS.rowCount(), 2));
            NDArray y = manager.create(MOONS.intColumn("label").asIntArray()).toType(DataType.INT64, false);
            Model model = mlp();

            TrainingRun run = model.fit(x, y).optimizer(Optimizer.adam(0.01)).epochs(30).seed(2).quiet().train();
            NDArray outputs = model.predict(x);

            assertTrue(run.settings().contains("loss crossEntropy() (default for these labels)"), run.settings());
            assertEquals(new Shape(MOONS.rowCount(), 2), outputs.getShape());
            assertTrue(model.evaluate(x, y).accuracy() >= 0.85, model.evaluate(x, y).toString());
            assertEquals(manager, outputs.getManager(), "the outputs belong to the caller's manager");
        }
    }

    @Test
    void aScheduleShowsInTheSettingsAndStillLearns() {
        Optimizer optimizer = Optimizer.sgd(0.2, 0.9).schedule(Schedule.cosine().warmup(1));

        TrainingRun run = mlp().fit(MOONS).optimizer(optimizer).epochs(10).seed(4).quiet().train();

        assertTrue(run.settings().contains("optimizer sgd(lr=0.2, momentum=0.9, schedule=warmup(1 epoch) then cosine)"),
                run.settings());
        assertTrue(run.metric("accuracy") >= 0.8, run.toString());
    }
}
