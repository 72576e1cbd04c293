package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Listeners hear the run as plain data; the default one prints a line per epoch. */
class ListenerTest {
    private static final Table MOONS = Datasets.moons(300, 0.2, 8);

    private static Model mlp() {
        return Model.sequential().input(2).dense(8).relu().dense(2);
    }

    /** Remembers everything it hears. */
    private static final class Recorder implements TrainingListener {
        final List<Start> starts = new ArrayList<>();
        final List<Batch> batches = new ArrayList<>();
        final List<Epoch> epochs = new ArrayList<>();
        final List<End> ends = new ArrayList<>();

        @Override
        public void onTrainStart(Start start) {
            starts.add(start);
        }

        @Override
        public void onBatchEnd(Batch batch) {
            batches.add(batch);
        }

        @Override
        public void onEpochEnd(Epoch epoch) {
            epochs.add(epoch);
        }

        @Override
        public void onTrainEnd(End end) {
            ends.add(end);
        }
    }

    @Test
    void aListenerHearsTheStartEveryBatchEveryEpochAndTheEnd() {
        Recorder recorder = new Recorder();

        TrainingRun run = mlp().fit(MOONS).epochs(3).batchSize(32).validationSplit(0.2).seed(8).quiet()
                .listener(recorder).train();

        TrainingListener.Start start = recorder.starts.get(0);
        assertEquals(3, start.epochs());
        assertEquals(8, start.batchesPerEpoch(), "240 training examples in batches of 32");
        assertEquals(240, start.trainingExamples());
        assertEquals(60, start.validationExamples());
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), start.metrics());
        assertEquals(run.settings(), start.settings());

        assertEquals(24, recorder.batches.size());
        TrainingListener.Batch last = recorder.batches.get(23);
        assertEquals(3, last.epoch());
        assertEquals(8, last.batch());
        assertEquals(run.history().doubleColumn("loss").get(2), last.loss(), 1e-9,
                "the last batch's running loss is the epoch's loss");
        assertTrue(last.examplesPerSecond() > 0);

        assertEquals(3, recorder.epochs.size());
        for (int e = 0; e < 3; e++) {
            TrainingListener.Epoch epoch = recorder.epochs.get(e);
            assertEquals(e + 1, epoch.epoch());
            assertEquals(run.history().doubleColumn("val_accuracy").get(e), epoch.metric("val_accuracy"));
        }

        TrainingListener.End end = recorder.ends.get(0);
        assertEquals(3, end.epochs());
        assertEquals("completed 3 epochs", end.stopReason());
        assertEquals(run.metrics(), end.metrics());
    }

    @Test
    void onEpochEndTakesALambda() {
        List<Integer> seen = new ArrayList<>();

        mlp().fit(MOONS).epochs(4).quiet().onEpochEnd(epoch -> seen.add(epoch.epoch())).train();

        assertEquals(List.of(1, 2, 3, 4), seen);
    }

    @Test
    void thePlainTextProgressShowsSettingsEpochsAndASummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        mlp().fit(MOONS).epochs(3).seed(2).quiet().listener(new ProgressPrinter(out)).train();

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("Training sequential on table moons (300 rows): features x1, x2"), lines.get(0));
        assertTrue(lines.get(1).matches("epoch 1/3  loss \\d\\.\\d{4}  accuracy \\d\\.\\d{4}  \\(.* s, \\d+ examples/s\\)"),
                lines.get(1));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("epoch 3/3  loss")), "the last epoch always shows");
        assertTrue(lines.get(lines.size() - 1).matches("Done in .* s: completed 3 epochs, loss \\d\\.\\d{4}, accuracy \\d\\.\\d{4}"),
                lines.get(lines.size() - 1));
    }

    @Test
    void anInstalledDefaultListenerReplacesThePlainTextOne() {
        Recorder recorder = new Recorder();
        TrainingListener.installDefault(() -> recorder);
        try {
            mlp().fit(MOONS).epochs(2).train();
            mlp().fit(MOONS).epochs(2).quiet().train();
        } finally {
            TrainingListener.installDefault(null);
        }

        assertEquals(1, recorder.starts.size(), "the quiet run did not use the default listener");
        assertEquals(2, recorder.epochs.size());
    }
}
