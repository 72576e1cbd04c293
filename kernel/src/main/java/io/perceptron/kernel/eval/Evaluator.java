package io.perceptron.kernel.eval;

import java.util.List;
import java.util.Optional;

/**
 * What the kernel needs from a language: run a cell, complete a name, describe the name at the
 * cursor, say whether a cell is complete, and help stop a running cell. Implementations know only
 * code, never Jupyter messages; Kotlin ({@code eval.kotlin.KotlinEvaluator}) is the first, and a
 * second language implements this interface in a package of its own beside it.
 *
 * <p>What a notebook user sees, as the kernel asks for it:
 * <pre>{@code
 * evaluator.evaluate("val x = 20", 1);    // NoValue
 * evaluator.evaluate("x + 1", 2);         // Value(21, "kotlin.Int")
 * evaluator.complete("Table.cr", 8);      // Completions(["create(", ...], ..., 6, 8)
 * evaluator.isComplete("fun f() {");      // INCOMPLETE
 * }</pre>
 *
 * <p>{@link #evaluate} runs on the calling thread and blocks until the cell ends; the
 * {@link CellRunner} calls it on a worker thread and uses {@link #cellControl()} when the user
 * interrupts. The other methods must not run user code, and may be called from other threads,
 * also while a cell runs.
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
     * The class loader cells see: the cell class path (DSL, DJL, Tablesaw, the language's runtime),
     * without the kernel's own classes. The kernel uses it to reach the DSL's display hooks.
     */
    ClassLoader cellClassLoader();

    /**
     * The imports every cell gets, written as this language writes them ({@code tech.tablesaw.api.*}
     * in Kotlin), those of {@link CellImports} that resolved against the cell class path. The
     * {@code %help} magic lists them.
     */
    List<String> imports();

    /**
     * How {@link CellRunner} ends an interrupted cell of this language. The default only
     * interrupts the thread: right for a language that cannot tell its own machinery from the
     * user's code, and so can neither stop nor abandon a cell safely.
     */
    default CellControl cellControl() {
        return CellControl.interruptOnly();
    }

    @Override
    void close();
}
