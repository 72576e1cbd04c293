package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The real data sets, read from the packages install/data-requirements.txt installs into .venv. */
class ShippedDatasetsTest {

    @Test
    void theDigitsAreTheUciTestSetWithItsPublishedCounts() {
        Examples digits = Datasets.digits();
        assertEquals(1797, digits.size());
        assertArrayEquals(new long[] {1, 8, 8}, digits.featureShape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), digits.classNames());
        int[] counts = new int[10];
        for (float label : digits.labels()) counts[(int) label]++;
        // The class counts scikit-learn's description of the data set gives.
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, counts);
        float max = 0;
        for (float v : digits.features()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max, "16 of 16 is full ink");
        assertEquals("0", digits.labelName(0));
        assertEquals(13 / 16f, digits.features(0)[3], 1e-6, "the first digit's fourth pixel is 13 in the file");
    }

    @Test
    void thePenguinsComeAsTheRealTableWithItsMissingValues() {
        Table penguins = Datasets.penguins();
        assertEquals(344, penguins.rowCount());
        assertEquals(List.of("species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm",
                "body_mass_g", "sex", "year"), penguins.columnNames());
        assertEquals(2, penguins.column("body_mass_g").countMissing());
        assertEquals(11, penguins.column("sex").countMissing());
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"),
                penguins.stringColumn("species").unique().asList().stream().sorted().toList());
        assertTrue(Datasets.penguinsFile().endsWith(Path.of("palmerpenguins/data/penguins.csv")));
    }

    @Test
    void thePinnedPackagesAreTheOnesTheInstallerInstalls() throws IOException {
        List<String> pinned = Files.readAllLines(Path.of("../install/data-requirements.txt")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        List<String> expected = new java.util.ArrayList<>(List.of(ShippedDatasets.SCIKIT_LEARN, ShippedDatasets.PALMER_PENGUINS));
        expected.addAll(io.perceptron.dsl.io.InstalledModels.requirements());
        assertEquals(expected, pinned);
    }

    @Test
    void withoutTheEnvironmentTheMessageSaysHowToInstallIt() {
        String saved = System.getProperty(ShippedFiles.PROPERTY);
        try {
            System.setProperty(ShippedFiles.PROPERTY, "/nowhere/.venv");
            PerceptronException gone = assertThrows(PerceptronException.class, Datasets::digits);
            assertEquals("The system property perceptron.venv names /nowhere/.venv as the project's Python"
                    + " environment, but there is no such folder. Point it at the .venv that install/run.sh created, or"
                    + " unset it.", gone.getMessage());
            Path bare = Path.of("target/bare-venv").toAbsolutePath();
            Files.createDirectories(bare.resolve("lib/python3.11/site-packages"));
            System.setProperty(ShippedFiles.PROPERTY, bare.toString());
            PerceptronException missing = assertThrows(PerceptronException.class, Datasets::penguins);
            assertTrue(missing.getMessage().startsWith("The Palmer penguins data set comes inside the Python package"
                    + " palmerpenguins==0.1.6, which is not installed in " + bare), missing.getMessage());
            assertTrue(missing.getMessage().endsWith("pip install --no-deps palmerpenguins==0.1.6"), missing.getMessage());
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            if (saved == null) {
                System.clearProperty(ShippedFiles.PROPERTY);
            } else {
                System.setProperty(ShippedFiles.PROPERTY, saved);
            }
        }
    }
}
