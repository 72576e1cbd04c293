package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The "Data" section's parts on your own pictures, real data sets and tables from files: the calls
 * it shows run, and what it quotes is what they print (paths written as under /home/me).
 */
class OwnDataReadmeTest {
    @TempDir
    Path temp;

    /** Writes paths as the README does: the data folder under /home/me/data, the working folder /home/me. */
    private String asInReadme(String text, Path data) {
        return text.replace(data.toString(), "/home/me/data").replace(Path.of("").toAbsolutePath().toString(), "/home/me");
    }

    @Test
    void theShapesFolderPrintsWhatTheReadmeQuotes() throws IOException {
        Path data = temp.resolve("data");
        Path shapes = data.resolve("shapes");
        PictureFolders.draw(shapes, 6, 16, 4);
        PictureFolders.truncate(shapes.resolve("circle/circle-0000.jpg"), 0.5);
        Files.writeString(shapes.resolve("cross/notes.txt"), "my notes");
        Files.createDirectories(shapes.resolve("star"));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Examples read;
        try {
            System.setOut(both);
            System.setErr(both);
            read = Datasets.imageFolder(shapes.toString(), 64);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String section = Readme.section("Data");
        for (String line : asInReadme(printed.toString(StandardCharsets.UTF_8), data).strip().split("\n")) {
            assertTrue(section.contains("  " + line + "\n"), "README quotes: " + line);
        }
        assertTrue(section.contains("shapes   // " + asInReadme(read.toString(), data) + "\n"), asInReadme(read.toString(), data));
        assertEquals(2, read.stratifiedSplit(0.8, 42).size());
        assertTrue(read.load().isInMemory());
    }

    @Test
    void theQuotedErrorsAreTheRealOnes() throws IOException {
        Path data = temp.resolve("data");
        Files.createDirectories(data.resolve("empty"));
        PictureFolders.write(PictureFolders.picture("circle", 8, new Random(1)), data.resolve("single/cat/a.png"));
        Files.createDirectories(data.resolve("single/dog"));
        String section = Readme.section("Data");
        PrintStream err = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            for (String folder : List.of("pest", "empty", "single")) {
                String message = assertThrows(PerceptronException.class,
                        () -> Datasets.imageFolder(data.resolve(folder).toString(), 8)).getMessage();
                assertTrue(section.contains("\n" + asInReadme(message, data) + "\n"), asInReadme(message, data));
            }
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void theRealDataSetsAndTheEncodingPrintWhatTheReadmeQuotes() {
        String section = Readme.section("Data");
        assertTrue(section.contains("digits        // " + Datasets.digits() + "\n"), Datasets.digits().toString());
        Table penguins = Table.read().usingOptions(
                CsvReadOptions.builder(Datasets.penguinsFile().toFile()).missingValueIndicator("NA"));
        assertEquals(Datasets.penguins().rowCount(), penguins.rowCount());
        Table complete = penguins.dropWhere(penguins.column("sex").isMissing());
        TableEncoding encoding = TableEncoding.learn(complete, List.of("island", "bill_length_mm", "body_mass_g"), true);
        assertTrue(section.contains("encoding.inputNames()    // " + encoding.inputNames() + "\n"), encoding.inputNames().toString());
        String massRow = encoding.table().stringColumn("encoding").get(4);
        assertTrue(section.contains("\"1 when island is Biscoe, else 0\", \"" + massRow + "\""), massRow);
    }
}
