package io.perceptron.dsl.training;

/**
 * Stops training once the monitored metric has not improved for {@code patience} epochs, and puts
 * back the weights of the best epoch, so the model ends where it did best on the validation data.
 * Switched on by {@code earlyStopping(patience)} or {@code earlyStopping(patience, monitor)}.
 *
 * <pre>{@code
 * model.fit(train).validation(test).epochs(500).earlyStopping(10).train()
 * // TrainingRun: 57 epochs in 2.1 s (stopped early at epoch 57: val_loss had not improved for 10 epochs; weights restored from epoch 47) ...
 * }</pre>
 */
final class EarlyStopping implements TrainingListener {
    private final KeepBest best;
    private final int patience;
    private final Stop stop;

    /**
     * @param best     the best epoch so far, told of each epoch before this is
     * @param patience epochs without improvement that end the run, at least 1
     * @param stop     where the run's end is recorded
     */
    EarlyStopping(KeepBest best, int patience, Stop stop) {
        this.best = best;
        this.patience = patience;
        this.stop = stop;
    }

    @Override
    public void onEpochEnd(Epoch finished) {
        int epoch = finished.epoch();
        if (best.improvedAt(epoch) || epoch - best.epoch() < patience) {
            return;
        }
        stop.early("stopped early at epoch " + epoch + ": " + best.monitor() + " had not improved for " + patience
                + (patience == 1 ? " epoch" : " epochs") + "; weights restored from epoch " + best.epoch());
        best.restore();
    }
}
