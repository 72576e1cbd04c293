package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.Completeness;
import io.perceptron.kernel.eval.Completions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * Completion, inspection and the is-complete check of Java cells, from JShell's source analysis,
 * which knows the session's declarations and the cell class path. None of it runs user code.
 *
 * <p>JShell analyses one snippet at a time, so each question is asked of the piece of the cell
 * the cursor is in ({@link CellSnippets}). Answers wait for JShell at most
 * {@value #WAIT_MILLIS} ms: while a cell compiles, completion gives nothing rather than hang.
 */
final class JavaAnalysis {

    /** Longest a question waits for JShell while a cell compiles. */
    private static final long WAIT_MILLIS = 2000;

    private final JShell shell;
    private final ReentrantLock shellLock;

    JavaAnalysis(JShell shell, ReentrantLock shellLock) {
        this.shell = shell;
        this.shellLock = shellLock;
    }

    /** JShell's analysis; call it holding the shell lock. */
    SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    /** Candidates at {@code cursor}: members after a dot, names in scope, types, packages. */
    Completions complete(String code, int cursor) {
        return withShell(() -> {
            CellSnippets.Piece piece = pieceAt(code, cursor);
            int local = cursor - piece.offset();
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> suggestions =
                    analysis().completionSuggestions(piece.source(), local, anchor);
            Set<String> matches = new LinkedHashSet<>();
            // Suggestions that fit the expected type first, as JShell ranks them.
            suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                    .forEach(s -> matches.add(s.continuation()));
            suggestions.forEach(s -> matches.add(s.continuation()));
            List<String> ordered = new ArrayList<>(matches);
            List<String> kinds = ordered.stream().map(m -> m.endsWith("(") || m.endsWith("()") ? "method" : "").toList();
            return new Completions(ordered, kinds, piece.offset() + anchor[0], cursor);
        }, Completions.none(cursor));
    }

    /**
     * A variable's type and value if the name at the cursor is one, else the signatures of what it
     * can mean: every overload of a method, a type's full name.
     */
    Optional<String> inspect(String code, int cursor) {
        return withShell(() -> {
            int at = Math.max(0, Math.min(cursor, code.length()));
            int nameEnd = identifierEnd(code, at);
            String name = identifierAt(code, nameEnd);
            Optional<String> variable = shell.variables()
                    .filter(v -> v.name().equals(name) && shell.status(v).isActive())
                    .reduce((a, b) -> b).map(this::describeVariable);
            if (variable.isPresent()) {
                return variable;
            }
            // JShell names a method's overloads once it sees the opening parenthesis of a call.
            int callEnd = nameEnd < code.length() && code.charAt(nameEnd) == '(' ? nameEnd + 1 : at;
            String source = pieceAt(code, callEnd).source();
            List<String> signatures = signatures(source);
            if (signatures.isEmpty() && callEnd == at && !source.isEmpty()) {
                // A bare method name (Math.max) is described as the call it starts.
                signatures = signatures(source + "(");
            }
            return signatures.isEmpty() ? Optional.<String>empty() : Optional.of(String.join("\n", signatures));
        }, Optional.empty());
    }

    private List<String> signatures(String source) {
        return analysis().documentation(source, source.length(), false).stream()
                .map(SourceCodeAnalysis.Documentation::signature).distinct().toList();
    }

    /** {@code int batchSize = 32}; without the value for an object of a class a cell declared. */
    private String describeVariable(VarSnippet variable) {
        String value = shell.varValue(variable);
        return variable.typeName() + " " + variable.name() + (value.isEmpty() ? "" : " = " + value);
    }

    /** Whether the cell can run as is: an unfinished last piece is incomplete, a malformed one invalid. */
    Completeness completeness(String code) {
        return withShell(() -> {
            List<CellSnippets.Piece> pieces = CellSnippets.split(code, analysis());
            if (pieces.isEmpty() || pieces.get(pieces.size() - 1).complete()) {
                return Completeness.COMPLETE;
            }
            return pieces.get(pieces.size() - 1).kind() == SourceCodeAnalysis.Completeness.UNKNOWN
                    ? Completeness.INVALID : Completeness.INCOMPLETE;
        }, Completeness.UNKNOWN);
    }

    /**
     * The piece the cursor is in, from its start up to the end of the name under the cursor: the
     * pieces before it are whole statements, so it starts where the last of them ends.
     */
    private CellSnippets.Piece pieceAt(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        List<CellSnippets.Piece> pieces = CellSnippets.split(code.substring(0, at), analysis());
        int start = pieces.isEmpty() ? 0 : pieces.get(pieces.size() - 1).offset();
        String source = code.substring(start, Math.max(start, identifierEnd(code, at)));
        return new CellSnippets.Piece(source, start, CellSnippets.lineOf(code, start), SourceCodeAnalysis.Completeness.UNKNOWN);
    }

    private static int identifierEnd(String text, int at) {
        int end = Math.max(0, Math.min(at, text.length()));
        while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String identifierAt(String text, int end) {
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    private <T> T withShell(Supplier<T> question, T whenBusy) {
        try {
            if (!shellLock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return whenBusy;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return whenBusy;
        }
        try {
            return question.get();
        } catch (RuntimeException e) {
            // JShell's analysis can fail on odd input; a question about code never breaks the session.
            return whenBusy;
        } finally {
            shellLock.unlock();
        }
    }
}
