package io.perceptron.kernel.deps;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A remote Maven repository to resolve from: Maven Central, or one a cell names with
 * {@code %maven --repo URL} or {@code @file:Repository("URL")}. A folder laid out as a Maven
 * repository works too, by path or {@code file:} URL.
 *
 * <pre>{@code
 * %maven --repo https://maven.example.com/releases com.example:tool:1.2
 * %maven --repo ../my-repository com.example:tool:1.2     // a folder, relative to the notebook
 * }</pre>
 *
 * @param id  the name Maven knows it by: {@code central}, or one made from the URL; settings.xml
 *            mirrors match it ({@code <mirrorOf>}), and the local repository records it
 * @param url where it is
 */
public record Repository(String id, String url) {

    /** Maven's own name for Maven Central. */
    public static final String CENTRAL_ID = "central";

    /**
     * The repository {@code written} names: an {@code http(s):} or {@code file:} URL, or the path of
     * an existing folder (relative to {@code workingFolder}).
     *
     * @throws DependencyException if it is neither
     */
    public static Repository named(String written, Path workingFolder) {
        String text = written.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("file:")) {
            try {
                URI uri = new URI(text);
                if (uri.getScheme().equalsIgnoreCase("file") ? uri.getPath() == null : uri.getHost() == null) {
                    throw new DependencyException(DependencyMessages.notARepository(written));
                }
            } catch (URISyntaxException e) {
                throw new DependencyException(DependencyMessages.notARepository(written), e);
            }
            return new Repository(idOf(text), text);
        }
        Path folder = workingFolder.resolve(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text)
                .toAbsolutePath().normalize();
        if (!text.isEmpty() && Files.isDirectory(folder)) {
            String url = folder.toUri().toString();
            return new Repository(idOf(url), url);
        }
        throw new DependencyException(DependencyMessages.notARepository(written));
    }

    /** A readable, stable id from a URL: {@code https://maven.example.com/releases} gives {@code maven.example.com-releases}. */
    static String idOf(String url) {
        String withoutScheme = url.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*:/*", "");
        String id = withoutScheme.replaceAll("[^A-Za-z0-9_.]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "repository" : id;
    }

    /** Whether {@code id} was made from {@code url} (a repository a cell named), not chosen by a person. */
    static boolean isMadeFromUrl(String id, String url) {
        return id.equals(idOf(url));
    }

    /** For messages: the URL of a repository a cell named; {@code id (url)} of central or a mirror. */
    static String describe(String id, String url) {
        return isMadeFromUrl(id, url) ? url : id + " (" + url + ")";
    }

    @Override
    public String toString() {
        return describe(id, url);
    }
}
