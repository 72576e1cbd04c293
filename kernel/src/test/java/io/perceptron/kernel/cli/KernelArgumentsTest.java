package io.perceptron.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line the kernelspec writes. */
class KernelArgumentsTest {
    @TempDir
    Path folder;

    private Path file(String name) throws IOException {
        return Files.writeString(folder.resolve(name), "{}");
    }

    @Test
    void theCellClassPathIsEveryJarOfTheFolderInNameOrder() throws IOException {
        Path connection = file("kernel-1.json");
        Path cells = Files.createDirectory(folder.resolve("cell"));
        Files.writeString(cells.resolve("b.jar"), "");
        Files.writeString(cells.resolve("a.jar"), "");
        Files.writeString(cells.resolve("notes.txt"), "");

        KernelArguments arguments = KernelArguments.parse("--cell-classpath", cells.toString(), connection.toString());

        assertEquals(connection, arguments.connectionFile());
        assertEquals(List.of(cells.resolve("a.jar"), cells.resolve("b.jar")), arguments.cellClassPath());
    }

    @Test
    void cellsAreKotlinUnlessTheLanguageOptionNamesJava() throws IOException {
        Path connection = file("kernel-1.json");

        assertEquals(CellLanguage.KOTLIN, KernelArguments.parse(connection.toString()).language());
        assertEquals(CellLanguage.JAVA, KernelArguments.parse("--language", "java", connection.toString()).language());
    }

    @Test
    void anUnknownLanguageIsNamedWithTheLanguagesThereAre() throws IOException {
        Path connection = file("kernel-1.json");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.parse("--language", "scala", connection.toString()));

        assertEquals("Unknown cell language 'scala'. Use one of: kotlin, java.", error.getMessage());
    }

    @Test
    void aMissingCellClassPathFolderSaysHowToBuildIt() throws IOException {
        Path connection = file("kernel-1.json");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.parse("--cell-classpath", folder.resolve("nowhere").toString(), connection.toString()));

        assertTrue(error.getMessage().contains("does not exist. Run install/run.sh"), error.getMessage());
    }

    @Test
    void withoutAConnectionFileTheErrorSaysWhereItComesFrom() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, KernelArguments::parse);

        assertTrue(error.getMessage().contains("{connection_file}"), error.getMessage());
    }

    @Test
    void anUnknownOptionIsNamed() throws IOException {
        Path connection = file("kernel-1.json");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.parse("--verbose", connection.toString()));

        assertEquals("Unknown option --verbose.", error.getMessage());
    }
}
