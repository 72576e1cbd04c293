package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.CompileError;
import io.perceptron.kernel.eval.EvalMessages;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.Tracebacks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * What only Java cells need on top of {@link Tracebacks}: JShell's diagnostics placed in the
 * cell's own lines and columns, and exceptions given JShell's snippet lines in place of the
 * lines of the classes it wraps snippets in.
 */
final class JavaTracebacks {

    /** {@link EvalResult.Failure#name()} of a cell that calls a method whose body uses a name not declared yet. */
    static final String UNRESOLVED = "UnresolvedReference";

    private JavaTracebacks() {
    }

    /** The failure for a piece JShell rejected: each error at its line and column in the cell. */
    static EvalResult.Failure compilationFailure(JShell shell, Snippet snippet, CellSnippets.Piece piece,
                                                 String code, int cellNumber) {
        List<CompileError> errors = shell.diagnostics(snippet).filter(Diag::isError)
                .map(diag -> compileError(diag, piece, code)).toList();
        if (errors.isEmpty()) {
            errors = List.of(CompileError.unplaced(JavaMessages.rejectedWithoutReason()));
        }
        return Tracebacks.compilationFailure(errors, code, cellNumber);
    }

    private static CompileError compileError(Diag diag, CellSnippets.Piece piece, String code) {
        String message = diag.getMessage(Locale.ROOT);
        if (diag.getStartPosition() < 0) {
            return CompileError.unplaced(message);
        }
        // A semicolon JShell added after the cell's last character is no place in the cell.
        int start = (int) Math.min(piece.offset() + diag.getStartPosition(), Math.max(0, code.length() - 1));
        int end = (int) Math.min(piece.offset() + Math.max(diag.getEndPosition(), diag.getStartPosition() + 1), code.length());
        return new CompileError(message, CellSnippets.lineOf(code, start), CellSnippets.columnOf(code, start),
                CellSnippets.lineOf(code, end), CellSnippets.columnOf(code, end));
    }

    /**
     * Gives {@code thrown} and its causes the stacks JShell reported for them: frames of snippet
     * code as file {@code #id} and snippet line ({@link JavaCells} names them), and nothing below
     * the snippet's own frame (JShell's engine, the kernel).
     */
    static void useSnippetLines(Throwable thrown, EvalException reported) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable real = thrown;
        JShellException mirror = reported;
        while (real != null && mirror != null && seen.add(real)) {
            real.setStackTrace(mirror.getStackTrace());
            real = real.getCause();
            mirror = mirror.getCause() instanceof JShellException next ? next : null;
        }
    }

    /** The failure for calling a method, or using a class, whose body needs a name no cell declared yet. */
    static EvalResult.Failure unresolved(JShell shell, UnresolvedReferenceException error, JavaCells cells) {
        Snippet snippet = error.getSnippet();
        List<String> missing = snippet instanceof DeclarationSnippet declaration
                ? shell.unresolvedDependencies(declaration).toList() : List.of();
        String message = JavaMessages.unresolved(snippetName(snippet), missing);
        List<String> lines = new ArrayList<>();
        lines.add(UNRESOLVED + ": " + message);
        for (StackTraceElement frame : error.getStackTrace()) {
            cells.describe(frame).ifPresent(where -> lines.add("    at " + where));
        }
        return new EvalResult.Failure(UNRESOLVED, message, List.copyOf(lines));
    }

    private static String snippetName(Snippet snippet) {
        return snippet instanceof DeclarationSnippet declaration ? declaration.name() : snippet.source();
    }

    /** The failure when JShell itself reported a problem the cell's code did not throw. */
    static EvalResult.Failure shellFailure(Object problem) {
        return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, JavaMessages.shellFailed(problem), List.of());
    }
}
