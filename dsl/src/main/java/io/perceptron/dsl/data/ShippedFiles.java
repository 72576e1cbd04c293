package io.perceptron.dsl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds files that pinned Python packages carry inside themselves (a published data set in
 * scikit-learn's wheel, a CSV in palmerpenguins'), in the project's Python environment: the
 * {@code .venv} that {@code install/run.sh} and {@code install/test.sh} create. Nothing is
 * downloaded: a file that is not installed is an error that says how to install it.
 *
 * <p>The environment is, in this order: the folder named by the system property
 * {@value #PROPERTY} (the kernelspec and the Maven tests set it), the folder named by the
 * environment variable {@value #VARIABLE}, or the nearest {@code .venv} in the working folder or
 * a folder above it.
 *
 * <pre>{@code
 * ShippedFiles.environment()     // /home/me/perceptron/.venv
 * }</pre>
 */
public final class ShippedFiles {
    /** The system property that names the Python environment. */
    public static final String PROPERTY = "perceptron.venv";
    /** The environment variable that names the Python environment when the property is not set. */
    public static final String VARIABLE = "PERCEPTRON_VENV";

    private ShippedFiles() {
    }

    /**
     * The project's Python environment, as described above.
     *
     * @throws io.perceptron.dsl.PerceptronException naming the places looked at and the fix when none is found
     */
    public static Path environment() {
        List<String> looked = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return existing(Path.of(property), "system property " + PROPERTY);
        }
        looked.add("system property " + PROPERTY + " (not set)");
        String variable = System.getenv(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return existing(Path.of(variable), "environment variable " + VARIABLE);
        }
        looked.add("environment variable " + VARIABLE + " (not set)");
        Path start = Path.of("").toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            Path venv = folder.resolve(".venv");
            if (Files.isRegularFile(venv.resolve("pyvenv.cfg"))) {
                return venv;
            }
        }
        looked.add("a .venv in " + start + " or a folder above it (none)");
        throw DataErrors.noPythonEnvironment(looked);
    }

    /**
     * The file at {@code pathInPackage} (for example {@code sklearn/datasets/data/digits.csv.gz})
     * in the environment's {@code site-packages}.
     *
     * @param requirement the pinned requirement that installs it, for the message when it is missing
     * @param what        what the file is, in the user's words
     * @throws io.perceptron.dsl.PerceptronException when there is no environment, or the file is not in it
     *     (the message says how to install it)
     */
    public static Path find(String pathInPackage, String requirement, String what) {
        Path venv = environment();
        List<Path> sitePackages = sitePackages(venv);
        for (Path site : sitePackages) {
            Path file = site.resolve(pathInPackage);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw DataErrors.notShipped(what, pathInPackage, requirement, venv, sitePackages);
    }

    /** {@code lib/python3.X/site-packages} (Linux, macOS) or {@code Lib/site-packages} (Windows). */
    private static List<Path> sitePackages(Path venv) {
        List<Path> found = new ArrayList<>();
        Path windows = venv.resolve("Lib").resolve("site-packages");
        if (Files.isDirectory(windows)) {
            found.add(windows);
        }
        Path lib = venv.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> pythons = Files.list(lib)) {
                pythons.filter(p -> p.getFileName().toString().startsWith("python"))
                        .map(p -> p.resolve("site-packages"))
                        .filter(Files::isDirectory)
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw DataErrors.cannotRead(lib, e);
            }
        }
        return found;
    }

    private static Path existing(Path venv, String source) {
        if (!Files.isDirectory(venv)) {
            throw DataErrors.pythonEnvironmentMissing(venv, source);
        }
        return venv.toAbsolutePath().normalize();
    }
}
