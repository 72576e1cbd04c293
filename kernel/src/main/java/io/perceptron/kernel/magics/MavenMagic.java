package io.perceptron.kernel.magics;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.deps.DependencyException;
import io.perceptron.kernel.deps.Repository;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %maven}: adds Maven artifacts, with everything they depend on, to the cell class path for
 * this cell and every later one. Looks in the local repository first, then in the repositories
 * named with {@code --repo} (in this cell or an earlier one), then Maven Central.
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-csv:1.10.0 com.google.code.gson:gson:2.13.1
 * %maven --repo https://maven.example.com/releases com.example:tool:1.2
 * %maven --repo ../my-repository com.example:tool:1.2      // a folder laid out as a Maven repository
 * }</pre>
 */
public final class MavenMagic implements LineMagic {
    private static final String REPO_OPTION = "--repo";
    private static final String REPO_WITHOUT_URL = "--repo needs a URL or folder after it, for example "
            + "%maven --repo https://maven.example.com/releases group:artifact:version.";

    private final CellDependencies dependencies;

    /** @param dependencies the session's dependencies, shared with every cell language */
    public MavenMagic(CellDependencies dependencies) {
        this.dependencies = dependencies;
    }

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String summary() {
        return "add Maven libraries with their dependencies: %maven group:artifact:version ... [--repo URL]";
    }

    @Override
    public void run(String arguments, PrintStream out) {
        try {
            List<String> coordinates = new ArrayList<>();
            boolean namedRepository = false;
            String[] words = arguments.isBlank() ? new String[0] : arguments.strip().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                String word = words[i];
                if (word.equals(REPO_OPTION) || word.startsWith(REPO_OPTION + "=")) {
                    String url = word.equals(REPO_OPTION) ? (i + 1 < words.length ? words[++i] : "")
                            : word.substring(REPO_OPTION.length() + 1);
                    if (url.isEmpty()) {
                        throw MagicException.failed(DependencyException.NAME, new IllegalArgumentException(REPO_WITHOUT_URL));
                    }
                    announce(dependencies.addRepository(url), out);
                    namedRepository = true;
                } else {
                    coordinates.add(word);
                }
            }
            // "%maven --repo URL" alone only names the repository; a bare "%maven" says what it needs.
            if (!coordinates.isEmpty() || !namedRepository) {
                dependencies.resolve(coordinates, out);
            }
        } catch (DependencyException e) {
            throw MagicException.failed(DependencyException.NAME, e);
        }
    }

    private static void announce(Repository repository, PrintStream out) {
        out.println("Repository " + repository + " is searched before Maven Central from now on.");
    }

    @Override
    public String toString() {
        return "%maven";
    }
}
