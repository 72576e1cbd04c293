package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.eval.EvalMessages;
import java.util.List;

/**
 * The texts only Java cells give, about JShell, worded as advice. The texts every language
 * shares are in {@link EvalMessages}.
 */
final class JavaMessages {

    private JavaMessages() {
    }

    static String shellFailed(Object problem) {
        String what = problem instanceof Throwable error ? EvalMessages.describe(error) : String.valueOf(problem);
        return "JShell could not run this cell (" + what + "). Definitions from earlier cells are kept; "
                + "if cells keep failing this way, restart the kernel.";
    }

    static String rejectedWithoutReason() {
        return "JShell rejected this code without naming an error. Check that it is Java statements, "
                + "declarations or an expression, one after the other.";
    }

    static String unresolved(String name, List<String> missing) {
        String names = missing.isEmpty() ? "a name that is not declared" : String.join(", ", missing);
        return name + " uses " + names + ", which no cell has declared yet. Declare "
                + (missing.size() == 1 ? "it" : "them") + " in a cell, then run this one again.";
    }
}
