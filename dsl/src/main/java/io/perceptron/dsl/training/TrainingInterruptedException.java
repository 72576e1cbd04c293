package io.perceptron.dsl.training;

import io.perceptron.dsl.PerceptronException;

/**
 * Thrown by {@code train()} when the training thread is interrupted (a notebook's stop button, or
 * {@code Thread.interrupt()}). Training stops between two batches, frees the batch's memory and
 * leaves the model with the weights of the last finished batch; the thread's interrupt flag stays
 * set, as Java convention asks.
 *
 * <pre>{@code
 * try { model.fit(data).epochs(1000).train() }
 * catch (e: TrainingInterruptedException) { e.run().history() }   // the epochs that finished
 * }</pre>
 */
public final class TrainingInterruptedException extends PerceptronException {
    private final transient TrainingRun run;

    private TrainingInterruptedException(String message, TrainingRun run) {
        super(message);
        this.run = run;
    }

    /** The interruption before batch {@code batch} of epoch {@code epoch}, holding the finished part of {@code run}. */
    static TrainingInterruptedException at(int epoch, int batch, int batchesPerEpoch, TrainingRun run) {
        return new TrainingInterruptedException("Training interrupted at epoch " + epoch + ", batch " + batch + " of "
                + batchesPerEpoch + ". The model keeps the weights of the last finished batch; the history of the "
                + run.epochs() + " finished epoch" + (run.epochs() == 1 ? "" : "s") + " is in run().", run);
    }

    /** The run up to the interruption: history of the finished epochs, elapsed time. */
    public TrainingRun run() {
        return run;
    }
}
