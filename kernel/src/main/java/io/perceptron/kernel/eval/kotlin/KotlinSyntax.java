package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.Completeness;
import java.util.ArrayDeque;
import java.util.Deque;
import kotlin.script.experimental.api.SourceCode;

/**
 * Lexical questions about cell code that need no compiler: is it complete, where is the name at
 * the cursor, which line and column is an offset. Fast enough to run on every keystroke.
 */
final class KotlinSyntax {

    /** What the scanner is inside of; brackets are kept as their opening character. */
    private enum Context { PAREN, BRACKET, BRACE, TEMPLATE, STRING, RAW_STRING }

    private KotlinSyntax() {
    }

    /**
     * Whether {@code code} can run as is. Open brackets, strings, string templates and block
     * comments, and a dangling operator at the end ({@code val x =}), make it
     * {@link Completeness#INCOMPLETE}; a closer with no matching opener, or a line break inside a
     * one-line string, make it {@link Completeness#INVALID}.
     */
    static Completeness completeness(String code) {
        Deque<Context> open = new ArrayDeque<>();
        int i = 0;
        int n = code.length();
        while (i < n) {
            Context top = open.peek();
            char c = code.charAt(i);
            if (top == Context.STRING || top == Context.RAW_STRING) {
                boolean raw = top == Context.RAW_STRING;
                if (!raw && c == '\\') {
                    i += 2;
                } else if (!raw && (c == '\n' || c == '\r')) {
                    return Completeness.INVALID;
                } else if (c == '$' && i + 1 < n && code.charAt(i + 1) == '{') {
                    open.push(Context.TEMPLATE);
                    i += 2;
                } else if (c == '"' && (!raw || code.startsWith("\"\"\"", i))) {
                    open.pop();
                    i += raw ? runOfQuotes(code, i) : 1;
                } else {
                    i++;
                }
                continue;
            }
            if (code.startsWith("//", i)) {
                i = endOfLine(code, i);
            } else if (code.startsWith("/*", i)) {
                i = endOfBlockComment(code, i);
                if (i < 0) {
                    return Completeness.INCOMPLETE;
                }
            } else if (code.startsWith("\"\"\"", i)) {
                open.push(Context.RAW_STRING);
                i += 3;
            } else if (c == '"') {
                open.push(Context.STRING);
                i++;
            } else if (c == '\'' || c == '`') {
                i = endOfQuotedOnOneLine(code, i, c);
                if (i < 0) {
                    return Completeness.INVALID;
                }
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(c == '(' ? Context.PAREN : c == '[' ? Context.BRACKET : Context.BRACE);
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (top == null || !closes(c, top)) {
                    return Completeness.INVALID;
                }
                open.pop();
                i++;
            } else {
                i++;
            }
        }
        if (!open.isEmpty() || endsWithDanglingOperator(code)) {
            return Completeness.INCOMPLETE;
        }
        return Completeness.COMPLETE;
    }

    private static boolean closes(char closer, Context top) {
        return switch (closer) {
            case ')' -> top == Context.PAREN;
            case ']' -> top == Context.BRACKET;
            default -> top == Context.BRACE || top == Context.TEMPLATE;
        };
    }

    /** Length of the closing quote run of a raw string: {@code """"} closes after a literal quote. */
    private static int runOfQuotes(String code, int i) {
        int j = i;
        while (j < code.length() && code.charAt(j) == '"') {
            j++;
        }
        return j - i;
    }

    private static int endOfLine(String code, int i) {
        int newline = code.indexOf('\n', i);
        return newline < 0 ? code.length() : newline + 1;
    }

    /** Offset after the comment opened at {@code i} (Kotlin block comments nest), or -1 if it never closes. */
    private static int endOfBlockComment(String code, int i) {
        int depth = 0;
        int j = i;
        while (j < code.length()) {
            if (code.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (code.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return -1;
    }

    /** Offset after a char literal or backquoted name opened at {@code i}, or -1 if the line ends first. */
    private static int endOfQuotedOnOneLine(String code, int i, char quote) {
        int j = i + 1;
        while (j < code.length()) {
            char c = code.charAt(j);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == '\\' && quote == '\'') {
                j += 2;
                continue;
            }
            if (c == quote) {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /**
     * Whether the code ends with an operator that needs a right-hand side. Only operators that can
     * never end a statement count: {@code x++} and {@code import a.*} are complete.
     */
    private static boolean endsWithDanglingOperator(String code) {
        String trimmed = withoutTrailingLineComment(code).stripTrailing();
        if (trimmed.isEmpty()) {
            return false;
        }
        for (String operator : new String[] {"&&", "||", "->", "?:", "?.", "++", "--"}) {
            if (trimmed.endsWith(operator)) {
                return !operator.equals("++") && !operator.equals("--");
            }
        }
        char last = trimmed.charAt(trimmed.length() - 1);
        return last == '=' || last == '.' || last == ',' || last == '+' || last == '-'
                || (last == '/' && !trimmed.endsWith("*/")) || last == '%';
    }

    /** Drops a {@code //} comment on the last line, so {@code x = 1 // note.} is not mistaken for a dangling dot. */
    private static String withoutTrailingLineComment(String code) {
        String trimmed = code.stripTrailing();
        int lineStart = trimmed.lastIndexOf('\n') + 1;
        String lastLine = trimmed.substring(lineStart);
        int comment = lastLine.indexOf("//");
        if (comment < 0 || lastLine.lastIndexOf('"', comment) >= 0) {
            return trimmed;
        }
        return trimmed.substring(0, lineStart + comment);
    }

    /** Offset where the identifier that touches {@code cursor} from the left starts ({@code cursor} if none). */
    static int identifierStart(String code, int cursor) {
        int i = cursor;
        while (i > 0 && Character.isJavaIdentifierPart(code.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** Offset where the identifier that touches {@code cursor} from the right ends ({@code cursor} if none). */
    static int identifierEnd(String code, int cursor) {
        int i = cursor;
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Whether the identifier starting at {@code start} is a member access ({@code a.b}, {@code a?.b}). */
    static boolean followsDot(String code, int start) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(code.charAt(i))) {
            i--;
        }
        return i >= 0 && code.charAt(i) == '.';
    }

    /** The compiler's 1-based line and column of a char offset. */
    static SourceCode.Position position(String code, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (code.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourceCode.Position(line, offset - lineStart + 1, offset);
    }

    /** Clamps a cursor offset from the front end into {@code [0, code.length()]}. */
    static int clamp(String code, int cursor) {
        return Math.max(0, Math.min(cursor, code.length()));
    }
}
