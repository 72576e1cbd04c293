package io.perceptron.dsl.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Real, published data sets read from the files that pinned Python packages ship (see
 * {@link ShippedFiles}); {@link Datasets} is the way in. The requirements here must match
 * {@code install/data-requirements.txt} (a test compares them).
 */
final class ShippedDatasets {
    /** Installs scikit-learn's data files: the UCI handwritten digits among them. */
    static final String SCIKIT_LEARN = "scikit-learn==1.9.1";
    /** Installs the Palmer penguins CSV. */
    static final String PALMER_PENGUINS = "palmerpenguins==0.1.6";

    static final String DIGITS_FILE = "sklearn/datasets/data/digits.csv.gz";
    static final String PENGUINS_FILE = "palmerpenguins/data/penguins.csv";

    /** 8 x 8 pixels, each counting the ink in a 4 x 4 block of the original 32 x 32 bitmap: 0 to 16. */
    private static final int DIGIT_SIDE = 8;
    private static final float DIGIT_MAX = 16f;
    private static final List<String> DIGIT_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private ShippedDatasets() {
    }

    static Examples digits() {
        Path file = ShippedFiles.find(DIGITS_FILE, SCIKIT_LEARN, "The UCI handwritten digits data set");
        int pixels = DIGIT_SIDE * DIGIT_SIDE;
        List<float[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (cells.length != pixels + 1) {
                    throw DataErrors.shippedFileDamaged(file, "line " + (rows.size() + 1) + " has " + cells.length
                            + " numbers, where " + (pixels + 1) + " belong (64 pixels and the digit)");
                }
                float[] row = new float[pixels + 1];
                for (int i = 0; i <= pixels; i++) {
                    row[i] = Float.parseFloat(cells[i]);
                }
                rows.add(row);
            }
        } catch (IOException | NumberFormatException e) {
            throw DataErrors.shippedFileDamaged(file, e.getMessage());
        }
        float[] features = new float[rows.size() * pixels];
        float[] labels = new float[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            float[] row = rows.get(r);
            for (int i = 0; i < pixels; i++) {
                features[r * pixels + i] = row[i] / DIGIT_MAX;
            }
            labels[r] = row[pixels];
        }
        return Examples.of("UCI handwritten digits", features, new long[] {1, DIGIT_SIDE, DIGIT_SIDE}, labels,
                new long[0], DIGIT_CLASSES);
    }

    static Path penguinsFile() {
        return ShippedFiles.find(PENGUINS_FILE, PALMER_PENGUINS, "The Palmer penguins data set");
    }

    static Table penguins() {
        Path file = penguinsFile();
        try {
            return Table.read().usingOptions(CsvReadOptions.builder(file.toFile())
                    .tableName("penguins").missingValueIndicator("NA"));
        } catch (RuntimeException e) {
            throw DataErrors.shippedFileDamaged(file, e.getMessage());
        }
    }
}
