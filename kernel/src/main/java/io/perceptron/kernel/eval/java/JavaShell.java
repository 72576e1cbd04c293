package io.perceptron.kernel.eval.java;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.JShell;

/** Builds the JShell session of a Java evaluator: compiled against the cell class path, run by {@link CellExecution}. */
final class JavaShell {

    private static final String CLASS_PATH_PROPERTY = "java.class.path";

    private JavaShell() {
    }

    /**
     * A JShell whose compiler sees {@code cellClassPath} and the JDK, nothing of the kernel.
     *
     * <p>JShell's compiler starts from the JVM's own class path (the kernel's jars) and can only
     * append to it, so the property is pointed at the cell class path while the session is built
     * and made explicit at once by appending the first entry again. Nothing else reads the property
     * then: evaluators are built on the kernel's main thread before it serves.
     */
    static JShell open(CellExecution execution, List<File> cellClassPath) {
        String cellPath = cellClassPath.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator));
        JShell shell;
        synchronized (JavaShell.class) {
            String kernelPath = System.getProperty(CLASS_PATH_PROPERTY);
            System.setProperty(CLASS_PATH_PROPERTY, cellPath);
            try {
                shell = JShell.builder()
                        .executionEngine(execution.provider(), Map.of())
                        // Jars on the cell class path may carry annotation processors; cells need none.
                        .compilerOptions("-proc:none")
                        .build();
                // Sets the compiler's class path explicitly, from the property as it is now.
                shell.addToClasspath(cellClassPath.isEmpty() ? "" : cellClassPath.get(0).getPath());
            } finally {
                if (kernelPath == null) {
                    System.clearProperty(CLASS_PATH_PROPERTY);
                } else {
                    System.setProperty(CLASS_PATH_PROPERTY, kernelPath);
                }
            }
        }
        return shell;
    }
}
