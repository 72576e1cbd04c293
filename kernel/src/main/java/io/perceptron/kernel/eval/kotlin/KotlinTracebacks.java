package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.CompileError;
import io.perceptron.kernel.eval.EvalMessages;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.Tracebacks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kotlin.script.experimental.api.ScriptDiagnostic;
import kotlin.script.experimental.api.SourceCode;

/**
 * What only Kotlin cells need on top of {@link Tracebacks}: the Kotlin compiler's diagnostics
 * turned into {@link CompileError}s, and advice for the REPL's own way of failing when a cell uses
 * a name defined by an earlier cell that did not finish.
 */
final class KotlinTracebacks {

    /**
     * The JDK's message when a cell uses a name from an earlier cell that failed: the REPL keeps
     * no object for a failed cell, e.g. {@code Cannot invoke "Cell_4.getI()" because
     * "this.$$earlierScripts[2]" is null}.
     */
    private static final Pattern NAME_FROM_FAILED_CELL = Pattern.compile(
            "\"(Cell_\\d+(?:_\\d+)?)\\.([\\w$]+)\\([^\"]*\\)\" because \"this\\.\\$\\$earlierScripts\\[\\d+]\" is null");

    private KotlinTracebacks() {
    }

    /**
     * The failure for a cell that did not compile: every error (warnings left out), or, if the
     * compiler failed without naming an error, whatever it did say.
     */
    static EvalResult.Failure compilationFailure(List<ScriptDiagnostic> reports, String code, int cellNumber) {
        List<ScriptDiagnostic> errors = reports.stream().filter(KotlinTracebacks::isError).toList();
        List<ScriptDiagnostic> shown = errors.isEmpty() ? reports : errors;
        if (shown.isEmpty()) {
            return new EvalResult.Failure(EvalMessages.COMPILATION_ERROR, KotlinMessages.compilerCrashed(null), List.of());
        }
        return Tracebacks.compilationFailure(shown.stream().map(KotlinTracebacks::compileError).toList(), code, cellNumber);
    }

    private static boolean isError(ScriptDiagnostic diagnostic) {
        return diagnostic.getSeverity() == ScriptDiagnostic.Severity.ERROR
                || diagnostic.getSeverity() == ScriptDiagnostic.Severity.FATAL;
    }

    /** The diagnostic in the user's terms: a class declared in a cell is {@code Point}, not {@code Cell_3.Point}. */
    private static CompileError compileError(ScriptDiagnostic diagnostic) {
        String message = CellNames.withoutCellQualifiers(diagnostic.getMessage());
        SourceCode.Location where = diagnostic.getLocation();
        if (where == null) {
            return CompileError.unplaced(message);
        }
        SourceCode.Position end = where.getEnd();
        return new CompileError(message, where.getStart().getLine(), where.getStart().getCol(),
                end == null ? 0 : end.getLine(), end == null ? 0 : end.getCol());
    }

    /**
     * The failure for an exception thrown by a cell, as {@link Tracebacks#runtimeFailure} gives it,
     * except that using a name of a cell that failed says so and what to do.
     */
    static EvalResult.Failure runtimeFailure(Throwable error, CellNames cells) {
        Optional<String> advice = nameFromFailedCell(error, cells);
        if (advice.isEmpty()) {
            return Tracebacks.runtimeFailure(error, cells);
        }
        List<String> lines = new ArrayList<>(Tracebacks.trace(error, cells));
        lines.set(0, error.getClass().getName() + ": " + advice.get());
        return new EvalResult.Failure(error.getClass().getName(), advice.get(), List.copyOf(lines));
    }

    /** Advice for a {@code NullPointerException} that comes from using a name defined by a failed cell. */
    private static Optional<String> nameFromFailedCell(Throwable error, CellNames cells) {
        if (!(error instanceof NullPointerException) || error.getMessage() == null) {
            return Optional.empty();
        }
        Matcher matcher = NAME_FROM_FAILED_CELL.matcher(error.getMessage());
        if (!matcher.find()) {
            return Optional.empty();
        }
        return cells.cellOf(matcher.group(1))
                .map(cell -> KotlinMessages.definedByFailedCell(userName(matcher.group(2)), cell.number()));
    }

    /** The Kotlin name behind a member of a snippet class: {@code getRate} is {@code rate}, {@code train} stays. */
    private static String userName(String member) {
        for (String prefix : List.of("get", "is")) {
            if (member.length() > prefix.length() && member.startsWith(prefix)
                    && Character.isUpperCase(member.charAt(prefix.length()))) {
                String rest = member.substring(prefix.length());
                return prefix.equals("is") ? member : Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
            }
        }
        return member;
    }
}
