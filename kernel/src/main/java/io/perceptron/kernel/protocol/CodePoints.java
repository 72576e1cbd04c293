package io.perceptron.kernel.protocol;

/**
 * Converts cursor positions between the protocol and Java strings. Since protocol 5.2 a cursor
 * counts Unicode code points, while Java indexes UTF-16 chars: the two differ after any character
 * outside the Basic Multilingual Plane (most emoji).
 */
final class CodePoints {
    private CodePoints() {
    }

    /** The char index of code point {@code codePoints} in {@code text}, clamped to its length. */
    static int toCharIndex(String text, int codePoints) {
        int clamped = Math.max(0, Math.min(codePoints, text.codePointCount(0, text.length())));
        return text.offsetByCodePoints(0, clamped);
    }

    /** The number of code points before char index {@code chars} of {@code text}. */
    static int fromCharIndex(String text, int chars) {
        return text.codePointCount(0, Math.max(0, Math.min(chars, text.length())));
    }
}
