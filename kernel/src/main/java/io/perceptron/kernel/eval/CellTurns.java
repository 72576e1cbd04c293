package io.perceptron.kernel.eval;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One cell at a time, whatever the language: the turn a cell takes in an evaluator's session,
 * from waiting for the cell before it to end to handing the session on. Within its turn a cell is
 * known to the {@link CellGuard}, starts with no stale interrupt, and runs with the cell class
 * path's loader as its thread's context class loader (libraries a cell calls, such as DJL's
 * engine lookup, find their services through it).
 *
 * <pre>{@code
 * EvalResult evaluate(String code) {
 *     return turns.take((cell, turn) -> compileAndRun(code, turn, cell));
 * }
 * CellControl cellControl() {
 *     return guard.control(worker -> turns.abandon(worker, cells, () -> {}));
 * }
 * }</pre>
 *
 * <p>A turn is a permit, not a lock, so that an abandoned cell's turn can be handed on from
 * another thread ({@link #abandon}); the abandoned cell does not give it back a second time.
 */
public final class CellTurns {

    /** What a cell does in its turn. */
    @FunctionalInterface
    public interface Turn<T> {
        /**
         * @param cell the guard's record of this cell
         * @param turn how many turns this session has given, this one included (1 for the first cell)
         */
        T run(CellGuard.Cell cell, int turn);
    }

    private final CellGuard guard;
    private final ClassLoader cellLoader;
    private final Semaphore permit = new Semaphore(1);
    private final AtomicInteger turns = new AtomicInteger();

    /**
     * @param guard      the guard of the evaluator's cells
     * @param cellLoader the cell class path's loader
     */
    public CellTurns(CellGuard guard, ClassLoader cellLoader) {
        this.guard = guard;
        this.cellLoader = cellLoader;
    }

    /** Waits for the cell before to end, then runs {@code turn} on the calling thread as the current cell. */
    public <T> T take(Turn<T> turn) {
        permit.acquireUninterruptibly();
        int number = turns.incrementAndGet();
        // A stale interrupt (meant for no cell) must not hit this one.
        Thread.interrupted();
        CellGuard.Cell cell = guard.begin();
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(cellLoader);
        try {
            return turn.run(cell, number);
        } finally {
            boolean stillOwnsTurn = guard.end(cell);
            // An interrupt aimed at this cell must not leak into the next one.
            Thread.interrupted();
            thread.setContextClassLoader(callerLoader);
            if (stillOwnsTurn) {
                permit.release();
            }
        }
    }

    /**
     * The abandoning step of an evaluator's {@link CellControl}: gives up on the cell running user
     * code on {@code worker}, lets {@code forget} drop what the session kept of it, and lets the
     * next cell start while the abandoned one still holds its turn (it will not give it back).
     *
     * @return the failure to report for the abandoned cell, where it was stuck; empty if
     *         {@code worker} runs no user code now and so cannot be given up
     */
    public Optional<EvalResult.Failure> abandon(Thread worker, CellFrames cells, Runnable forget) {
        if (guard.abandon(worker) == null) {
            return Optional.empty();
        }
        StackTraceElement[] stuckAt = worker.getStackTrace();
        forget.run();
        permit.release();
        return Optional.of(Tracebacks.abandoned(stuckAt, cells));
    }
}
