package io.perceptron.kernel.deps;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every text about dependencies a notebook user sees, in one place, worded as advice: what was
 * asked for, what was tried, and what to do next.
 */
final class DependencyMessages {

    /** An example that resolves from Maven Central, shown where a coordinate was written wrongly. */
    static final String EXAMPLE = "org.apache.commons:commons-csv:1.10.0";

    private DependencyMessages() {
    }

    // ------------------------------------------------------------------------ what was written

    static String malformedCoordinate(String written, String problem) {
        return "'" + written + "' is not a Maven coordinate: " + problem + ". Write group:artifact:version, for example "
                + EXAMPLE + " (or group:artifact:extension:classifier:version for a classifier).";
    }

    static String notARepository(String written) {
        return "'" + written + "' is not a repository: write its URL (https://... or file:///...) or the path of "
                + "a folder laid out as a Maven repository, for example %maven --repo https://maven.example.com/releases "
                + EXAMPLE + ".";
    }

    static String nothingToResolve() {
        return "%maven needs at least one coordinate, for example %maven " + EXAMPLE
                + " (several may follow, separated by spaces; --repo URL names another repository).";
    }

    static String settingsUnreadable(Path file, String problem) {
        return "Could not read the Maven settings " + file + ": " + problem
                + ". Fix the file, or point MAVEN_ARGS at another one with -s FILE, then run the cell again.";
    }

    // ------------------------------------------------------------------------------ resolution

    /**
     * How one repository answered for an artifact.
     *
     * @param repository its id and URL, such as {@code central (https://...)}
     * @param outcome    {@code not found}, {@code could not be reached (...)}, ...
     * @param reachable  false when the repository could not be contacted (no network, offline)
     */
    record Attempt(String repository, String outcome, boolean reachable) {
    }

    static final String NOT_FOUND = "not found";

    static String unreachable(String reason) {
        return "could not be reached (" + reason + ")";
    }

    static String offlineSkipped() {
        return "not asked: Maven is offline (-o in MAVEN_ARGS or <offline> in settings.xml)";
    }

    static String failed(String reason) {
        return "failed (" + reason + ")";
    }

    /**
     * Resolution of {@code requested} failed because {@code missing} (one of them, or one of their
     * dependencies) is in none of the places tried.
     */
    static String notResolved(List<Coordinate> requested, String missing, String localRepository, List<Attempt> attempts) {
        String asked = requested.stream().map(Coordinate::toString).collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder("Could not resolve ").append(asked);
        if (!requested.stream().map(Coordinate::toString).toList().contains(missing)) {
            text.append(": it depends on ").append(missing).append(", which");
        } else if (requested.size() > 1) {
            text.append(": ").append(missing);
        } else {
            text.append(": it");
        }
        text.append(" is not in the local repository ").append(localRepository);
        if (attempts.isEmpty()) {
            text.append(", and no remote repository was asked.");
        } else {
            text.append(", and the remote repositories answered:");
            attempts.forEach(attempt -> text.append("\n  ").append(attempt.repository()).append(": ").append(attempt.outcome()));
        }
        boolean anyUnreachable = attempts.stream().anyMatch(attempt -> !attempt.reachable());
        boolean anyNotFound = attempts.stream().anyMatch(Attempt::reachable);
        text.append("\nWhat to do: ");
        if (anyNotFound || attempts.isEmpty()) {
            text.append("check the group, artifact and version for a typo; if the library lives in another repository, "
                    + "name it: %maven --repo URL ").append(missing).append(" (in a Kotlin cell, @file:Repository(\"URL\")).");
        }
        if (anyUnreachable) {
            text.append(anyNotFound ? " Without" : "without").append(" a network, put the library into the local repository "
                    + "first (run mvn dependency:get -Dartifact=").append(missing)
                    .append(" where there is one and copy its folder), or add its jar with %jars path/to/file.jar; "
                            + "behind a company repository, name it as a mirror in ~/.m2/settings.xml.");
        }
        return text.toString();
    }

    /** Resolution failed for a reason other than a missing artifact (a broken POM, no version in a range). */
    static String resolutionFailed(List<Coordinate> requested, String reason, String localRepository) {
        return "Could not resolve " + requested.stream().map(Coordinate::toString).collect(Collectors.joining(", "))
                + " (local repository " + localRepository + "): " + reason
                + "\nWhat to do: check the coordinates and the repositories named; the error above says which file is at fault.";
    }

    // ----------------------------------------------------------------------- the class path

    static String conflictsWithProvided(String key, String requested, String provided) {
        return key + " " + requested + " requested; the kernel provides " + provided + ", which cells keep using.";
    }

    static String alreadyProvided(String key, String version) {
        return key + " " + version + " is provided by the kernel already.";
    }

    static String conflictsWithAdded(String key, String requested, String added) {
        return key + " " + requested + " requested; " + added + " was added earlier in this session, which cells keep "
                + "using (restart the kernel to switch versions).";
    }

    static String alreadyAdded(String key, String version) {
        return key + " " + version + " was added earlier in this session already.";
    }

    static String alreadyOnClassPath(String what) {
        return what + " is on the cell class path already.";
    }

    static String everyClassPresent(String what, String holder) {
        return what + " adds nothing: every class in it is on the cell class path already (in " + holder + "); not added.";
    }

    static String sharesClasses(String what, int shared, int total, String holder) {
        return what + " has " + shared + " of its " + total + " classes in " + holder
                + " too; cells get those from " + holder + ", which comes first on the class path.";
    }

    static String added(List<Path> jars) {
        return "Added to the cell class path: " + jars.stream().map(jar -> jar.getFileName().toString())
                .collect(Collectors.joining(", ")) + ".";
    }

    static String nothingAdded() {
        return "Nothing new to add to the cell class path.";
    }

    // ------------------------------------------------------------------------------- progress

    static String downloading(String file, String repository, String done, String total) {
        return "Downloading " + file + " from " + repository + ": " + done + (total.isEmpty() ? "" : " of " + total);
    }

    static String downloaded(String file, String size, String repository) {
        return "Downloaded " + file + " (" + size + ") from " + repository;
    }

    // ---------------------------------------------------------------------------------- %jars

    static String nothingForJars() {
        return "%jars needs a jar, a folder of jars or a pattern, for example %jars lib/*.jar "
                + "(relative to the notebook's folder; several may follow, separated by spaces).";
    }

    static String noJarsMatch(String pattern, Path folder) {
        return "No jar matches '" + pattern + "' (looked in " + folder + "). Check the path; patterns such as lib/*.jar "
                + "or ~/jars/**.jar are read relative to the notebook's folder.";
    }

    static String notAJar(Path file) {
        return file + " is not a jar (a zip file of classes), so it cannot join the cell class path. Name a .jar file, "
                + "or a folder of them.";
    }
}
