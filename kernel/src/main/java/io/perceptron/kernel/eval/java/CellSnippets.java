package io.perceptron.kernel.eval.java;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * A Java cell cut into the pieces JShell takes one at a time: a statement, a declaration, an
 * import, or an expression (a last expression without a semicolon is the cell's value).
 *
 * <pre>{@code
 * var x = 2;        // piece 1, from line 1
 * int twice(int v) {
 *     return 2 * v;
 * }                 // piece 2, from line 1 (its text starts after piece 1's semicolon)
 * twice(x)          // piece 3, from line 4
 * }</pre>
 */
final class CellSnippets {

    /**
     * One piece of a cell.
     *
     * @param source    what JShell gets: the cell's text from {@code offset} on, with a semicolon added where needed
     * @param offset    where the piece starts in the cell (a char offset); JShell's positions add to it
     * @param firstLine the cell line (1-based) of the piece's first line
     * @param kind      JShell's verdict: complete ({@code COMPLETE}, or {@code COMPLETE_WITH_SEMI} when it
     *                  added the semicolon), or, for a last piece, unfinished or malformed ({@code UNKNOWN}),
     *                  which JShell will reject, saying why
     */
    record Piece(String source, int offset, int firstLine, Completeness kind) {

        /** Whether JShell can take the piece as it is: neither unfinished nor malformed. */
        boolean complete() {
            return kind == Completeness.COMPLETE || kind == Completeness.COMPLETE_WITH_SEMI;
        }

        /** Whether the piece is a statement ended by the user's own semicolon, not an expression left open. */
        boolean endsWithSemicolon() {
            return kind == Completeness.COMPLETE && source.stripTrailing().endsWith(";");
        }
    }

    private CellSnippets() {
    }

    /** The cell's pieces, in order; none for a cell of only blanks and comments. */
    static List<Piece> split(String code, SourceCodeAnalysis analysis) {
        List<Piece> pieces = new ArrayList<>();
        int offset = 0;
        while (offset < code.length()) {
            String rest = code.substring(offset);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            // JShell counts a snippet's lines from its first non-blank character.
            int blanks = leadingBlanks(rest);
            int start = offset + blanks;
            int line = lineOf(code, start);
            if (info.source() == null || completeness == Completeness.DEFINITELY_INCOMPLETE
                    || completeness == Completeness.CONSIDERED_INCOMPLETE || completeness == Completeness.UNKNOWN) {
                pieces.add(new Piece(rest.substring(blanks), start, line, completeness));
                break;
            }
            String source = info.source();
            pieces.add(new Piece(source.substring(Math.min(leadingBlanks(source), source.length())), start, line, completeness));
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                break;
            }
            offset += consumed;
        }
        return pieces;
    }

    private static int leadingBlanks(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1-based line of char {@code offset} in {@code code}. */
    static int lineOf(String code, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column of char {@code offset} in {@code code}. */
    static int columnOf(String code, int offset) {
        int lineStart = code.lastIndexOf('\n', Math.min(offset, code.length()) - 1) + 1;
        return offset - lineStart + 1;
    }
}
