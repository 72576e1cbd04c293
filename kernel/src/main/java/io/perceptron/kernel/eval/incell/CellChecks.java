package io.perceptron.kernel.eval.incell;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What instrumented cell code calls: {@link #check()} at every method entry and loop back-edge,
 * and the stand-ins for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}.
 *
 * <p>The kernel marks a cell's thread with {@link #interrupt(Thread)} when the user interrupts the
 * cell, and clears the mark with {@link #clear(Thread)} when the cell has ended. While its thread is
 * marked, the cell's code throws {@link CellInterrupted} at its next check; no other thread is
 * affected. The kernel reaches this class through the cell class path's loader (see
 * {@code eval/CellGuard}); the kernel's own copy of it is never used.
 */
public final class CellChecks {

    /** What a cell that calls {@code System.exit} is told. */
    public static final String NO_EXIT = "A cell cannot stop the kernel; use Kernel → Restart. "
            + "(System.exit, Runtime.exit and Runtime.halt are refused in cells; every variable is kept.)";

    private static final Set<Thread> INTERRUPTED = ConcurrentHashMap.newKeySet();
    /**
     * Whether any thread is marked: the one read on the fast path. Volatile, so a loop the JIT
     * compiled sees the mark (a plain field could be read once and kept in a register).
     */
    private static volatile boolean anyInterrupted;

    private CellChecks() {
    }

    /** Called by instrumented code; throws {@link CellInterrupted} if the calling thread's cell was interrupted. */
    public static void check() {
        if (anyInterrupted && INTERRUPTED.contains(Thread.currentThread())) {
            throw new CellInterrupted();
        }
    }

    /** Marks {@code thread}: the cell code it runs throws at its next check. */
    public static synchronized void interrupt(Thread thread) {
        INTERRUPTED.add(thread);
        anyInterrupted = true;
    }

    /** Clears {@code thread}'s mark (its cell ended, or a new cell starts on it). */
    public static synchronized void clear(Thread thread) {
        INTERRUPTED.remove(thread);
        anyInterrupted = !INTERRUPTED.isEmpty();
    }

    /** Stands in for {@code System.exit(status)} in cell code. */
    public static void systemExit(int status) {
        throw new UnsupportedOperationException(NO_EXIT);
    }

    /** Stands in for {@code runtime.exit(status)} in cell code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new UnsupportedOperationException(NO_EXIT);
    }

    /** Stands in for {@code runtime.halt(status)} in cell code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new UnsupportedOperationException(NO_EXIT);
    }
}
