package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Early stopping and best-epoch checkpoints, on a network big enough to overfit a little noisy data. */
class EarlyStoppingTest {
    private static final int PLANNED_EPOCHS = 300;
    private final List<Table> parts = Datasets.split(Datasets.moons(80, 0.35, 9), 0.5, 9);
    private final Table train = parts.get(0);
    private final Table validation = parts.get(1);

    private static Model bigModel() {
        return Model.sequential().input(2).dense(128).relu().dense(128).relu().dense(2);
    }

    @Test
    void trainingStopsOnceValidationLossStopsImprovingAndKeepsTheBestWeights() {
        Model model = bigModel();

        TrainingRun run = model.fit(train).validation(validation).optimizer(Optimizer.adam(0.02))
                .epochs(PLANNED_EPOCHS).earlyStopping(5).seed(3).quiet().train();

        assertTrue(run.stoppedEarly(), run.toString());
        assertTrue(run.epochs() < PLANNED_EPOCHS, run.toString());
        assertEquals(run.epochs() - 5, run.bestEpoch(), "stopped after 5 epochs without improvement");
        assertTrue(run.stopReason().contains("val_loss had not improved for 5 epochs; weights restored from epoch "
                + run.bestEpoch()), run.stopReason());
        double bestValidationLoss = run.history().doubleColumn("val_loss").get(run.bestEpoch() - 1);
        assertEquals(bestValidationLoss, model.evaluate(validation).loss(), 1e-4,
                "the model holds the best epoch's weights, not the last epoch's");
    }

    @Test
    void earlyStoppingCanWatchAccuracyInstead() {
        TrainingRun run = bigModel().fit(train).validation(validation).optimizer(Optimizer.adam(0.02))
                .epochs(PLANNED_EPOCHS).earlyStopping(3, "val_accuracy").seed(3).quiet().train();

        assertTrue(run.stoppedEarly(), run.toString());
        assertEquals("val_accuracy", run.monitor());
        double best = run.history().doubleColumn("val_accuracy").max();
        assertEquals(best, run.history().doubleColumn("val_accuracy").get(run.bestEpoch() - 1));
    }

    @Test
    void aCheckpointHoldsTheBestEpochAndLoadsIntoAModelBuiltTheSameWay(@TempDir Path folder) {
        Path file = folder.resolve("best.params");

        TrainingRun run = bigModel().fit(train).validation(validation).optimizer(Optimizer.adam(0.02)).epochs(40)
                .checkpoint(file).seed(4).quiet().train();
        Model loaded = bigModel().loadParameters(file);

        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.exists(folder.resolve("best.params.partial")), "no half-written file is left behind");
        double bestValidationLoss = run.history().doubleColumn("val_loss").min();
        assertEquals(bestValidationLoss, loaded.evaluate(validation).loss(), 1e-4);
    }
}
