package io.perceptron.dsl.training;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import io.perceptron.dsl.plot.Figure;
import io.perceptron.dsl.plot.Plot;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The result of {@code train()}: the history of every epoch as a table, why training stopped,
 * how long it took, and the best epoch.
 *
 * <pre>{@code
 * val run = model.fit(data).label("label").validationSplit(0.2).epochs(40).train()
 * run.history()                  // epoch, loss, accuracy, val_loss, val_accuracy
 * run.metric("val_accuracy")     // the last epoch's value, e.g. 0.97
 * run.confusionMatrix()          // counts of true class versus predicted class, on the validation data
 * run                            // TrainingRun: 40 epochs in 1.9 s (completed), loss 0.0712, ...
 * }</pre>
 */
public final class TrainingRun {
    private final History history;
    private final String settings;
    private final Duration elapsed;
    private final String stopReason;
    private final boolean stoppedEarly;
    private final String monitor;
    private final int bestEpoch;
    private final Supplier<Table> confusionMatrix;

    TrainingRun(History history, String settings, Duration elapsed, String stopReason, boolean stoppedEarly,
                String monitor, int bestEpoch, Supplier<Table> confusionMatrix) {
        this.history = history;
        this.settings = settings;
        this.elapsed = elapsed;
        this.stopReason = stopReason;
        this.stoppedEarly = stoppedEarly;
        this.monitor = monitor;
        this.bestEpoch = bestEpoch;
        this.confusionMatrix = confusionMatrix;
    }

    /**
     * One row per finished epoch: {@code epoch}, {@code loss}, and as they apply {@code accuracy},
     * {@code val_loss}, {@code val_accuracy}. Training metrics are averages over the epoch's
     * batches; validation metrics are measured after the epoch.
     */
    public Table history() {
        return history.table();
    }

    /**
     * One metric of several runs side by side: a table with an {@code epoch} column and one
     * column per run, named by the map's keys in their order, ready for {@link Plot#line}. A run
     * with fewer epochs than the longest (stopped early) has missing values after its last epoch,
     * which a line plot leaves as a gap.
     *
     * <pre>{@code
     * val losses = TrainingRun.compare(mapOf("lr 0.01" to slow, "lr 0.5" to right, "lr 5" to tooLarge), "loss")
     * Plot.line(losses, "epoch", "lr 0.01", "lr 0.5", "lr 5")
     * TrainingRun.compare(mapOf("a" to slow), "f1")   // fails: Run 'a' does not record 'f1'. It records: loss, accuracy. ...
     * }</pre>
     *
     * @param runs   the runs, each under the name its column gets (e.g. the setting that differs)
     * @param metric a column every run's history has: {@code loss}, {@code accuracy}, {@code val_loss}, ...
     */
    public static Table compare(Map<String, TrainingRun> runs, String metric) {
        if (runs == null || runs.isEmpty()) {
            throw TrainingErrors.noRunsToCompare(metric);
        }
        int longest = 0;
        for (Map.Entry<String, TrainingRun> entry : runs.entrySet()) {
            History history = entry.getValue().history;
            if (!history.columns().contains(metric)) {
                throw TrainingErrors.metricMissingFromRun(entry.getKey(), metric, history.columns());
            }
            if (entry.getKey().equalsIgnoreCase("epoch")) {
                throw TrainingErrors.runNamedEpoch(entry.getKey());
            }
            longest = Math.max(longest, history.epochs());
        }
        Table table = Table.create(metric + " by run");
        IntColumn epochs = IntColumn.create("epoch", longest);
        for (int r = 0; r < longest; r++) {
            epochs.set(r, r + 1);
        }
        table.addColumns(epochs);
        for (Map.Entry<String, TrainingRun> entry : runs.entrySet()) {
            History history = entry.getValue().history;
            double[] values = new double[longest];
            Arrays.fill(values, Double.NaN);
            for (int epoch = 1; epoch <= history.epochs(); epoch++) {
                values[epoch - 1] = history.row(epoch).getOrDefault(metric, Double.NaN);
            }
            table.addColumns(DoubleColumn.create(entry.getKey(), values));
        }
        return table;
    }

    /**
     * The history drawn: the losses on one plot and the other measures (accuracy) on a second.
     *
     * <pre>{@code
     * val run = model.fit(data).label("label").train()
     * run.plot()
     * }</pre>
     */
    public Figure plot() {
        return Plot.history(history());
    }

    /** How many epochs finished. */
    public int epochs() {
        return history.epochs();
    }

    /** The time training took, validation included. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Why training stopped, in words: completed, stopped early (and why), interrupted, NaN loss. */
    public String stopReason() {
        return stopReason;
    }

    /** Whether early stopping ended the run before the planned epochs. */
    public boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** The metric that decides the best epoch: {@code val_loss} with validation data, else {@code loss}, unless set. */
    public String monitor() {
        return monitor;
    }

    /** The epoch (from 1) with the best {@link #monitor()} value; 0 if no epoch finished. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * The last finished epoch's value of {@code name}, e.g. {@code metric("val_accuracy")}.
     *
     * <pre>{@code
     * run.metric("loss")        // 0.0712
     * run.metric("f1")          // PerceptronException: This run does not record 'f1'. It records: loss, accuracy
     * }</pre>
     */
    public double metric(String name) {
        if (!history.columns().contains(name)) {
            throw TrainingErrors.unknownMetric(name, history.columns());
        }
        return history.last().getOrDefault(name, Double.NaN);
    }

    /** The last finished epoch's metrics by name, in history column order. */
    public Map<String, Double> metrics() {
        return Map.copyOf(history.last());
    }

    /**
     * True class (rows) against predicted class (columns), counted on the validation data, or on
     * the training data when there was none, with the model's current weights.
     *
     * <pre>{@code run.confusionMatrix()   // actual | 0 | 1 ; 0 | 98 | 2 ; 1 | 3 | 97 }</pre>
     */
    public Table confusionMatrix() {
        return confusionMatrix.get();
    }

    /** Every setting the run used, defaults included. */
    public String settings() {
        return settings;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TrainingRun: ").append(history.epochs())
                .append(history.epochs() == 1 ? " epoch in " : " epochs in ").append(Formats.seconds(elapsed))
                .append(" (").append(stopReason).append(')');
        history.last().forEach((name, value) -> text.append(", ").append(name).append(' ').append(Formats.metric(value)));
        if (bestEpoch > 0 && bestEpoch != history.epochs()) {
            text.append("; best ").append(monitor).append(" at epoch ").append(bestEpoch);
        }
        return text.toString();
    }
}
