package io.perceptron.dsl.training;

import io.perceptron.dsl.plot.LivePlot;
import io.perceptron.dsl.plot.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A training listener that shows a run as it happens, in one notebook output updated in place:
 * a progress bar (epoch, batch, loss, speed, time left) above the training and validation loss
 * curves, which grow by a point per epoch. When training ends, however it ends, the output
 * becomes a normal figure of the curves.
 *
 * <p>Every run gets one by default while a notebook is attached ({@code Display.isRich()}: see
 * {@link TrainingListener#installDefault}); a program can also pass one to a single run. It is
 * training's listener drawing with the plot package's {@link LivePlot}: training uses plots, plots
 * know nothing of training.
 *
 * <pre>{@code
 * model.fit(data).label("label").train()                              // live plot in a notebook
 * model.fit(data).label("label").listener(LiveTrainingPlot()).quiet().train()
 * }</pre>
 */
public final class LiveTrainingPlot implements TrainingListener {
    private final LongSupplier nanoClock;
    private LivePlot live;
    private List<String> curves = List.of();

    /** A listener that opens its live plot when training starts. */
    public LiveTrainingPlot() {
        this(System::nanoTime);
    }

    /** A listener whose plot redraws by {@code nanoClock}'s time, so a test can say how much of it passes. */
    LiveTrainingPlot(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public void onTrainStart(Start start) {
        curves = curves(start.metrics());
        live = LivePlot.show("Training", "epoch", curves.size() == 1 ? curves.get(0) : "loss", nanoClock);
        live.progress(Progress.of(1, start.epochs(), 0, start.batchesPerEpoch()));
    }

    @Override
    public void onBatchEnd(Batch batch) {
        if (live != null) {
            live.progress(Progress.of(batch.epoch(), batch.epochs(), batch.batch(), batch.batchesPerEpoch())
                    .loss(batch.loss())
                    .speed(batch.examplesPerSecond())
                    .elapsed(batch.elapsed()));
        }
    }

    @Override
    public void onEpochEnd(Epoch epoch) {
        if (live == null) {
            return;
        }
        for (String curve : curves) {
            double value = epoch.metric(curve);
            if (!Double.isNaN(value)) {
                live.add(curve, epoch.epoch(), value);
            }
        }
    }

    @Override
    public void onTrainEnd(End end) {
        if (live == null) {
            return;
        }
        live.title(String.format(Locale.ROOT, "Training: %d %s in %.1f s (%s)", end.epochs(),
                end.epochs() == 1 ? "epoch" : "epochs", end.elapsed().toMillis() / 1000.0, end.stopReason()));
        live.finish();
        live = null;
    }

    /** The losses (training and validation) when there are any, else every metric. */
    private static List<String> curves(List<String> metrics) {
        List<String> losses = new ArrayList<>();
        for (String metric : metrics) {
            if (metric.toLowerCase(Locale.ROOT).contains("loss")) {
                losses.add(metric);
            }
        }
        return losses.isEmpty() ? List.copyOf(metrics) : losses;
    }

    @Override
    public String toString() {
        return live == null ? "LiveTrainingPlot (waiting for training)" : "LiveTrainingPlot: " + live;
    }
}
