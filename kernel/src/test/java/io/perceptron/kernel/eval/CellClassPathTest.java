package io.perceptron.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which packages a cell class path holds, whether or not its jars have entries for their folders. */
class CellClassPathTest {
    @TempDir
    Path folder;

    private Path jar(String name, String... entries) throws IOException {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aPackageIsFoundByItsFolderOrByItsClassesAndAParentPackageByItsFolder() throws IOException {
        Path withFolders = jar("with-folders.jar", "tech/", "tech/tablesaw/", "tech/tablesaw/api/",
                "tech/tablesaw/api/Table.class");
        Path classesOnly = jar("classes-only.jar", "ai/djl/ndarray/NDArray.class");

        try (CellClassPath classPath = CellClassPath.of(List.of(withFolders, classesOnly))) {
            assertTrue(classPath.hasPackage("tech.tablesaw.api"));
            assertTrue(classPath.hasPackage("tech.tablesaw"), "Kotlin imports a package that holds only packages");
            assertTrue(classPath.hasPackage("ai.djl.ndarray"), "found by reading the jar's entries");
            assertFalse(classPath.hasPackage("io.perceptron.dsl.missing"));
        }
    }
}
