package io.perceptron.kernel.display;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Kernel code touching cell classes runs with the cells' loader as context loader, and only then. */
class CellContextTest {
    private final ClassLoader cells = new URLClassLoader(new URL[0], null);

    @Test
    void theCellLoaderIsTheContextLoaderDuringTheCallAndTheOldOneAfter() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        ClassLoader during = CellContext.call(cells, () -> Thread.currentThread().getContextClassLoader());

        assertSame(cells, during);
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void theOldContextLoaderComesBackWhenTheCallThrows() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();

        assertThrows(IllegalStateException.class, () -> CellContext.call(cells, () -> {
            throw new IllegalStateException("failed inside");
        }));

        assertSame(before, Thread.currentThread().getContextClassLoader());
    }
}
