package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Early stopping: on a network big enough to overfit a little noisy data, and the unit on its own. */
class EarlyStoppingTest {
    private static final int PLANNED_EPOCHS = 300;
    /** Little noisy data, which the big model below overfits within a few dozen epochs; halves for training and validation. */
    static final List<Table> NOISY_MOONS = Datasets.split(Datasets.moons(80, 0.35, 9), 0.5, 9);
    private final Table train = NOISY_MOONS.get(0);
    private final Table validation = NOISY_MOONS.get(1);

    static Model bigModel() {
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

    /** An epoch's end as the loop announces it, with one metric. */
    static TrainingListener.Epoch epoch(int epoch, String metric, double value) {
        return new TrainingListener.Epoch(epoch, 10, Map.of(metric, value), Duration.ZERO, 0);
    }

    @Test
    void theRunStopsOncePatienceEpochsPassWithoutImprovementAndSaysWhy() {
        KeepBest best = new KeepBest("val_loss", List.of(), null);
        Stop stop = new Stop();
        EarlyStopping early = new EarlyStopping(best, 2, stop);

        double[] losses = {0.9, 0.5, 0.6, 0.55, 0.4};
        int epoch = 0;
        while (!stop.requested() && epoch < losses.length) {
            epoch++;
            TrainingListener.Epoch finished = epoch(epoch, "val_loss", losses[epoch - 1]);
            best.onEpochEnd(finished);
            early.onEpochEnd(finished);
        }

        assertEquals(4, epoch, "epochs 3 and 4 did not beat epoch 2's 0.5: two without improvement");
        assertTrue(stop.early());
        assertEquals("stopped early at epoch 4: val_loss had not improved for 2 epochs; weights restored from epoch 2",
                stop.reason());
    }

    @Test
    void anImprovementResetsThePatience() {
        KeepBest best = new KeepBest("loss", List.of(), null);
        Stop stop = new Stop();
        EarlyStopping early = new EarlyStopping(best, 1, stop);

        for (int epoch = 1; epoch <= 4; epoch++) {
            TrainingListener.Epoch finished = epoch(epoch, "loss", 1.0 / epoch);
            best.onEpochEnd(finished);
            early.onEpochEnd(finished);
        }

        assertFalse(stop.requested(), "every epoch improved");
        assertEquals(4, best.epoch());
    }
}
