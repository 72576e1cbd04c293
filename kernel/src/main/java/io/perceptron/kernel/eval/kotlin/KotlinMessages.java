package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.EvalMessages;

/**
 * The texts only Kotlin cells give: about the Kotlin compiler, the REPL and the standard library,
 * worded as advice. The texts every language shares are in {@link EvalMessages}.
 */
final class KotlinMessages {

    private KotlinMessages() {
    }

    static String kotlinStdlibMissing() {
        return "The cell class path has no Kotlin standard library (kotlin/Unit.class not found). "
                + "Add the kotlin-stdlib jar of the kernel's Kotlin version to the cell class path.";
    }

    static String compilerCrashed(Throwable error) {
        return "The Kotlin compiler failed on this cell (" + EvalMessages.describe(error)
                + "). The session is still usable; simplify the cell or split it, and report the cell if it keeps failing.";
    }

    static String replFailed(Throwable error) {
        return "The Kotlin REPL could not run this cell (" + EvalMessages.describe(error)
                + "). Definitions from earlier cells are kept; if cells keep failing this way, restart the kernel.";
    }

    static String sessionBroken() {
        return "The Kotlin session lost track of its cells after an internal error; restart the kernel to continue.";
    }

    static String definedByFailedCell(String name, int cellNumber) {
        return name + " is defined by cell " + cellNumber + ", which did not finish, so it has no value. "
                + "Run cell " + cellNumber + " again, or define " + name + " anew.";
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
}
