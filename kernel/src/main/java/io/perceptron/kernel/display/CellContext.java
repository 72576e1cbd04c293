package io.perceptron.kernel.display;

import java.util.function.Supplier;

/**
 * Runs kernel code that touches cell classes as if a cell ran it: with the cells' class loader as
 * the thread's context class loader.
 *
 * <p>Libraries look up plug-ins through that loader (DJL finds its engines with
 * {@link java.util.ServiceLoader}), often once, in a static initializer. If the kernel were the
 * first to load such a class with its own loader as context, the lookup would find nothing, and
 * keep finding nothing for every later cell.
 */
public final class CellContext {
    private CellContext() {
    }

    /** The value of {@code action}, computed with {@code cellLoader} as the context class loader. */
    public static <T> T call(ClassLoader cellLoader, Supplier<T> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(cellLoader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
