package io.perceptron.kernel.eval;

import java.util.Optional;

/**
 * What the protocol layer needs from a language: run a cell, complete a name, describe the name
 * at the cursor, and say whether a cell is complete. Implementations know only code, never
 * Jupyter messages, so a second language (Java through JShell) can sit behind the same layer.
 *
 * <p>{@link #evaluate} runs on the calling thread and blocks until the cell ends; the other
 * methods must not run user code.
 */
public interface Evaluator extends AutoCloseable {

    /** Compiles and runs one cell, keeping its definitions for later cells. */
    EvalResult evaluate(String code);

    /**
     * Like {@link #evaluate(String)}, naming the cell {@code cellNumber} in error locations and
     * stack traces: pass the front end's execution count so that "cell 3" is the cell shown as
     * {@code In [3]}. The default ignores the number.
     */
    default EvalResult evaluate(String code, int cellNumber) {
        return evaluate(code);
    }

    /** Completion candidates for the cursor position {@code cursor} (a char offset into {@code code}). */
    Completions complete(String code, int cursor);

    /** A short plain-text description (type, signature, value) of the name at the cursor, if any. */
    Optional<String> inspect(String code, int cursor);

    /** Whether {@code code} is complete, still open (a brace not closed yet), or invalid. */
    Completeness isComplete(String code);

    /**
     * The class loader cells see: the cell class path (DSL, DJL, Tablesaw, Kotlin stdlib), without
     * the kernel's own classes. The kernel uses it to reach the DSL's display hooks.
     */
    ClassLoader cellClassLoader();

    @Override
    void close();
}
