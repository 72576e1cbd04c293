package io.perceptron.kernel.magics;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.deps.DependencyException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code %jars}: adds local jars to the cell class path for this cell and every later one. Each
 * argument is a jar, a folder of jars, or a pattern, read relative to the notebook's folder.
 *
 * <pre>{@code
 * %jars lib/tool.jar
 * %jars lib/*.jar ~/jars
 * }</pre>
 */
public final class JarsMagic implements LineMagic {
    private final CellDependencies dependencies;

    /** @param dependencies the session's dependencies, shared with every cell language */
    public JarsMagic(CellDependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public String name() {
        return "jars";
    }

    @Override
    public String summary() {
        return "add local jars: %jars path/to/file.jar, a folder or a pattern such as lib/*.jar";
    }

    @Override
    public void run(String arguments, PrintStream out) {
        try {
            dependencies.addJars(arguments.isBlank() ? List.of() : List.of(arguments.strip().split("\\s+")), out);
        } catch (DependencyException e) {
            throw MagicException.failed(DependencyException.NAME, e);
        }
    }

    @Override
    public String toString() {
        return "%jars";
    }
}
