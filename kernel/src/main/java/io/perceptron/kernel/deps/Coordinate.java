package io.perceptron.kernel.deps;

import java.util.regex.Pattern;

/**
 * A Maven coordinate as a cell writes it: {@code group:artifact:version}, or with an extension and
 * a classifier, {@code group:artifact:extension:classifier:version}, the form Maven Resolver reads.
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-csv:1.10.0
 * %maven ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1
 * %maven org.apache.commons:commons-csv       // error: it has no version
 * }</pre>
 *
 * @param groupId    such as {@code org.apache.commons}
 * @param artifactId such as {@code commons-csv}
 * @param extension  {@code jar} unless written
 * @param classifier empty unless written
 * @param version    a version or a version range ({@code [1.0,2.0)})
 */
public record Coordinate(String groupId, String artifactId, String extension, String classifier, String version) {

    /** What a group, artifact, extension or classifier may hold (Maven's own rule for ids). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

    /**
     * Reads {@code text}; surrounding quotes are ignored, so a coordinate copied from a build file works.
     *
     * @throws DependencyException naming the text, what is wrong with it and the form to use
     */
    public static Coordinate parse(String text) {
        String written = unquoted(text.strip());
        if (written.isEmpty()) {
            throw new DependencyException(DependencyMessages.malformedCoordinate(text, "it is empty"));
        }
        if (written.chars().anyMatch(Character::isWhitespace)) {
            throw new DependencyException(DependencyMessages.malformedCoordinate(written, "it contains a space"));
        }
        String[] parts = written.split(":", -1);
        return switch (parts.length) {
            case 3 -> checked(written, parts[0], parts[1], "jar", "", parts[2]);
            case 4 -> checked(written, parts[0], parts[1], parts[2], "", parts[3]);
            case 5 -> checked(written, parts[0], parts[1], parts[2], parts[3], parts[4]);
            case 1 -> throw new DependencyException(DependencyMessages.malformedCoordinate(written,
                    "it has no ':' between group, artifact and version"));
            case 2 -> throw new DependencyException(DependencyMessages.malformedCoordinate(written, "it has no version"));
            default -> throw new DependencyException(DependencyMessages.malformedCoordinate(written,
                    "it has " + parts.length + " parts separated by ':', at most 5 are allowed"));
        };
    }

    private static Coordinate checked(String written, String group, String artifact, String extension,
                                      String classifier, String version) {
        checkId(written, "group", group);
        checkId(written, "artifact", artifact);
        checkId(written, "extension", extension);
        if (!classifier.isEmpty()) {
            checkId(written, "classifier", classifier);
        }
        if (version.isEmpty()) {
            throw new DependencyException(DependencyMessages.malformedCoordinate(written, "its version is empty"));
        }
        return new Coordinate(group, artifact, extension, classifier, version);
    }

    private static void checkId(String written, String part, String value) {
        if (value.isEmpty()) {
            throw new DependencyException(DependencyMessages.malformedCoordinate(written, "its " + part + " is empty"));
        }
        if (!ID.matcher(value).matches()) {
            throw new DependencyException(DependencyMessages.malformedCoordinate(written,
                    "its " + part + " '" + value + "' may only hold letters, digits, '.', '-' and '_'"));
        }
    }

    private static String unquoted(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"") || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    /** {@code group:artifact}, the same library whatever its version. */
    public String key() {
        return groupId + ":" + artifactId;
    }

    /** As written: {@code group:artifact:version}, with extension and classifier where they are not the default. */
    @Override
    public String toString() {
        if (!classifier.isEmpty()) {
            return String.join(":", groupId, artifactId, extension, classifier, version);
        }
        if (!extension.equals("jar")) {
            return String.join(":", groupId, artifactId, extension, version);
        }
        return String.join(":", groupId, artifactId, version);
    }
}
