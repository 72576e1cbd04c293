package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** An interrupted thread (a notebook's stop button) stops training between two batches, cleanly. */
class InterruptTest {
    private static final Table MOONS = Datasets.moons(320, 0.2, 3);

    private static Model mlp() {
        return Model.sequential().input(2).dense(16).relu().dense(2);
    }

    @Test
    void anInterruptStopsBeforeTheNextBatchAndSaysWhere() {
        Model model = mlp();
        AtomicReference<TrainingListener.End> end = new AtomicReference<>();
        TrainingListener interruptAtSecondEpochThirdBatch = new TrainingListener() {
            @Override
            public void onBatchEnd(Batch batch) {
                if (batch.epoch() == 2 && batch.batch() == 3) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onTrainEnd(End ended) {
                end.set(ended);
            }
        };

        TrainingInterruptedException stopped = assertThrows(TrainingInterruptedException.class,
                () -> model.fit(MOONS).epochs(50).batchSize(32).listener(interruptAtSecondEpochThirdBatch).quiet().train());
        boolean flagKept = Thread.interrupted(); // also clears it for the other tests

        assertTrue(flagKept, "the thread's interrupt flag stays set, as Java convention asks");
        assertTrue(stopped.getMessage().startsWith("Training interrupted at epoch 2, batch 4 of 10."), stopped.getMessage());
        assertEquals(1, stopped.run().epochs(), "the first epoch finished and is in the history");
        assertEquals(1, stopped.run().history().rowCount());
        assertEquals("interrupted at epoch 2, batch 4", end.get().stopReason(), "listeners hear the end too");
        assertEquals(parameterArrays(model), openArrays(model), "the interrupted batch's arrays were freed");
        assertTrue(model.evaluate(MOONS).loss() > 0, "the model is usable afterwards");
    }

    @Test
    void anotherThreadCanInterruptATrainingThread() throws Exception {
        Model model = mlp();
        CountDownLatch firstEpoch = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread trainer = new Thread(() -> {
            try {
                model.fit(MOONS).epochs(100_000).onEpochEnd(epoch -> firstEpoch.countDown()).quiet().train();
            } catch (Throwable e) {
                outcome.set(e);
            }
        });

        trainer.start();
        assertTrue(firstEpoch.await(60, TimeUnit.SECONDS), "training started");
        trainer.interrupt();
        trainer.join(TimeUnit.SECONDS.toMillis(60));

        assertTrue(!trainer.isAlive(), "training ended soon after the interrupt");
        assertInstanceOf(TrainingInterruptedException.class, outcome.get());
        assertTrue(outcome.get().getMessage().contains("The model keeps the weights of the last finished batch"),
                outcome.get().getMessage());
    }

    static int openArrays(Model model) {
        return model.djl().getNDManager().getManagedArrays().size();
    }

    static int parameterArrays(Model model) {
        return model.djl().getBlock().getParameters().size();
    }
}
