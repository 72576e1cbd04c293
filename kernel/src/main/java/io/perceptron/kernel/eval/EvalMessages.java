package io.perceptron.kernel.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every text about running cells that is the same whatever the cells' language, worded as advice:
 * what happened in the user's terms and what to do next. A language's own texts (its compiler, its
 * REPL) live beside its evaluator.
 */
public final class EvalMessages {

    /** {@link EvalResult.Failure#name()} of a cell that did not compile. */
    public static final String COMPILATION_ERROR = "CompilationError";
    /** {@link EvalResult.Failure#name()} of a cell ended by an interrupt. */
    public static final String INTERRUPTED = "Interrupted";
    /** {@link EvalResult.Failure#name()} when the evaluator itself failed, not the user's code. */
    public static final String EVALUATION_ERROR = "EvaluationError";

    private EvalMessages() {
    }

    static String missingClassPathEntries(List<Path> missing) {
        return "The cell class path names files that do not exist: "
                + missing.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ". Build the DSL first (mvn package) or fix the paths given to the kernel (--cell-classpath).";
    }

    /** Why a cell was refused: the session was closed. */
    public static String closed() {
        return "This session is closed; restart the kernel to run cells again.";
    }

    /** One-line summary of a failed compilation: the first error, where it is, and how many follow. */
    static String compilationFailed(String firstError, String location, int errorCount) {
        String more = errorCount > 1 ? " (and " + (errorCount - 1) + " more error" + (errorCount > 2 ? "s" : "") + ")" : "";
        return firstError + (location.isEmpty() ? "" : " at " + location) + more;
    }

    /** Header of one compile error in the traceback. */
    static String compileErrorHeader(String location, String message) {
        return "error" + (location.isEmpty() ? "" : " at " + location) + ": " + message;
    }

    static String interrupted() {
        return "The cell was interrupted.";
    }

    static String interruptedBeforeStart() {
        return "The cell was interrupted before its code started; nothing ran.";
    }

    static String stoppedByForce() {
        return "The cell did not react to the interrupt in time and was stopped by force. Objects it was "
                + "changing may be half-updated: check them, or re-run the cells that build them.";
    }

    /** Why an abandoned cell ended, and what it still costs. */
    public static String abandoned() {
        return "The cell did not stop when interrupted, and this JVM cannot stop a thread by force, so it was "
                + "left running in the background. Earlier definitions are kept and new cells run; the "
                + "abandoned cell still uses a CPU core until it ends, so restart the kernel if things slow down.";
    }

    /** Advice under PyTorch's own message when the engine refuses a tensor operation, e.g. {@code matMul}. */
    static String engineRefused(String operation) {
        return "PyTorch could not run " + operation + "(...) on these tensors: their shapes or types do not fit it. "
                + "Print them (x.shape, x.dataType) just before the call, then reshape, transpose or convert "
                + "(toType) them so that they fit.";
    }

    /** The evaluator threw instead of giving a result (a fault of the kernel, not of the cell). */
    static String evaluatorFailed(Throwable error) {
        return "The kernel could not run this cell (" + describe(error)
                + "). Definitions from earlier cells are kept; if cells keep failing this way, restart the kernel.";
    }

    /** The message of an exception for a user: never a bare "null". */
    public static String messageOf(Throwable error) {
        return error.getMessage() == null || error.getMessage().isBlank()
                ? error.getClass().getSimpleName() : error.getMessage();
    }

    /** An exception as "its class: its message", or "no details" for none. */
    public static String describe(Throwable error) {
        return error == null ? "no details" : error.getClass().getName() + ": " + messageOf(error);
    }
}
