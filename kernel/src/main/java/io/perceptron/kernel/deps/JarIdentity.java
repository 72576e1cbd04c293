package io.perceptron.kernel.deps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which library a jar is: exact for a resolved artifact or a jar that carries Maven's
 * {@code META-INF/maven/.../pom.properties}, otherwise a guess from its file name
 * ({@code api-0.35.1.jar}: artifact {@code api}, version {@code 0.35.1}, group unknown). DJL's and
 * Kotlin's jars carry no pom.properties, so the guess is confirmed by shared classes before a jar
 * counts as the same library (see {@link ClassPathContents}).
 *
 * @param groupId    the group, or null when only the file name was there to read
 * @param artifactId the artifact
 * @param version    the version, possibly with a classifier when read from a file name
 */
record JarIdentity(String groupId, String artifactId, String version) {

    static JarIdentity of(Coordinate coordinate) {
        return new JarIdentity(coordinate.groupId(), coordinate.artifactId(), coordinate.version());
    }

    /** Reads {@code jar}'s pom.properties, or its file name when it has none that fits. */
    static JarIdentity read(Path jar) {
        String fileName = jar.getFileName().toString();
        List<JarIdentity> declared = declared(jar);
        for (JarIdentity identity : declared) {
            if (fileName.startsWith(identity.artifactId() + "-" + identity.version())) {
                return identity;
            }
        }
        if (declared.size() == 1) {
            return declared.get(0);
        }
        return fromFileName(fileName);
    }

    /** {@code kotlin-stdlib-2.3.10.jar}: artifact up to the first {@code -} before a digit, version after it. */
    static JarIdentity fromFileName(String fileName) {
        String stem = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        for (int i = 0; i + 1 < stem.length(); i++) {
            if (stem.charAt(i) == '-' && Character.isDigit(stem.charAt(i + 1))) {
                return new JarIdentity(null, stem.substring(0, i), stem.substring(i + 1));
            }
        }
        return new JarIdentity(null, stem, "");
    }

    private static List<JarIdentity> declared(Path jar) {
        List<JarIdentity> found = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = zip.getInputStream(entry)) {
                        properties.load(in);
                    }
                    String group = properties.getProperty("groupId");
                    String artifact = properties.getProperty("artifactId");
                    String version = properties.getProperty("version");
                    if (group != null && artifact != null && version != null) {
                        found.add(new JarIdentity(group.strip(), artifact.strip(), version.strip()));
                    }
                }
            }
        } catch (IOException e) {
            // Not a readable jar: its name is all there is to go by.
        }
        return found;
    }

    /** Whether {@code other} is the same library, by group and artifact (only where both groups are known). */
    boolean sameLibraryAs(JarIdentity other) {
        return groupId != null && groupId.equals(other.groupId) && artifactId.equals(other.artifactId);
    }

    /** {@code group:artifact}, or just the artifact when the group is unknown. */
    String key() {
        return groupId == null ? artifactId : groupId + ":" + artifactId;
    }
}
