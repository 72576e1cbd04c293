package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.CellImports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The cell class path for tests: the DSL with its runtime dependencies and kotlin-stdlib, as the
 * kernel's assembly provides it. Maven writes it (the {@code test-cell-classpath} execution in
 * kernel/pom.xml) and tells the tests where through {@code perceptron.test.cellClasspathFile}.
 */
public final class TestCellClassPath {

    private TestCellClassPath() {
    }

    public static List<Path> entries() {
        String file = System.getProperty("perceptron.test.cellClasspathFile");
        if (file == null || !Files.exists(Path.of(file))) {
            throw new IllegalStateException("No cell class path for the tests (" + file + "). Run them through Maven, "
                    + "e.g. mvn -o -pl kernel test -Dtest='io.perceptron.kernel.eval.**.*Test', which writes it.");
        }
        try {
            return Arrays.stream(Files.readString(Path.of(file)).trim().split(File.pathSeparator))
                    .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Kotlin session with the default imports over the test cell class path. */
    static KotlinEvaluator newEvaluator() {
        return new KotlinEvaluator(entries(), CellImports.STANDARD);
    }
}
