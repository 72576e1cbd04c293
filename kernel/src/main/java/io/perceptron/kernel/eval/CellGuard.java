package io.perceptron.kernel.eval;

import io.perceptron.kernel.eval.incell.CellChecks;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Knows which cell runs on which thread and whether it is inside the user's code, so an interrupt
 * can be escalated safely: {@code Thread.stop} may only hit a cell while its own code runs, never
 * while a compiler or a REPL's bookkeeping does, or the session's state would be left torn.
 *
 * <p>Any language running cells in the kernel's JVM uses it the same way: {@link #begin()} when a
 * cell arrives, {@link #runUserCode} around the call that runs the cell's compiled code (the
 * Kotlin evaluator wraps a snippet's constructor in it), {@link #end} when the cell is done, and
 * {@link #control} to hand the interrupt steps to {@link CellRunner}.
 *
 * <p>An interrupt also marks the cell's thread for the checks {@link CellBytecodeGuard} puts into
 * the cell's classes: the cell's own code throws at its next loop iteration or call and its thread
 * ends, on every JDK. {@code Thread.stop} (JDK 17 to 19) is left for a cell stuck in library code.
 * <pre>{@code
 * CellGuard.Cell cell = guard.begin();
 * try {
 *     compile(code);                                // an interrupt now: the code never starts
 *     guard.runUserCode(() -> run(compiledCode));   // an interrupt now: interrupt, stop, abandon
 * } finally {
 *     guard.end(cell);
 * }
 * }</pre>
 */
public final class CellGuard {

    /**
     * How long a cell thread waits, after its code returned, for a {@code ThreadDeath} that was
     * sent just before. {@code Thread.stop} delivers asynchronously at the thread's next safepoint,
     * normally within microseconds; waiting keeps it from landing in the evaluator's bookkeeping.
     */
    private static final long PENDING_STOP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Raised instead of running the code of a cell that was interrupted while it compiled. */
    public static final class InterruptedBeforeStart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedBeforeStart() {
            super(EvalMessages.interruptedBeforeStart(), null, false, false);
        }
    }

    /** The user's code of one cell, run by {@link #runUserCode}; it may throw anything. */
    @FunctionalInterface
    public interface UserCode {
        Object run() throws Throwable;
    }

    /** One cell run, from {@link #begin()} to {@link #end}; its fields are guarded by the {@link CellGuard}. */
    public static final class Cell {
        private final Thread thread;
        private boolean interruptRequested;
        private boolean inUserCode;
        private boolean stopSent;
        private boolean abandoned;
        /** Where the cell's thread was when it was stopped (a {@code ThreadDeath} carries the stopper's stack). */
        private StackTraceElement[] stoppedAt;

        private Cell(Thread thread) {
            this.thread = thread;
        }
    }

    private final ClassLoader cellLoader;
    /** The cell loader's {@code CellChecks.interrupt(Thread)} and {@code clear(Thread)}, or null if it has none. */
    private final MethodHandle markInterrupted;
    private final MethodHandle clearMark;
    private Cell current;

    /**
     * @param cellLoader the context class loader while the user's code runs: the cell class path's,
     *                   which also holds the checks instrumented cell code calls
     */
    public CellGuard(ClassLoader cellLoader) {
        this.cellLoader = cellLoader;
        MethodHandle mark = null;
        MethodHandle clear = null;
        try {
            Class<?> checks = Class.forName(CellChecks.class.getName(), true, cellLoader);
            MethodType onThread = MethodType.methodType(void.class, Thread.class);
            mark = MethodHandles.publicLookup().findStatic(checks, "interrupt", onThread);
            clear = MethodHandles.publicLookup().findStatic(checks, "clear", onThread);
        } catch (ReflectiveOperationException e) {
            // A loader other than the cell class path's (some tests): its cells are not instrumented.
        }
        this.markInterrupted = mark;
        this.clearMark = clear;
    }

    /** Marks the start of a cell on the calling thread. */
    public synchronized Cell begin() {
        current = new Cell(Thread.currentThread());
        callChecks(clearMark, current.thread);
        return current;
    }

    /** Marks the end of {@code cell}; returns false if it had been abandoned (another thread took over). */
    public synchronized boolean end(Cell cell) {
        if (current == cell) {
            current = null;
        }
        callChecks(clearMark, cell.thread);
        return !cell.abandoned;
    }

    private static void callChecks(MethodHandle method, Thread thread) {
        if (method == null) {
            return;
        }
        try {
            method.invokeExact(thread);
        } catch (Throwable e) {
            throw new IllegalStateException("The cells' interrupt checks failed", e);
        }
    }

    /** Whether an interrupt was asked for {@code cell}. */
    public synchronized boolean wasInterrupted(Cell cell) {
        return cell.interruptRequested;
    }

    /**
     * The failure to report for {@code cell}, which was interrupted: where it was when it stopped
     * (as the stopper saw it, else as {@code thrown}, the error that ended it, if any, saw it), and
     * whether it took {@code Thread.stop}.
     */
    public EvalResult.Failure interruptedFailure(Cell cell, Throwable thrown, CellFrames cells) {
        StackTraceElement[] where;
        boolean byForce;
        synchronized (this) {
            where = cell.stoppedAt;
            byForce = cell.stopSent;
        }
        if (where == null && thrown != null) {
            where = thrown.getStackTrace();
        }
        return Tracebacks.interrupted(where, byForce, cells);
    }

    /** Whether {@code cell} was given up, and another thread runs the session now. */
    public synchronized boolean isAbandoned(Cell cell) {
        return cell.abandoned;
    }

    /**
     * The interrupt steps over this guard. Abandoning is the evaluator's own step: besides
     * {@link #abandon}, it must make its session forget the cell.
     *
     * @param abandon gives up the cell on a thread, as {@link CellControl#abandonCell} does
     */
    public CellControl control(Function<Thread, Optional<EvalResult.Failure>> abandon) {
        return new CellControl() {
            @Override
            public boolean interruptCell(Thread worker) {
                return interrupt(worker);
            }

            @Override
            public Stop stopCell(Thread worker) {
                return stop(worker);
            }

            @Override
            public Optional<EvalResult.Failure> abandonCell(Thread worker) {
                return abandon.apply(worker);
            }
        };
    }

    /**
     * Asks the cell on {@code thread} to stop: remembers the request (so a cell still compiling
     * never starts), marks the thread for the checks in the cell's instrumented code, and
     * interrupts the thread (DSL loops check the flag every batch).
     *
     * @return whether a cell was running on that thread
     */
    public synchronized boolean interrupt(Thread thread) {
        if (current == null || current.thread != thread) {
            return false;
        }
        current.interruptRequested = true;
        // The cell's own code throws at its next check; blocking calls and DSL loops see the interrupt.
        callChecks(markInterrupted, thread);
        thread.interrupt();
        return true;
    }

    /** Sends {@code Thread.stop} to the cell on {@code thread}, only if it is inside its own code. */
    @SuppressWarnings({"deprecation", "removal"})
    public synchronized CellControl.Stop stop(Thread thread) {
        if (current == null || current.thread != thread) {
            return CellControl.Stop.NOT_RUNNING;
        }
        if (current.stopSent) {
            return CellControl.Stop.ALREADY_SENT;
        }
        if (!current.inUserCode) {
            return CellControl.Stop.NOT_IN_USER_CODE;
        }
        StackTraceElement[] where = thread.getStackTrace();
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            return CellControl.Stop.UNSUPPORTED;
        }
        current.stopSent = true;
        current.stoppedAt = where;
        return CellControl.Stop.SENT;
    }

    /**
     * Gives up on the cell running user code on {@code thread}: it is marked abandoned and is no
     * longer current, so the session can go on with another thread.
     *
     * @return the abandoned cell, or null if that thread runs no user code now
     */
    public synchronized Cell abandon(Thread thread) {
        if (current == null || current.thread != thread || !current.inUserCode) {
            return null;
        }
        Cell cell = current;
        cell.abandoned = true;
        current = null;
        return cell;
    }

    /**
     * Runs the current cell's own code inside the user-code window, the only time it may be
     * stopped by force, with the cell class path's loader as the thread's context class loader
     * (libraries a cell calls, such as DJL's engine lookup, find their services through it).
     *
     * @return what {@code code} returned
     * @throws InterruptedBeforeStart if the cell was interrupted before its code started; nothing ran
     * @throws Throwable              whatever {@code code} threw, or a {@code ThreadDeath} that landed
     *                                just after it returned
     */
    public Object runUserCode(UserCode code) throws Throwable {
        Cell cell = enterUserCode();
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        Object result = null;
        Throwable failure = null;
        try {
            try {
                thread.setContextClassLoader(cellLoader);
                result = code.run();
            } catch (Throwable t) {
                failure = t;
            }
            leaveUserCode(cell, failure);
        } catch (ThreadDeath late) {
            markLeft(cell);
            failure = late;
        } finally {
            thread.setContextClassLoader(callerLoader);
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    private synchronized Cell enterUserCode() {
        Cell cell = current;
        if (cell == null || cell.thread != Thread.currentThread()) {
            throw new IllegalStateException("A cell's code ran outside CellGuard.begin and end on its thread");
        }
        if (cell.interruptRequested) {
            throw new InterruptedBeforeStart();
        }
        cell.inUserCode = true;
        return cell;
    }

    /** Closes the window; if a stop was sent and has not landed yet, lets it land here. */
    private void leaveUserCode(Cell cell, Throwable failure) {
        boolean stopPending;
        synchronized (this) {
            stopPending = cell.stopSent && !(failure instanceof ThreadDeath)
                    && !(failure != null && failure.getCause() instanceof ThreadDeath);
            cell.inUserCode = false;
        }
        if (stopPending) {
            long deadline = System.nanoTime() + PENDING_STOP_WAIT_NANOS;
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
    }

    private synchronized void markLeft(Cell cell) {
        cell.inUserCode = false;
    }
}
