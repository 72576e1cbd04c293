package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** The Training section's part on real tables runs, on the real penguins, and prints what it quotes. */
class RealTablesReadmeTest {
    private static final String[] FEATURES = {"island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
            "body_mass_g"};

    @Test
    void thePenguinsAsReadAreRefusedWithTheQuotedMessageAndTrainOnceFixed() {
        String section = Readme.section("Training");
        Table penguins = Table.read().usingOptions(
                CsvReadOptions.builder(Datasets.penguinsFile().toFile()).missingValueIndicator("NA"));
        Model model = Model.sequential().input(7).dense(16).relu().dense(3);
        String message = assertThrows(PerceptronException.class,
                () -> model.fit(penguins).features(FEATURES).label("species").quiet().train()).getMessage();
        assertTrue(section.contains("    " + message + "\n"), message);

        Table measured = penguins.dropWhere(penguins.column("body_mass_g").isMissing());
        TrainingRun run = model.fit(measured).features(FEATURES).label("species").normalize().epochs(30).seed(1)
                .quiet().train();
        String settings = run.settings();
        assertTrue(settings.contains("island one-hot as Biscoe, Dream, Torgersen; normalized bill_length_mm,"
                + " bill_depth_mm, flipper_length_mm, body_mass_g (mean and std of the training table); 7 inputs"), settings);
        assertTrue(section.contains("(`island one-hot as Biscoe, Dream, Torgersen; ... 7 inputs`)"));
        assertEquals(7, model.inputEncoding().rowCount());
        assertTrue(run.metric("accuracy") > 0.9, "accuracy " + run.metric("accuracy"));
        model.close();
    }
}
