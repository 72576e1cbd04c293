package io.perceptron.kernel.eval;

import java.util.List;

/** The outcome of one cell. */
public sealed interface EvalResult {

    /** The cell ended with an expression: its value (possibly {@code null}) and static type. */
    record Value(Object value, String typeName) implements EvalResult {
    }

    /** The cell ended with a statement or a {@code Unit} expression: nothing to show. */
    record NoValue() implements EvalResult {
    }

    /**
     * The cell failed to compile, threw, or was interrupted.
     *
     * @param name      what failed, e.g. {@code CompilationError}, {@code java.lang.ArithmeticException},
     *                  {@code Interrupted}
     * @param message   a one-line message in the user's terms
     * @param traceback the lines to show, already trimmed to the user's code (no kernel,
     *                  compiler or reflection frames) and pointing at cell lines and columns
     */
    record Failure(String name, String message, List<String> traceback) implements EvalResult {
    }
}
