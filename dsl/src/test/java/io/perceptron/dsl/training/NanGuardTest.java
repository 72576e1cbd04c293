package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.optimizer.Optimizer;
import org.junit.jupiter.api.Test;

/** The NaN guard: a finite loss goes on, NaN or infinity stops the run before the weights change. */
class NanGuardTest {

    @Test
    void aFiniteLossLetsTheBatchUpdateTheWeights() {
        Stop stop = new Stop();
        NanGuard guard = new NanGuard(stop, Optimizer.sgd(0.5), 25);

        assertTrue(guard.allows(0.7f, 1, 1));
        assertTrue(guard.allows(1e30f, 1, 2));
        assertFalse(stop.requested());
    }

    @Test
    void aNanLossStopsTheRunWithTheMessageThatNamesTheBatchAndALowerRate() {
        Stop stop = new Stop();
        NanGuard guard = new NanGuard(stop, Optimizer.sgd(0.5), 25);

        assertFalse(guard.allows(Float.NaN, 3, 12));

        assertTrue(stop.requested());
        assertFalse(stop.early(), "a NaN is a failure, not an early stop");
        assertEquals("loss became NaN at epoch 3, batch 12", stop.reason());
        assertEquals(TrainingErrors.nanLoss(Float.NaN, 3, 12, 25, "sgd", 0.5).getMessage(),
                stop.failure(null).getMessage());
    }

    @Test
    void anInfiniteLossStopsTheRunToo() {
        Stop stop = new Stop();
        NanGuard guard = new NanGuard(stop, Optimizer.adam(0.1), 4);

        assertFalse(guard.allows(Float.POSITIVE_INFINITY, 1, 4));

        assertEquals("loss became Infinity at epoch 1, batch 4", stop.reason());
        assertTrue(stop.failure(null).getMessage().contains("the loss became Infinity at epoch 1, batch 4 of 4"),
                stop.failure(null).getMessage());
    }

    @Test
    void aRunThatWasNotStoppedHasNoFailure() {
        assertNull(new Stop().failure(null));
    }
}
