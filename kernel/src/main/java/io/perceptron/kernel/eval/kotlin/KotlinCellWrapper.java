package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.CellGuard;
import java.lang.reflect.InvocationTargetException;
import kotlin.jvm.functions.Function0;
import kotlin.script.experimental.api.ScriptExecutionWrapper;

/**
 * Puts the {@link CellGuard}'s user-code window around each Kotlin snippet's constructor, which
 * is the cell's code; everything the REPL does outside that call is machinery and never stopped.
 *
 * <p>Whatever ends the constructor, including a {@code ThreadDeath} that lands just after it,
 * leaves as an {@link InvocationTargetException}, which the REPL records as the cell's error.
 * While the cell's code runs, its context class loader is the cell class path's: the REPL would
 * set the snippet's own loader, whose {@code loadClass} returns null for a missing class instead of
 * throwing, which breaks libraries that look classes up through the context loader.
 */
final class KotlinCellWrapper implements ScriptExecutionWrapper<Object> {

    private final CellGuard guard;
    /**
     * The class loader of the snippet that ran last (the REPL makes it the context loader before
     * calling here). Cells run one at a time, so while a cell is in its code this is its loader.
     */
    private volatile ClassLoader snippetLoader;

    KotlinCellWrapper(CellGuard guard) {
        this.guard = guard;
    }

    @Override
    public Object invoke(Function0<?> block) {
        snippetLoader = Thread.currentThread().getContextClassLoader();
        try {
            return guard.runUserCode(block::invoke);
        } catch (Throwable failure) {
            throw Suspending.sneaky(failure instanceof InvocationTargetException ? failure : new InvocationTargetException(failure));
        }
    }

    /** The loader of the snippet now in, or last in, its code; see {@link #snippetLoader}. */
    ClassLoader snippetLoader() {
        return snippetLoader;
    }
}
