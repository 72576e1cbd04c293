package io.perceptron.kernel.deps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars a {@code %jars} argument names: a jar, a folder (its jars), or a glob pattern, read
 * relative to the notebook's folder; {@code ~/} is the home folder.
 *
 * <pre>{@code
 * %jars lib/tool.jar           // one jar
 * %jars lib                    // every jar in lib/
 * %jars lib/*.jar ~/jars/**.jar
 * }</pre>
 */
final class JarPatterns {

    private static final String GLOB_CHARACTERS = "*?[{";

    private JarPatterns() {
    }

    /**
     * The jars {@code pattern} names, in name order.
     *
     * @throws DependencyException if it names none, or names a file that is not a jar
     */
    static List<Path> expand(String pattern, Path workingFolder) {
        String written = pattern.strip();
        String expanded = written.startsWith("~/") ? System.getProperty("user.home") + written.substring(1) : written;
        Path whole = workingFolder.resolve(expanded).normalize();
        if (!hasGlob(expanded)) {
            if (Files.isDirectory(whole)) {
                return jarsUnder(whole, 1, path -> true, written, whole);
            }
            if (Files.isRegularFile(whole)) {
                if (!isZip(whole)) {
                    throw new DependencyException(DependencyMessages.notAJar(whole));
                }
                return List.of(whole.toAbsolutePath());
            }
            throw new DependencyException(DependencyMessages.noJarsMatch(written, workingFolder.toAbsolutePath()));
        }
        Path base = baseOf(expanded, workingFolder);
        String glob = whole.toAbsolutePath().toString();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int depth = expanded.contains("**") ? Integer.MAX_VALUE : base.relativize(whole.toAbsolutePath()).getNameCount();
        return jarsUnder(base, depth, matcher::matches, written, base);
    }

    private static List<Path> jarsUnder(Path folder, int depth, PathMatcher matches, String written, Path lookedIn) {
        if (!Files.isDirectory(folder)) {
            throw new DependencyException(DependencyMessages.noJarsMatch(written, lookedIn.toAbsolutePath()));
        }
        List<Path> jars;
        try (Stream<Path> files = Files.walk(folder, depth)) {
            jars = files.filter(Files::isRegularFile)
                    .map(Path::toAbsolutePath)
                    .filter(file -> file.getFileName().toString().endsWith(".jar") && matches.matches(file))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.isEmpty()) {
            throw new DependencyException(DependencyMessages.noJarsMatch(written, lookedIn.toAbsolutePath()));
        }
        return jars;
    }

    private static boolean hasGlob(String text) {
        return text.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
    }

    /** The folder before the first part with a glob character: {@code lib/*.jar} gives {@code lib}. */
    private static Path baseOf(String pattern, Path workingFolder) {
        Path path = Path.of(pattern);
        Path base = path.isAbsolute() ? path.getRoot() : workingFolder;
        for (Path part : path) {
            if (hasGlob(part.toString())) {
                break;
            }
            base = base.resolve(part);
        }
        return base.toAbsolutePath().normalize();
    }

    /** Whether {@code file} starts as a zip (and so a jar) does. */
    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (IOException e) {
            return false;
        }
    }
}
