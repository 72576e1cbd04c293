package io.perceptron.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;
import kotlin.jvm.functions.Function0;
import kotlin.script.experimental.api.ScriptExecutionWrapper;
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript;
import kotlin.script.experimental.util.LinkedSnippet;

/**
 * Knows which cell runs on which thread and whether it is inside user code, so an interrupt can
 * be escalated safely: {@code Thread.stop} may only hit a cell while its own code runs, never
 * while the compiler or the REPL's bookkeeping does, or the session's state would be left torn.
 *
 * <p>The Kotlin evaluator calls {@link #invoke} around the constructor of each snippet (the
 * constructor is the cell's code); everything outside that call is machinery.
 */
final class CellGuard implements ScriptExecutionWrapper<Object> {

    /**
     * How long a cell thread waits, after its code returned, for a {@code ThreadDeath} that was
     * sent just before. {@code Thread.stop} delivers asynchronously at the thread's next safepoint,
     * normally within microseconds; waiting keeps it from landing in the REPL's bookkeeping.
     */
    private static final long PENDING_STOP_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** Raised instead of running a snippet whose cell was interrupted while it compiled. */
    static final class InterruptedBeforeStart extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedBeforeStart() {
            super(EvalMessages.interruptedBeforeStart(), null, false, false);
        }
    }

    /** What {@link #stop} did. */
    enum Stop {
        /** {@code Thread.stop} was sent; the cell should end at once. */
        SENT,
        /** A stop was already sent to this cell. */
        ALREADY_SENT,
        /** The cell is compiling or finishing; it runs no user code now and cannot be stopped safely. */
        NOT_IN_USER_CODE,
        /** No cell runs on that thread. */
        NOT_RUNNING,
        /** This JVM cannot stop threads (JDK 20 and later). */
        UNSUPPORTED
    }

    /** The state of one cell run; fields are guarded by the {@link CellGuard}. */
    static final class Cell {
        final Thread thread;
        boolean interruptRequested;
        boolean inUserCode;
        boolean stopSent;
        boolean abandoned;
        /** The snippet's own class loader, captured when its code starts (the REPL makes it the context loader). */
        ClassLoader snippetLoader;
        /** The compiled snippet, set once compilation succeeded. */
        LinkedSnippet<KJvmCompiledScript> snippet;
        /** Where the cell's thread was when it was stopped (a {@code ThreadDeath} carries the stopper's stack). */
        StackTraceElement[] stoppedAt;

        Cell(Thread thread) {
            this.thread = thread;
        }
    }

    private final ClassLoader cellLoader;
    private Cell current;

    /** @param cellLoader the context class loader while cell code runs */
    CellGuard(ClassLoader cellLoader) {
        this.cellLoader = cellLoader;
    }

    /** Marks the start of a cell on the calling thread. */
    synchronized Cell begin() {
        current = new Cell(Thread.currentThread());
        return current;
    }

    /** Marks the end of {@code cell}; returns false if it had been abandoned (another thread took over). */
    synchronized boolean end(Cell cell) {
        if (current == cell) {
            current = null;
        }
        return !cell.abandoned;
    }

    synchronized void compiled(Cell cell, LinkedSnippet<KJvmCompiledScript> snippet) {
        cell.snippet = snippet;
    }

    synchronized boolean wasInterrupted(Cell cell) {
        return cell.interruptRequested;
    }

    synchronized boolean wasStopped(Cell cell) {
        return cell.stopSent;
    }

    synchronized StackTraceElement[] stoppedAt(Cell cell) {
        return cell.stoppedAt;
    }

    synchronized boolean isAbandoned(Cell cell) {
        return cell.abandoned;
    }

    /**
     * Asks the cell on {@code thread} to stop: remembers the request (so a cell still compiling
     * never starts) and interrupts the thread (DSL loops check the flag every batch).
     *
     * @return whether a cell was running on that thread
     */
    synchronized boolean interrupt(Thread thread) {
        if (current == null || current.thread != thread) {
            return false;
        }
        current.interruptRequested = true;
        thread.interrupt();
        return true;
    }

    /** Sends {@code Thread.stop} to the cell on {@code thread}, only if it is inside its own code. */
    @SuppressWarnings({"deprecation", "removal"})
    synchronized Stop stop(Thread thread) {
        if (current == null || current.thread != thread) {
            return Stop.NOT_RUNNING;
        }
        if (current.stopSent) {
            return Stop.ALREADY_SENT;
        }
        if (!current.inUserCode) {
            return Stop.NOT_IN_USER_CODE;
        }
        StackTraceElement[] where = thread.getStackTrace();
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            return Stop.UNSUPPORTED;
        }
        current.stopSent = true;
        current.stoppedAt = where;
        return Stop.SENT;
    }

    /**
     * Gives up on the cell running user code on {@code thread}: it is marked abandoned and is no
     * longer current, so the session can go on with another thread.
     *
     * @return the abandoned cell, or null if that thread runs no user code now
     */
    synchronized Cell abandon(Thread thread) {
        if (current == null || current.thread != thread || !current.inUserCode) {
            return null;
        }
        Cell cell = current;
        cell.abandoned = true;
        current = null;
        return cell;
    }

    /**
     * Runs the snippet's constructor (the cell's code) inside the user-code window. Whatever
     * stops it, including a {@code ThreadDeath} that lands just outside the constructor, leaves as
     * an {@link InvocationTargetException}, which the REPL records as the cell's error.
     *
     * <p>The cell's code sees the cell class path's loader as its context class loader. The REPL
     * would set the snippet's own loader, whose {@code loadClass} returns null for a missing class
     * instead of throwing, which breaks libraries that look classes up through the context loader.
     */
    @Override
    public Object invoke(Function0<?> block) {
        Cell cell = enterUserCode();
        if (cell == null) {
            throw Suspending.sneaky(new InvocationTargetException(new InterruptedBeforeStart()));
        }
        Thread thread = Thread.currentThread();
        ClassLoader replLoader = thread.getContextClassLoader();
        Object instance = null;
        Throwable failure = null;
        try {
            try {
                thread.setContextClassLoader(cellLoader);
                instance = block.invoke();
            } catch (Throwable t) {
                failure = t;
            }
            leaveUserCode(cell, failure);
        } catch (ThreadDeath late) {
            markLeft(cell);
            failure = late;
        } finally {
            thread.setContextClassLoader(replLoader);
        }
        if (failure == null) {
            return instance;
        }
        throw Suspending.sneaky(failure instanceof InvocationTargetException ? failure : new InvocationTargetException(failure));
    }

    private synchronized Cell enterUserCode() {
        Cell cell = current;
        if (cell == null || cell.thread != Thread.currentThread()) {
            throw new IllegalStateException("A snippet ran outside KotlinEvaluator.evaluate");
        }
        if (cell.interruptRequested) {
            return null;
        }
        cell.inUserCode = true;
        cell.snippetLoader = Thread.currentThread().getContextClassLoader();
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
