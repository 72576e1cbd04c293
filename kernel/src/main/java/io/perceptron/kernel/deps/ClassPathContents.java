package io.perceptron.kernel.deps;

import io.perceptron.kernel.eval.CellClassPath;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the cell class path already holds, asked before a jar joins it. A jar is added unless the
 * same library is there already (provided by the kernel, or added by an earlier cell), in another
 * version or the same, or every class in it is there already; then it is left out and the cell is
 * told, so nothing is loaded twice and no version is shadowed without a word:
 * <pre>{@code
 * %maven ai.djl:api:0.30.0
 * // ai.djl:api 0.30.0 requested; the kernel provides 0.35.1, which cells keep using.
 * }</pre>
 * A jar that shares only some classes with the class path is added with a note: the copies that
 * were there first win.
 */
final class ClassPathContents {

    /**
     * Whether to add a jar, and what to tell the cell about it.
     *
     * @param add  whether the jar joins the class path
     * @param note a line for the cell's output, or empty
     */
    record Verdict(boolean add, Optional<String> note) {
        static Verdict added() {
            return new Verdict(true, Optional.empty());
        }
    }

    private final CellClassPath classPath;
    /** The identity of every jar on the class path; the provided ones are read on first use. */
    private final Map<Path, JarIdentity> identities = new LinkedHashMap<>();
    private boolean providedRead;

    ClassPathContents(CellClassPath classPath) {
        this.classPath = classPath;
    }

    /**
     * What to do with {@code jar}.
     *
     * @param requested the artifact it was resolved as, or null for a local jar (read from the jar itself)
     * @param direct    whether the cell asked for it by name (else it came as a dependency): only then is
     *                  "already there, same version" worth a line
     */
    Verdict check(Coordinate requested, Path jar, boolean direct) {
        JarIdentity own = requested != null ? JarIdentity.of(requested) : JarIdentity.read(jar);
        String what = requested != null ? requested.toString() : jar.getFileName().toString();
        if (classPath.files().contains(jar.toAbsolutePath().normalize().toFile())) {
            return new Verdict(false, direct ? Optional.of(DependencyMessages.alreadyOnClassPath(what)) : Optional.empty());
        }
        for (Map.Entry<Path, JarIdentity> present : identities().entrySet()) {
            // Same group and artifact, or the very file name Maven gives it (a jar with no classes
            // to compare, such as a native library, is still recognised).
            if (present.getValue().sameLibraryAs(own) || present.getKey().getFileName().equals(jar.getFileName())) {
                return sameLibrary(own, present.getKey(), present.getValue(), direct);
            }
        }
        Overlap overlap = overlap(jar);
        for (Path holder : overlap.holders.keySet()) {
            JarIdentity present = identities().get(holder);
            if (present != null && present.artifactId().equals(own.artifactId())) {
                return sameLibrary(own, holder, present, direct);
            }
        }
        int shared = overlap.holders.values().stream().mapToInt(Integer::intValue).sum();
        if (overlap.classes > 0 && shared == overlap.classes) {
            return new Verdict(false, Optional.of(DependencyMessages.everyClassPresent(what, overlap.holderNames())));
        }
        if (shared > 0) {
            return new Verdict(true, Optional.of(DependencyMessages.sharesClasses(what, shared, overlap.classes,
                    overlap.holderNames())));
        }
        return Verdict.added();
    }

    /** Remembers what {@code jar}, just added, is. */
    void recordAdded(Path jar, Coordinate coordinate) {
        identities();
        identities.put(jar.toAbsolutePath().normalize(), coordinate != null ? JarIdentity.of(coordinate) : JarIdentity.read(jar));
    }

    private Verdict sameLibrary(JarIdentity wanted, Path holder, JarIdentity present, boolean direct) {
        boolean provided = classPath.provided().contains(holder);
        String key = present.groupId() != null ? present.key() : wanted.key();
        if (present.version().equals(wanted.version())) {
            String note = provided ? DependencyMessages.alreadyProvided(key, wanted.version())
                    : DependencyMessages.alreadyAdded(key, wanted.version());
            return new Verdict(false, direct ? Optional.of(note) : Optional.empty());
        }
        return new Verdict(false, Optional.of(provided
                ? DependencyMessages.conflictsWithProvided(key, wanted.version(), present.version())
                : DependencyMessages.conflictsWithAdded(key, wanted.version(), present.version())));
    }

    private synchronized Map<Path, JarIdentity> identities() {
        if (!providedRead) {
            providedRead = true;
            Map<Path, JarIdentity> provided = new LinkedHashMap<>();
            for (Path entry : classPath.provided()) {
                if (entry.getFileName().toString().endsWith(".jar")) {
                    provided.put(entry, JarIdentity.read(entry));
                }
            }
            // Provided first: a same-library match should name what the kernel provides.
            provided.putAll(identities);
            identities.clear();
            identities.putAll(provided);
        }
        return identities;
    }

    /**
     * The classes of a jar that the class path has already, by the entry that holds them.
     *
     * @param classes how many classes the jar has
     * @param holders how many of them each class path entry holds
     */
    private record Overlap(int classes, Map<Path, Integer> holders) {
        String holderNames() {
            return String.join(", ", holders.keySet().stream().map(path -> path.getFileName().toString()).toList());
        }
    }

    private Overlap overlap(Path jar) {
        Path self = jar.toAbsolutePath().normalize();
        int classes = 0;
        Map<Path, Integer> holders = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!isOwnClass(name) || !seen.add(name)) {
                    continue;
                }
                classes++;
                URL found = classPath.loader().findResource(name);
                Path holder = found == null ? null : holderOf(found, name);
                if (holder != null && !holder.equals(self)) {
                    holders.merge(holder, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            // Not a readable jar: nothing to compare; adding it lets the class loader say what is wrong.
        }
        return new Overlap(classes, holders);
    }

    /** A class of the jar's own, not metadata: versioned copies, module and package descriptors are left out. */
    private static boolean isOwnClass(String name) {
        return name.endsWith(".class") && !name.startsWith("META-INF/")
                && !name.endsWith("module-info.class") && !name.endsWith("package-info.class");
    }

    /** The class path entry a resource URL points into: the jar of {@code jar:file:/x.jar!/a/B.class}, or the folder. */
    private static Path holderOf(URL found, String entryName) {
        try {
            if ("jar".equals(found.getProtocol())) {
                String spec = found.getPath();
                return Path.of(new URI(spec.substring(0, spec.indexOf("!/")))).toAbsolutePath().normalize();
            }
            if ("file".equals(found.getProtocol())) {
                String spec = found.toURI().toString();
                return Path.of(new URI(spec.substring(0, spec.length() - entryName.length()))).toAbsolutePath().normalize();
            }
        } catch (URISyntaxException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // An entry we cannot map back to a file: count it as nobody's.
        }
        return null;
    }
}
