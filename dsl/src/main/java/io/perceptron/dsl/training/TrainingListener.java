package io.perceptron.dsl.training;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hears what training does, as plain data: progress bars, live loss plots and loggers are
 * listeners. Every method has an empty default, so a listener overrides only what it needs.
 *
 * <p>All calls happen on the training thread, between batches, and training waits for them:
 * keep them quick (a listener that draws should throttle itself). The numbers are already on the
 * Java side; a listener never touches an NDArray.
 *
 * <pre>{@code
 * model.fit(data).label("label").listener(object : TrainingListener {
 *     override fun onEpochEnd(epoch: TrainingListener.Epoch) = println(epoch.metric("loss"))
 * }).train()
 * model.fit(data).label("label").onEpochEnd { println(it) }.train()    // the same, shorter
 * }</pre>
 *
 * <p>Unless {@code quiet()} is called, every training run also gets the default listener: a
 * plain-text line per epoch (at most about one a second) on standard output. A notebook kernel
 * replaces that default with live plots through {@link #installDefault(Supplier)}.
 */
public interface TrainingListener {

    /** Called once before the first batch. */
    default void onTrainStart(Start start) {
    }

    /** Called after every training batch, once the weights have been updated. */
    default void onBatchEnd(Batch batch) {
    }

    /** Called after every epoch, once the validation data (if any) has been scored. */
    default void onEpochEnd(Epoch epoch) {
    }

    /** Called once when training ends: finished, stopped early, interrupted, or failed on a NaN loss. */
    default void onTrainEnd(End end) {
    }

    /**
     * Makes {@code factory} supply the listener every {@code train()} gets unless it is
     * {@code quiet()}; {@code null} restores the default: a live plot when a notebook is attached, else plain-text progress lines.
     *
     * <pre>{@code TrainingListener.installDefault { LivePlot() }   // done once by a notebook kernel }</pre>
     */
    static void installDefault(Supplier<? extends TrainingListener> factory) {
        DefaultListener.install(factory);
    }

    /** A listener that hears only epoch ends, passing each to {@code action}: what {@code onEpochEnd { ... }} adds. */
    static TrainingListener atEpochEnd(java.util.function.Consumer<Epoch> action) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(Epoch epoch) {
                action.accept(epoch);
            }
        };
    }

    /** The plain-text progress listener: one line per epoch, at most about one a second, and a summary. */
    static TrainingListener plainText() {
        return new ProgressPrinter(System.out);
    }

    /**
     * Training is about to start.
     *
     * @param settings           every training setting, defaults included, as {@code Fit.toString()} shows them
     * @param epochs             how many epochs are planned
     * @param batchesPerEpoch    how many batches make one epoch
     * @param trainingExamples   how many examples are trained on
     * @param validationExamples how many examples are held out for validation (0 if none)
     * @param metrics            the history's columns after {@code epoch}: {@code loss}, {@code accuracy}, ...
     */
    record Start(String settings, int epochs, int batchesPerEpoch, int trainingExamples, int validationExamples,
                 List<String> metrics) {
        public Start {
            metrics = List.copyOf(metrics);
        }
    }

    /**
     * A training batch finished.
     *
     * @param epoch             the epoch, from 1
     * @param epochs            the epochs planned
     * @param batch             the batch within the epoch, from 1
     * @param batchesPerEpoch   the batches in one epoch
     * @param loss              the mean training loss over this epoch's batches so far
     * @param metrics           this epoch's other training metrics so far (e.g. {@code accuracy})
     * @param elapsed           time since training started
     * @param examplesPerSecond training speed over this epoch so far
     */
    record Batch(int epoch, int epochs, int batch, int batchesPerEpoch, double loss, Map<String, Double> metrics,
                 Duration elapsed, double examplesPerSecond) {
    }

    /**
     * An epoch finished.
     *
     * @param epoch             the epoch, from 1
     * @param epochs            the epochs planned
     * @param metrics           this epoch's row of the history: {@code loss}, {@code accuracy},
     *                          {@code val_loss}, {@code val_accuracy}, ... in history column order
     * @param elapsed           time since training started
     * @param examplesPerSecond training speed during this epoch
     */
    record Epoch(int epoch, int epochs, Map<String, Double> metrics, Duration elapsed, double examplesPerSecond) {
        /** One metric of this epoch, e.g. {@code metric("val_loss")}; NaN if it is not recorded. */
        public double metric(String name) {
            return metrics.getOrDefault(name, Double.NaN);
        }

        /** "epoch 3/40  loss 0.2312  accuracy 0.9012  (0.4 s, 21000 examples/s)". */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs));
            metrics.forEach((name, value) -> text.append("  ").append(name).append(' ').append(Formats.metric(value)));
            return text.append(String.format(Locale.ROOT, "  (%s, %.0f examples/s)", Formats.seconds(elapsed), examplesPerSecond))
                    .toString();
        }
    }

    /**
     * Training ended.
     *
     * @param epochs     how many epochs ran to the end
     * @param stopReason why training stopped, in words
     * @param metrics    the last finished epoch's metrics (empty if none finished)
     * @param elapsed    the whole run's time
     */
    record End(int epochs, String stopReason, Map<String, Double> metrics, Duration elapsed) {
    }
}
