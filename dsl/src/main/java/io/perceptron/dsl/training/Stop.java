package io.perceptron.dsl.training;

import io.perceptron.dsl.PerceptronException;
import java.util.function.Function;

/**
 * Why a run ended before its last epoch, if it did: the loop and the behaviours (the NaN guard,
 * early stopping) record it here, and the loop checks it between batches. A failure is built once
 * the run's history is known, so the exception can carry the finished epochs.
 */
final class Stop {
    private String reason;
    private boolean early;
    private Function<TrainingRun, PerceptronException> failure;

    /** Whether something asked the run to stop. */
    boolean requested() {
        return reason != null;
    }

    /** Why the run stopped, in words; {@code null} while it has not. */
    String reason() {
        return reason;
    }

    /** Whether early stopping ended the run (a success, unlike the other reasons). */
    boolean early() {
        return early;
    }

    /** The run ends here, successfully: early stopping found no more improvement. */
    void early(String why) {
        reason = why;
        early = true;
    }

    /** The run ends here and {@code train()} throws what {@code failure} makes of the finished run. */
    void fail(String why, Function<TrainingRun, PerceptronException> failure) {
        reason = why;
        this.failure = failure;
    }

    /** The thread was interrupted before batch {@code batch} of epoch {@code epoch}. */
    void interrupted(int epoch, int batch, int batchesPerEpoch) {
        fail("interrupted at epoch " + epoch + ", batch " + batch,
                run -> TrainingInterruptedException.at(epoch, batch, batchesPerEpoch, run));
    }

    /** Something refused during the run (the engine, a listener); the error goes on after the listeners heard the end. */
    void failed(PerceptronException error) {
        fail("failed: " + error.getMessage(), run -> error);
    }

    /** The exception {@code train()} throws for {@code run}, or {@code null} when it ended well. */
    PerceptronException failure(TrainingRun run) {
        return failure == null ? null : failure.apply(run);
    }
}
