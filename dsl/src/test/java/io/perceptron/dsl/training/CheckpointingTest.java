package io.perceptron.dsl.training;

import static io.perceptron.dsl.training.EarlyStoppingTest.bigModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** checkpoint(path): the file holds the best epoch so far, written whole. */
class CheckpointingTest {
    private final Table train = EarlyStoppingTest.NOISY_MOONS.get(0);
    private final Table validation = EarlyStoppingTest.NOISY_MOONS.get(1);

    @Test
    void aCheckpointHoldsTheBestEpochAndLoadsIntoAModelBuiltTheSameWay(@TempDir Path folder) {
        Path file = folder.resolve("best.params");

        TrainingRun run = bigModel().fit(train).validation(validation).optimizer(Optimizer.adam(0.02)).epochs(40)
                .checkpoint(file).seed(4).quiet().train();
        Model loaded = bigModel().loadParameters(file);

        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.exists(folder.resolve("best.params.partial")), "no half-written file is left behind");
        double bestValidationLoss = run.history().doubleColumn("val_loss").min();
        assertEquals(bestValidationLoss, loaded.evaluate(validation).loss(), 1e-4);
    }
}
