package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.plot.Figure;
import io.perceptron.dsl.plot.Plot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** TrainingRun.compare: one metric of several runs in one table, one column per run. */
class CompareRunsTest {
    private static final Table MOONS = Datasets.moons(200, 0.2, 42);

    private static TrainingRun run(double learningRate, int epochs) {
        return Model.sequential().input(2).dense(8).relu().dense(2)
                .fit(MOONS).optimizer(Optimizer.sgd(learningRate)).epochs(epochs).seed(7).quiet().train();
    }

    @Test
    void eachRunBecomesAColumnNamedByItsKeyWithItsHistoryValues() {
        TrainingRun slow = run(0.01, 4);
        TrainingRun fast = run(0.5, 4);
        Map<String, TrainingRun> runs = new LinkedHashMap<>();
        runs.put("lr 0.01", slow);
        runs.put("lr 0.5", fast);

        Table losses = TrainingRun.compare(runs, "loss");

        assertEquals(List.of("epoch", "lr 0.01", "lr 0.5"), losses.columnNames());
        assertEquals(List.of(1, 2, 3, 4), losses.intColumn("epoch").asList());
        assertEquals(slow.history().doubleColumn("loss").asList(), losses.doubleColumn("lr 0.01").asList());
        assertEquals(fast.history().doubleColumn("loss").asList(), losses.doubleColumn("lr 0.5").asList());
    }

    @Test
    void aShorterRunIsPaddedWithMissingValuesAfterItsLastEpoch() {
        Table accuracy = TrainingRun.compare(Map.of("short", run(0.1, 2), "long", run(0.1, 5)), "accuracy");

        assertEquals(5, accuracy.rowCount());
        DoubleColumn shortRun = accuracy.doubleColumn("short");
        assertTrue(!shortRun.isMissing(0) && !shortRun.isMissing(1), "epochs 1-2 have values: " + shortRun.asList());
        assertTrue(shortRun.isMissing(2) && shortRun.isMissing(3) && shortRun.isMissing(4),
                "epochs 3-5 are gaps: " + shortRun.asList());
        assertEquals(0, accuracy.doubleColumn("long").countMissing());
    }

    @Test
    void theTableDrawsAsOneLinePerRun() {
        Table losses = TrainingRun.compare(Map.of("a", run(0.05, 2), "b", run(0.2, 2)), "loss");

        Figure figure = Plot.line(losses, "epoch", "a", "b");

        String drawn = figure.toString();
        assertTrue(drawn.contains("a: line, 2 points") && drawn.contains("b: line, 2 points"), drawn);
    }

    @Test
    void aMetricOneRunDoesNotRecordIsNamedWithTheRunAndWhatItRecords() {
        Map<String, TrainingRun> runs = Map.of("plain", run(0.1, 1));

        String message = assertThrows(PerceptronException.class, () -> TrainingRun.compare(runs, "val_loss")).getMessage();

        assertTrue(message.contains("Run 'plain' does not record 'val_loss'. It records: loss, accuracy."), message);
        assertTrue(message.contains("runs without validation data have no val_ columns"), message);
    }

    @Test
    void noRunsOrARunNamedEpochIsRefusedWithAdvice() {
        String empty = assertThrows(PerceptronException.class, () -> TrainingRun.compare(Map.of(), "loss")).getMessage();
        assertTrue(empty.contains("needs at least one run to show 'loss'") && empty.contains("mapOf("), empty);

        Map<String, TrainingRun> named = Map.of("Epoch", run(0.1, 1));
        String clash = assertThrows(PerceptronException.class, () -> TrainingRun.compare(named, "loss")).getMessage();
        assertTrue(clash.contains("cannot be called 'Epoch'") && clash.contains("first column is already 'epoch'"), clash);
    }
}
