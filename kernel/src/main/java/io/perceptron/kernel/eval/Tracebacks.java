package io.perceptron.kernel.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Turns compile errors and runtime exceptions into the lines a notebook shows, the same for every
 * language: cell lines and columns, the offending source line with carets under it, and stack
 * traces cut down to the user's code and the libraries it called. Which frames are a cell's, and
 * what the user calls them, each language says through {@link CellFrames}.
 *
 * <pre>{@code
 * Tracebacks.runtimeFailure(error, frames)   // error: what divide(1, 0) threw in cell 9
 * // Failure("java.lang.ArithmeticException", "/ by zero",
 * //         ["java.lang.ArithmeticException: / by zero", "    at divide (cell 9, line 2)", "    at cell 9, line 4"])
 * }</pre>
 */
public final class Tracebacks {

    /** Frames of the machinery that runs a cell in any language; never interesting to a notebook user. */
    private static final List<String> HIDDEN_PACKAGES = List.of(
            "jdk.internal.", "sun.reflect.", "java.lang.reflect.", "java.lang.invoke.", "io.perceptron.kernel.");

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

    private Tracebacks() {
    }

    // ---------------------------------------------------------------- compile errors

    /**
     * The failure for a cell that did not compile: every error, each pointing into the cell.
     *
     * @param errors     what the compiler found, in the user's terms; at least one
     * @param code       the cell, to show the offending lines
     * @param cellNumber the cell's number, as the front end shows it
     */
    public static EvalResult.Failure compilationFailure(List<CompileError> errors, String code, int cellNumber) {
        List<String> lines = new ArrayList<>();
        List<String> sourceLines = code.lines().toList();
        for (CompileError error : errors) {
            lines.add(EvalMessages.compileErrorHeader(location(error, cellNumber), error.message()));
            if (error.hasPlace() && error.line() <= sourceLines.size()) {
                String sourceLine = sourceLines.get(error.line() - 1);
                lines.add(INDENT + sourceLine);
                lines.add(INDENT + caret(sourceLine, error));
            }
        }
        CompileError first = errors.get(0);
        String message = EvalMessages.compilationFailed(first.message(), location(first, cellNumber), errors.size());
        return new EvalResult.Failure(EvalMessages.COMPILATION_ERROR, message, List.copyOf(lines));
    }

    private static String location(CompileError error, int cellNumber) {
        return error.hasPlace() ? "cell " + cellNumber + ", line " + error.line() + ", column " + error.column() : "";
    }

    /** Spaces up to the error's column, then a caret under each char of the error on that line (at least one). */
    private static String caret(String sourceLine, CompileError error) {
        int startCol = Math.max(1, error.column());
        int width = error.endLine() == error.line() && error.endColumn() > startCol ? error.endColumn() - startCol : 1;
        StringBuilder marker = new StringBuilder();
        for (int i = 0; i < startCol - 1; i++) {
            // Keep tabs so the caret lines up under tab-indented code.
            marker.append(i < sourceLine.length() && sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return marker + "^".repeat(width);
    }

    // ---------------------------------------------------------------- runtime errors

    /** The failure for an exception thrown by a cell: its class, its message, the trimmed trace with causes. */
    public static EvalResult.Failure runtimeFailure(Throwable error, CellFrames cells) {
        if (isEngineRefusal(error)) {
            String refused = EvalMessages.engineRefused(operationRefused(error));
            return new EvalResult.Failure(error.getClass().getName(), EvalMessages.messageOf(error) + " " + refused,
                    engineTrace(error, refused, cells));
        }
        return new EvalResult.Failure(error.getClass().getName(), EvalMessages.messageOf(error), trace(error, cells));
    }

    /**
     * The failure for a cell ended by an interrupt: where it was when it stopped and, if it took
     * force, what that means for the objects it was changing.
     *
     * @param where   the cell's stack when it stopped, or null if unknown
     * @param byForce whether {@code Thread.stop} ended it
     */
    public static EvalResult.Failure interrupted(StackTraceElement[] where, boolean byForce, CellFrames cells) {
        List<String> lines = new ArrayList<>();
        lines.add(EvalMessages.INTERRUPTED + ": " + EvalMessages.interrupted());
        if (where != null) {
            appendFrames(lines, where, new StackTraceElement[0], cells);
        }
        if (byForce) {
            lines.add(EvalMessages.stoppedByForce());
        }
        return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.interrupted(), List.copyOf(lines));
    }

    /** The failure for a cell interrupted before its code started ({@link CellGuard.InterruptedBeforeStart}). */
    public static EvalResult.Failure interruptedBeforeStart() {
        return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.interruptedBeforeStart(),
                List.of(EvalMessages.INTERRUPTED + ": " + EvalMessages.interruptedBeforeStart()));
    }

    /** The failure for a cell whose thread was given up, stuck at {@code stuckAt}. */
    public static EvalResult.Failure abandoned(StackTraceElement[] stuckAt, CellFrames cells) {
        List<String> lines = new ArrayList<>();
        lines.add(EvalMessages.INTERRUPTED + ": " + EvalMessages.abandoned());
        appendFrames(lines, stuckAt, new StackTraceElement[0], cells);
        return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.abandoned(), List.copyOf(lines));
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
    private static List<String> engineTrace(Throwable error, String advice, CellFrames cells) {
        List<String> lines = new ArrayList<>();
        lines.add(header(error));
        lines.add(advice);
        StackTraceElement[] belowDjl = Arrays.stream(error.getStackTrace())
                .filter(frame -> !frame.getClassName().startsWith(DJL_PACKAGE))
                .toArray(StackTraceElement[]::new);
        appendFrames(lines, belowDjl, new StackTraceElement[0], cells);
        return List.copyOf(lines);
    }

    /**
     * The trace of {@code error} and its causes. Each trace keeps the frames from the throw point
     * down to the deepest frame of cell code, minus reflection, kernel and the language's own
     * frames; a cause with no cell frame keeps only what it does not share with the trace that
     * wraps it.
     */
    public static List<String> trace(Throwable error, CellFrames cells) {
        List<String> lines = new ArrayList<>();
        lines.add(header(error));
        if (isAdvice(error)) {
            // The message already says what went wrong and what to do: the library's insides
            // and lower-level causes would only bury it. Show where in the cells it happened.
            for (StackTraceElement frame : error.getStackTrace()) {
                cells.describe(frame).ifPresent(where -> lines.add(INDENT + "at " + where));
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
                                     CellFrames cells) {
        int end = deepestCellFrame(frames, cells) + 1;
        if (end == 0) {
            end = frames.length - framesInCommon(frames, enclosing);
        }
        for (int i = 0; i < end; i++) {
            StackTraceElement frame = frames[i];
            if (!isHidden(frame, cells)) {
                lines.add(INDENT + "at " + render(frame, cells));
            }
        }
    }

    private static int deepestCellFrame(StackTraceElement[] frames, CellFrames cells) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (cells.describe(frames[i]).isPresent()) {
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

    private static boolean isHidden(StackTraceElement frame, CellFrames cells) {
        String className = frame.getClassName();
        return HIDDEN_PACKAGES.stream().anyMatch(className::startsWith)
                || cells.machineryPackages().stream().anyMatch(className::startsWith);
    }

    /** A cell frame in the user's words; any other as the JDK prints it, {@code Class.method(File.java:12)}. */
    private static String render(StackTraceElement frame, CellFrames cells) {
        return cells.describe(frame).orElseGet(() -> {
            String file = frame.getFileName() == null ? "Unknown Source"
                    : frame.getFileName() + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "");
            return frame.getClassName() + "." + frame.getMethodName() + "(" + file + ")";
        });
    }
}
