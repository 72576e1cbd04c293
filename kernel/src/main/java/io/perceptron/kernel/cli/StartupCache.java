package io.perceptron.kernel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Says, in one line of the kernel's log, when the kernel started without its start-up cache.
 *
 * <p>{@code install/kernelspec.py} launches the kernel with a class-data cache recorded for its JDK
 * and jars at install time (an AOT cache on JDK 24 and newer, an AppCDS archive on 17 to 23; see
 * {@code install/startup_cache.py}) and names it in the system property {@value #PROPERTY}:
 * <pre>
 * java -XX:AOTCache=build/startup-cache/jdk-25-…/kernel.aot -Xlog:aot*=off,cds*=off \
 *      -Dperceptron.startupCache=build/startup-cache/jdk-25-…/kernel.aot -cp … io.perceptron.kernel.cli.Main …
 * </pre>
 * A JVM that cannot use the cache starts without it; the kernelspec switches off the JVM's own
 * messages about that (several lines, some at error level), and this class says it once instead,
 * with the reason: the cache is missing, it was recorded for another JDK build or before a jar
 * changed (the stamp beside it lists both), or the JVM refused it (it runs without class sharing).
 * The kernel works the same without the cache, it only starts slower.
 */
final class StartupCache {
    /** The system property naming the cache the kernel was started with. */
    static final String PROPERTY = "perceptron.startupCache";
    /** The stamp beside the cache: what it was recorded with (written by install/startup_cache.py). */
    static final String STAMP = "stamp.txt";

    private static final Logger LOG = Logger.getLogger(StartupCache.class.getName());
    private static final String FIX = "install/run.sh records it again";

    private StartupCache() {
    }

    /** Logs one warning when this JVM was meant to start with a cache and did not. */
    static void check() {
        String archive = System.getProperty(PROPERTY);
        if (archive == null || archive.isBlank()) {
            return;
        }
        problem(Path.of(archive), System.getProperty("java.vm.info", ""), System.getProperty("java.home", ""),
                System.getProperty("java.vm.version", ""))
                .ifPresent(problem -> LOG.warning("The start-up cache " + archive + " " + problem
                        + ": the kernel started without it, slower; " + FIX + "."));
    }

    /**
     * Why a JVM with these properties runs without the cache {@code archive}, or empty if it uses it.
     *
     * @param vmInfo    the JVM's {@code java.vm.info}: it says {@code sharing} while class data is shared
     * @param javaHome  the JVM's {@code java.home}
     * @param vmVersion the JVM's {@code java.vm.version}, its exact build
     */
    static Optional<String> problem(Path archive, String vmInfo, String javaHome, String vmVersion) {
        if (!Files.isRegularFile(archive)) {
            return Optional.of("is missing");
        }
        List<String> stamp;
        try {
            stamp = Files.readAllLines(archive.resolveSibling(STAMP));
        } catch (IOException e) {
            return Optional.of("has no stamp saying what it was recorded with (" + e.getMessage() + ")");
        }
        Map<String, String> recorded = new HashMap<>();
        for (String line : stamp) {
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals < 0) {
                continue;
            }
            String key = line.substring(0, equals);
            String value = line.substring(equals + 1);
            if (key.equals("file")) {
                Optional<String> changed = changedFile(value);
                if (changed.isPresent()) {
                    return changed;
                }
            } else {
                recorded.put(key, value);
            }
        }
        if (!javaHome.equals(recorded.get("java.home")) || !vmVersion.equals(recorded.get("java.vm.version"))) {
            return Optional.of("was recorded for the JDK " + recorded.get("java.vm.version") + " in "
                    + recorded.get("java.home") + ", and this kernel runs on " + vmVersion + " in " + javaHome);
        }
        if (!vmInfo.contains("sharing")) {
            return Optional.of("was refused by the JVM (java with -Xlog:cds, on JDK 24 and later -Xlog:aot, says why)");
        }
        return Optional.empty();
    }

    /** A stamp's {@code file=SIZE MTIME_MILLIS PATH} line: empty if the file is as it was recorded. */
    private static Optional<String> changedFile(String entry) {
        String[] parts = entry.split(" ", 3);
        if (parts.length < 3) {
            return Optional.of("has a stamp this kernel cannot read (" + entry + ")");
        }
        Path file = Path.of(parts[2]);
        try {
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            if (size == Long.parseLong(parts[0]) && modified == Long.parseLong(parts[1])) {
                return Optional.empty();
            }
        } catch (IOException | NumberFormatException e) {
            // Missing or unreadable: changed as far as the cache is concerned.
        }
        return Optional.of("was recorded before " + file.getFileName() + " changed");
    }
}
