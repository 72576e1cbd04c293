package io.perceptron.dsl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.training.TrainingRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A real-looking CSV (gaps, a text column, numbers on scales of 1 and 10,000) trains after the
 * documented fixes, and its saved model predicts the same in {@link PredictFromSavedModel}, run in a
 * JVM of its own: no kernel, no notebook, only the DSL's class path.
 */
class PredictFromSavedModelTest {
    @TempDir
    Path temp;

    /** Rows whose label depends on a shop (text), a fraction and an amount up to 10,000; some cells "NA". */
    private static String csv(int rows, long seed, boolean gaps) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("id,shop,fraction,amount,label\n");
        for (int i = 0; i < rows; i++) {
            String shop = List.of("north", "south", "east").get(random.nextInt(3));
            double fraction = random.nextDouble();
            double amount = 10_000 * random.nextDouble();
            double score = fraction - amount / 10_000 + (shop.equals("east") ? 0.4 : 0);
            String label = score > 0.2 ? "buy" : "wait";
            boolean missingAmount = gaps && i % 37 == 5;
            boolean missingShop = gaps && i % 41 == 9;
            text.append(String.format(Locale.ROOT, "%d,%s,%.4f,%s,%s%n", i, missingShop ? "NA" : shop, fraction,
                    missingAmount ? "NA" : String.format(Locale.ROOT, "%.1f", amount), label));
        }
        return text.toString();
    }

    private static Table read(Path file) {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).missingValueIndicator("NA"));
    }

    @Test
    void aTableWithGapsTextAndMixedScalesTrainsAfterTheFixesAndItsSavedModelPredictsTheSameElsewhere()
            throws IOException, InterruptedException {
        Path file = temp.resolve("sales.csv");
        Files.writeString(file, csv(600, 3, true));
        Table sales = read(file);

        Model model = Model.sequential("sales").input(5).dense(16).relu().dense(2);
        PerceptronException gaps = assertThrows(PerceptronException.class, () ->
                model.fit(sales).features("shop", "fraction", "amount").label("label").quiet().train());
        assertTrue(gaps.getMessage().startsWith("Column 'shop' of table 'sales.csv' has 15 missing values"),
                gaps.getMessage());

        // The fixes the messages give: fill the text gaps with a category of their own, drop rows without an amount.
        sales.stringColumn("shop").setMissingTo("unknown");
        Table fixed = sales.dropWhere(sales.column("amount").isMissing());
        Model sized = Model.sequential("sales").input(6).dense(16).relu().dense(2);
        TrainingRun run = sized.fit(fixed).features("shop", "fraction", "amount").label("label").normalize()
                .validationSplit(0.25).optimizer(Optimizer.adam(0.01)).epochs(40).seed(7).quiet().train();
        assertTrue(run.settings().contains("shop one-hot as east, north, south, unknown; normalized fraction, amount"),
                run.settings());
        double accuracy = run.metric("val_accuracy");
        assertTrue(accuracy >= 0.9, "validation accuracy " + accuracy);

        Path saved = temp.resolve("sales-model");
        sized.save(saved);
        Path fresh = temp.resolve("new-sales.csv");
        Files.writeString(fresh, csv(50, 99, false));
        Table expected = sized.predict(read(fresh));

        ProcessBuilder java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"),
                PredictFromSavedModel.class.getName(), saved.toString(), fresh.toString())
                .redirectErrorStream(false)
                .redirectError(temp.resolve("example.err").toFile());
        java.environment().put("OPT_OUT_TRACKING", "true");
        Process process = java.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the example program finished");
        assertEquals(0, process.exitValue(), "exit code; stderr: " + Files.readString(temp.resolve("example.err")));

        Table printed = Table.read().usingOptions(CsvReadOptions.builderFromString(output));
        assertEquals(expected.rowCount(), printed.rowCount());
        assertEquals(expected.stringColumn("predicted").asList(), printed.stringColumn("predicted").asList());
        List<Double> differences = new ArrayList<>();
        for (int r = 0; r < expected.rowCount(); r++) {
            differences.add(Math.abs(expected.doubleColumn("p_buy").getDouble(r)
                    - printed.numberColumn("p_buy").getDouble(r)));
        }
        assertTrue(differences.stream().allMatch(d -> d < 1e-5), "probabilities equal: " + differences);
        sized.close();
        model.close();
    }
}
