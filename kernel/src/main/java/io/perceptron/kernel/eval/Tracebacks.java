package io.perceptron.kernel.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kotlin.script.experimental.api.ScriptDiagnostic;
import kotlin.script.experimental.api.SourceCode;

/**
 * Turns compile diagnostics and runtime exceptions into the lines a notebook shows: cell lines
 * and columns, the offending source line with a caret under it, and stack traces cut down to the
 * user's code and the libraries it called.
 */
final class Tracebacks {

    /** Frames of the machinery that runs a cell; never interesting to a notebook user. */
    private static final List<String> HIDDEN_PACKAGES = List.of(
            "jdk.internal.", "sun.reflect.", "java.lang.reflect.", "java.lang.invoke.",
            "kotlin.script.experimental.", "org.jetbrains.kotlin.", "kotlin.coroutines.jvm.internal.",
            "io.perceptron.kernel.");

    /** Enough causes to explain any real failure, few enough to stop a cause cycle. */
    private static final int MAX_CAUSES = 10;
    /** The DSL's exception family, whose messages are written as advice to the user. */
    private static final String ADVICE_EXCEPTION = "io.perceptron.dsl.PerceptronException";
    /**
     * What DJL throws when its engine (PyTorch, through JNI) refuses an operation: a reshape to the
     * wrong size, shapes that do not multiply, an index out of range. Its message is PyTorch's own.
     */
    private static final String ENGINE_EXCEPTION = "ai.djl.engine.EngineException";
    /**
     * The JNI class whose native methods run PyTorch's operations. An engine exception thrown from
     * one of them is a refused operation; one thrown elsewhere (the engine failing to load) is not.
     */
    private static final String NATIVE_OPERATIONS = "ai.djl.pytorch.jni.PyTorchLibrary";
    /** DJL's frames: its API, the PyTorch engine and the JNI bridge under it. */
    private static final String DJL_PACKAGE = "ai.djl.";

    private static final String INDENT = "    ";

    /**
     * The JDK's message when a cell uses a name from an earlier cell that failed: the REPL keeps
     * no object for a failed cell, e.g. {@code Cannot invoke "Cell_4.getI()" because
     * "this.$$earlierScripts[2]" is null}.
     */
    private static final Pattern NAME_FROM_FAILED_CELL = Pattern.compile(
            "\"(Cell_\\d+(?:_\\d+)?)\\.([\\w$]+)\\([^\"]*\\)\" because \"this\\.\\$\\$earlierScripts\\[\\d+]\" is null");

    private Tracebacks() {
    }

    // ---------------------------------------------------------------- compile errors

    /** The failure for a cell that did not compile: every error (warnings left out), each pointing into the cell. */
    static EvalResult.Failure compilationFailure(List<ScriptDiagnostic> reports, String code, int cellNumber) {
        List<ScriptDiagnostic> errors = reports.stream().filter(Tracebacks::isError).toList();
        List<String> lines = new ArrayList<>();
        List<String> sourceLines = code.lines().toList();
        for (ScriptDiagnostic error : errors) {
            String location = location(error, cellNumber);
            lines.add(EvalMessages.compileErrorHeader(location, CellNames.withoutCellQualifiers(error.getMessage())));
            SourceCode.Location where = error.getLocation();
            if (where != null && where.getStart().getLine() >= 1 && where.getStart().getLine() <= sourceLines.size()) {
                String sourceLine = sourceLines.get(where.getStart().getLine() - 1);
                lines.add(INDENT + sourceLine);
                lines.add(INDENT + caret(sourceLine, where));
            }
        }
        if (errors.isEmpty()) {
            // A failure without an error diagnostic: show whatever the compiler said rather than nothing.
            reports.forEach(r -> lines.add(EvalMessages.compileErrorHeader("", r.getMessage())));
        }
        ScriptDiagnostic first = errors.isEmpty() ? (reports.isEmpty() ? null : reports.get(0)) : errors.get(0);
        String message = first == null
                ? EvalMessages.compilerCrashed(null)
                : EvalMessages.compilationFailed(CellNames.withoutCellQualifiers(first.getMessage()),
                        location(first, cellNumber), Math.max(1, errors.size()));
        return new EvalResult.Failure(EvalMessages.COMPILATION_ERROR, message, List.copyOf(lines));
    }

    private static boolean isError(ScriptDiagnostic diagnostic) {
        return diagnostic.getSeverity() == ScriptDiagnostic.Severity.ERROR
                || diagnostic.getSeverity() == ScriptDiagnostic.Severity.FATAL;
    }

    private static String location(ScriptDiagnostic diagnostic, int cellNumber) {
        SourceCode.Location where = diagnostic.getLocation();
        if (where == null) {
            return "";
        }
        return "cell " + cellNumber + ", line " + where.getStart().getLine() + ", column " + where.getStart().getCol();
    }

    /** Spaces up to the error's column, then a caret under each char of the error on that line (at least one). */
    private static String caret(String sourceLine, SourceCode.Location where) {
        int startCol = Math.max(1, where.getStart().getCol());
        int width = 1;
        SourceCode.Position end = where.getEnd();
        if (end != null && end.getLine() == where.getStart().getLine() && end.getCol() > startCol) {
            width = end.getCol() - startCol;
        }
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < startCol - 1; i++) {
            // Keep tabs so the caret lines up under tab-indented code.
            marker.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return marker + "^".repeat(width);
    }

    // ---------------------------------------------------------------- runtime errors

    /** The failure for an exception thrown by a cell: its class, its message, the trimmed trace with causes. */
    static EvalResult.Failure runtimeFailure(Throwable error, CellNames cells) {
        Optional<String> advice = nameFromFailedCell(error, cells);
        if (advice.isPresent()) {
            List<String> lines = new ArrayList<>(trace(error, cells));
            lines.set(0, error.getClass().getName() + ": " + advice.get());
            return new EvalResult.Failure(error.getClass().getName(), advice.get(), List.copyOf(lines));
        }
        if (isEngineRefusal(error)) {
            String refused = EvalMessages.engineRefused(operationRefused(error));
            return new EvalResult.Failure(error.getClass().getName(), EvalMessages.messageOf(error) + " " + refused,
                    engineTrace(error, refused, cells));
        }
        return new EvalResult.Failure(error.getClass().getName(), EvalMessages.messageOf(error), trace(error, cells));
    }

    private static boolean isEngineRefusal(Throwable error) {
        StackTraceElement[] stack = error.getStackTrace();
        return error.getClass().getName().equals(ENGINE_EXCEPTION)
                && stack.length > 0 && stack[0].getClassName().equals(NATIVE_OPERATIONS);
    }

    /**
     * The DJL method the caller invoked, e.g. {@code matMul}: the last of the DJL frames on top of
     * the stack (a refusal's stack starts with one), so the one nearest the cell or the DSL code
     * that called it.
     */
    private static String operationRefused(Throwable error) {
        String operation = error.getStackTrace()[0].getMethodName();
        for (StackTraceElement frame : error.getStackTrace()) {
            if (!frame.getClassName().startsWith(DJL_PACKAGE)) {
                break;
            }
            operation = frame.getMethodName();
        }
        return operation;
    }

    /**
     * PyTorch's message, the advice, then the frames below DJL: the user's and any DSL code that
     * made the call. DJL's own frames (its API, the engine, the JNI bridge) say nothing the
     * operation's name does not.
     */
    private static List<String> engineTrace(Throwable error, String advice, CellNames cells) {
        List<String> lines = new ArrayList<>();
        lines.add(header(error));
        lines.add(advice);
        StackTraceElement[] belowDjl = Arrays.stream(error.getStackTrace())
                .filter(frame -> !frame.getClassName().startsWith(DJL_PACKAGE))
                .toArray(StackTraceElement[]::new);
        appendFrames(lines, belowDjl, new StackTraceElement[0], cells);
        return List.copyOf(lines);
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
        Optional<CellNames.Cell> cell = cells.cellOf(matcher.group(1));
        return cell.map(c -> EvalMessages.definedByFailedCell(userName(matcher.group(2)), c.number()));
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

    /**
     * The trace of {@code error} and its causes. Each trace keeps the frames from the throw point
     * down to the deepest frame of cell code, minus reflection and kernel frames; a cause with no
     * cell frame keeps only what it does not share with the trace that wraps it.
     */
    static List<String> trace(Throwable error, CellNames cells) {
        List<String> lines = new ArrayList<>();
        lines.add(header(error));
        if (isAdvice(error)) {
            // The message already says what went wrong and what to do: the library's insides
            // and lower-level causes would only bury it. Show where in the cells it happened.
            for (StackTraceElement frame : error.getStackTrace()) {
                if (cells.cellOf(frame.getClassName()).isPresent()) {
                    lines.add(INDENT + "at " + render(frame, cells));
                }
            }
            return List.copyOf(lines);
        }
        appendFrames(lines, error.getStackTrace(), new StackTraceElement[0], cells);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(error);
        StackTraceElement[] enclosing = error.getStackTrace();
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && seen.add(cause) && depth < MAX_CAUSES; depth++) {
            lines.add("Caused by: " + header(cause));
            appendFrames(lines, cause.getStackTrace(), enclosing, cells);
            enclosing = cause.getStackTrace();
            cause = cause.getCause();
        }
        return List.copyOf(lines);
    }

    /** Only the frame lines of a stack (for a cell stopped where it stood), trimmed as in {@link #trace}. */
    static List<String> frames(StackTraceElement[] stack, CellNames cells) {
        List<String> lines = new ArrayList<>();
        appendFrames(lines, stack, new StackTraceElement[0], cells);
        return lines;
    }

    /**
     * Whether {@code error} is one of the DSL's own advice errors ({@code PerceptronException} or a
     * subclass). Matched by name: the DSL lives in the cells' class loader, not the kernel's.
     */
    static boolean isAdvice(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(ADVICE_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    private static String header(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private static void appendFrames(List<String> lines, StackTraceElement[] frames, StackTraceElement[] enclosing,
                                     CellNames cells) {
        int end = deepestCellFrame(frames, cells) + 1;
        if (end == 0) {
            end = frames.length - framesInCommon(frames, enclosing);
        }
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            if (!isHidden(frame)) {
                lines.add(INDENT + "at " + render(frame, cells));
            }
        }
    }

    private static int deepestCellFrame(StackTraceElement[] frames, CellNames cells) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (cells.cellOf(frames[i].getClassName()).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    /** How many frames at the bottom of {@code frames} equal those at the bottom of {@code enclosing}. */
    private static int framesInCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        int common = 0;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            common++;
            m--;
            n--;
        }
        return common;
    }

    private static boolean isHidden(StackTraceElement frame) {
        String className = frame.getClassName();
        return HIDDEN_PACKAGES.stream().anyMatch(className::startsWith);
    }

    private static String render(StackTraceElement frame, CellNames cells) {
        Optional<CellNames.Cell> cell = cells.cellOf(frame.getClassName());
        if (cell.isEmpty()) {
            String file = frame.getFileName() == null ? "Unknown Source"
                    : frame.getFileName() + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "");
            return frame.getClassName() + "." + frame.getMethodName() + "(" + file + ")";
        }
        CellNames.Cell c = cell.get();
        int line = frame.getLineNumber();
        // Lines past the end of the cell come from inlined library functions (Kotlin's inline line mapping).
        String where = "cell " + c.number() + (line >= 1 && line <= c.lineCount() ? ", line " + line : "");
        String member = memberName(frame, c);
        return member == null ? where : member + " (" + where + ")";
    }

    /** The user's name for the code of a cell frame: null for top-level cell code, {@code f}, {@code Foo.bar}, {@code lambda in f}. */
    private static String memberName(StackTraceElement frame, CellNames.Cell cell) {
        String className = frame.getClassName();
        String method = frame.getMethodName();
        if (className.equals(cell.className())) {
            return method.equals("<init>") ? null : method;
        }
        String[] nested = className.substring(cell.className().length() + 1).split("\\$");
        if (isNumber(nested[nested.length - 1])) {
            return nested.length > 1 && !isNumber(nested[0]) ? "lambda in " + nested[0] : "lambda";
        }
        return String.join(".", nested) + "." + method;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
