package io.perceptron.dsl.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.training.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Saving parameters and loading them back: model.saveParameters(path), model.loadParameters(path). */
class SavedModelTest {
    private static final Table PETS = Datasets.dogsVsCones(200, 8);

    private static Model petModel() {
        return Model.sequential().input(4).dense(8).relu().dense(2);
    }

    @Test
    void saveThenLoadGivesTheSamePredictionsInTheSameTerms(@TempDir Path folder) {
        Model trained = petModel();
        trained.fit(PETS).epochs(3).seed(1).quiet().train();
        Path file = folder.resolve("pets.params");

        trained.saveParameters(file);
        Model loaded = petModel().loadParameters(file);

        Table before = trained.predict(PETS);
        Table after = loaded.predict(PETS);
        assertEquals(before.stringColumn("predicted").asList(), after.stringColumn("predicted").asList());
        assertEquals(before.doubleColumn("p_dog").asList(), after.doubleColumn("p_dog").asList());
        assertEquals(trained.evaluate(PETS).loss(), loaded.evaluate(PETS).loss(), 1e-6);
    }

    @Test
    void aLoadedModelKeepsLearning(@TempDir Path folder) {
        Model trained = petModel();
        trained.fit(PETS).epochs(2).seed(1).quiet().train();
        Path file = folder.resolve("pets.params");
        trained.saveParameters(file);

        Model loaded = petModel().loadParameters(file);
        TrainingRun more = loaded.fit(PETS).epochs(3).seed(2).quiet().train();

        assertEquals(3, more.epochs());
        assertTrue(more.history().doubleColumn("loss").get(2) < more.history().doubleColumn("loss").get(0), more.toString());
    }

    @Test
    void parametersOfAnotherArchitectureAreRefusedSayingWhatDiffers(@TempDir Path folder) {
        Path file = folder.resolve("pets.params");
        petModel().saveParameters(file);

        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Model.sequential().input(4).dense(16).relu().dense(2).loadParameters(file));

        assertTrue(error.getMessage().contains("do not fit this model"), error.getMessage());
        assertTrue(error.getMessage().contains("(8, 4) in the file but (16, 4) here"), error.getMessage());
    }

    @Test
    void aFileThatIsNotACheckpointIsRefused(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("notes.txt"), "hello");

        PerceptronException error = assertThrows(PerceptronException.class, () -> petModel().loadParameters(file));
        PerceptronException missing = assertThrows(PerceptronException.class,
                () -> petModel().loadParameters(folder.resolve("nothing.params")));

        assertTrue(error.getMessage().contains("it is not a Perceptron parameter file (saved with model.save)"),
                error.getMessage());
        assertTrue(missing.getMessage().contains("there is no such file"), missing.getMessage());
    }
}
