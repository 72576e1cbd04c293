package io.perceptron.kernel.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every text the evaluator shows a notebook user or a kernel integrator, in one place, worded
 * as advice: what happened in the user's terms and what to do next.
 */
final class EvalMessages {

    /** {@link EvalResult.Failure#name()} of a cell that did not compile. */
    static final String COMPILATION_ERROR = "CompilationError";
    /** {@link EvalResult.Failure#name()} of a cell ended by an interrupt. */
    static final String INTERRUPTED = "Interrupted";
    /** {@link EvalResult.Failure#name()} when the REPL itself failed, not the user's code. */
    static final String EVALUATION_ERROR = "EvaluationError";

    private EvalMessages() {
    }

    static String missingClassPathEntries(List<Path> missing) {
        return "The cell class path names files that do not exist: "
                + missing.stream().map(Path::toString).collect(Collectors.joining(", "))
                + ". Build the DSL first (mvn package) or fix the paths given to KotlinEvaluator.";
    }

    static String kotlinStdlibMissing() {
        return "The cell class path has no Kotlin standard library (kotlin/Unit.class not found). "
                + "Add the kotlin-stdlib jar of the kernel's Kotlin version to the cell class path.";
    }

    static String closed() {
        return "This Kotlin session is closed; restart the kernel to run cells again.";
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

    static String compilerCrashed(Throwable error) {
        return "The Kotlin compiler failed on this cell (" + describe(error)
                + "). The session is still usable; simplify the cell or split it, and report the cell if it keeps failing.";
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

    static String abandoned() {
        return "The cell did not stop when interrupted, and this JVM cannot stop a thread by force, so it was "
                + "left running in the background. Earlier definitions are kept and new cells run; the "
                + "abandoned cell still uses a CPU core until it ends, so restart the kernel if things slow down.";
    }

    static String definedByFailedCell(String name, int cellNumber) {
        return name + " is defined by cell " + cellNumber + ", which did not finish, so it has no value. "
                + "Run cell " + cellNumber + " again, or define " + name + " anew.";
    }

    /** Advice under PyTorch's own message when the engine refuses a tensor operation, e.g. {@code matMul}. */
    static String engineRefused(String operation) {
        return "PyTorch could not run " + operation + "(...) on these tensors: their shapes or types do not fit it. "
                + "Print them (x.shape, x.dataType) just before the call, then reshape, transpose or convert "
                + "(toType) them so that they fit.";
    }

    static String evaluationFailed(Throwable error) {
        return "The Kotlin REPL could not run this cell (" + describe(error)
                + "). Definitions from earlier cells are kept; if cells keep failing this way, restart the kernel.";
    }

    static String sessionBroken() {
        return "The Kotlin session lost track of its cells after an internal error; restart the kernel to continue.";
    }

    static String dependencyAnnotationEmpty(String annotation, int line) {
        return "@file:" + annotation + " at line " + line + " names nothing. Write " + dependencyExample(annotation) + ".";
    }

    static String dependencyAnnotationNotLiteral(String annotation, String got, int line) {
        return "@file:" + annotation + " at line " + line + " takes string literals only, got " + got
                + ". Write " + dependencyExample(annotation) + ".";
    }

    static String dependencyAnnotationUnclosed(String annotation, int line) {
        return "@file:" + annotation + " at line " + line + " is not closed: a quote or ')' is missing. Write "
                + dependencyExample(annotation) + ".";
    }

    static String dependencyAnnotationBelowCode(String annotation, int line) {
        return "@file:" + annotation + " at line " + line + " stands below code; file annotations must come first in "
                + "the cell. Move it to the top, or put it in a cell of its own.";
    }

    private static String dependencyExample(String annotation) {
        return annotation.equals("Repository")
                ? "@file:Repository(\"https://maven.example.com/releases\") at the top of the cell"
                : "@file:DependsOn(\"group:artifact:version\") at the top of the cell, for example "
                        + "@file:DependsOn(\"org.apache.commons:commons-csv:1.10.0\")";
    }

    /** The message of an exception for a user: never a bare "null". */
    static String messageOf(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static String describe(Throwable error) {
        return error == null ? "no details" : error.getClass().getName() + ": " + messageOf(error);
    }
}
