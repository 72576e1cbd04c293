package io.perceptron.dsl.examples;

import io.perceptron.dsl.model.Model;
import java.io.File;
import java.nio.file.Path;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A plain Java program that uses a model trained elsewhere: it loads the folder that
 * {@code model.save(folder)} wrote (in a notebook, say), reads a CSV file of new rows and prints
 * the model's predictions as CSV. No kernel, no notebook, no cell: only the DSL jar and its
 * libraries on the class path.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp "perceptron-dsl.jar:lib/*" io.perceptron.dsl.examples.PredictFromSavedModel penguin-model new-penguins.csv
 * </pre>
 *
 * The input encoding travels in the folder: the CSV needs the feature columns the model was
 * trained on (other columns are ignored), text categories are one-hot encoded and numbers
 * normalized exactly as in training, and the classes come back by name.
 */
public final class PredictFromSavedModel {
    private PredictFromSavedModel() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: PredictFromSavedModel MODEL_FOLDER CSV_FILE");
            System.exit(2);
        }
        try (Model model = Model.load(Path.of(args[0]))) {
            Table rows = Table.read().usingOptions(CsvReadOptions.builder(new File(args[1]))
                    .missingValueIndicator("NA"));
            Table predictions = model.predict(rows);
            predictions.write().csv(System.out);
        }
    }
}
