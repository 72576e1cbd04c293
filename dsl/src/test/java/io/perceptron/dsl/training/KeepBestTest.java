package io.perceptron.dsl.training;

import static io.perceptron.dsl.training.EarlyStoppingTest.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The best epoch so far: lower is better for a loss, higher for anything else, and NaN never wins. */
class KeepBestTest {

    @Test
    void aLossIsBestWhenLowest() {
        KeepBest best = new KeepBest("val_loss", List.of(), null);

        best.onEpochEnd(epoch(1, "val_loss", 0.7));
        best.onEpochEnd(epoch(2, "val_loss", 0.4));
        best.onEpochEnd(epoch(3, "val_loss", 0.5));

        assertEquals(2, best.epoch());
        assertTrue(best.improvedAt(2));
        assertFalse(best.improvedAt(3));
    }

    @Test
    void anAccuracyIsBestWhenHighest() {
        KeepBest best = new KeepBest("val_accuracy", List.of(), null);

        best.onEpochEnd(epoch(1, "val_accuracy", 0.7));
        best.onEpochEnd(epoch(2, "val_accuracy", 0.9));
        best.onEpochEnd(epoch(3, "val_accuracy", 0.8));

        assertEquals(2, best.epoch());
    }

    @Test
    void aMissingOrNanValueNeverCountsAsAnImprovement() {
        KeepBest best = new KeepBest("loss", List.of(), null);

        best.onEpochEnd(epoch(1, "loss", Double.NaN));
        assertEquals(0, best.epoch(), "no epoch has been best yet");
        best.onEpochEnd(epoch(2, "loss", 0.3));
        best.onEpochEnd(epoch(3, "loss", Double.NaN));
        best.onEpochEnd(epoch(4, "accuracy", 0.1));

        assertEquals(2, best.epoch());
        assertEquals("loss", best.monitor());
    }

    @Test
    void withoutWeightsToKeepRestoringChangesNothing() {
        KeepBest best = new KeepBest("loss", List.of(), null);
        best.onEpochEnd(epoch(1, "loss", 0.3));

        best.restore();

        assertEquals(1, best.epoch());
    }
}
