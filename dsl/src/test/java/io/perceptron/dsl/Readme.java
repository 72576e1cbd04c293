package io.perceptron.dsl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads dsl/README.md for the tests that check its examples and quoted output against the code. */
public final class Readme {
    private static final Path FILE = Path.of("README.md");

    private Readme() {
    }

    /** The whole README. */
    public static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level section {@code ## title}, from its heading up to the next top-level heading. */
    public static String section(String title) {
        String text = "\n" + text();
        String heading = "\n## " + title + "\n";
        int start = text.indexOf(heading);
        if (start < 0) {
            throw new AssertionError("dsl/README.md has no section '## " + title + "'");
        }
        int end = text.indexOf("\n## ", start + heading.length() - 1);
        return end < 0 ? text.substring(start + 1) : text.substring(start + 1, end);
    }
}
