package io.perceptron.kernel.eval;

import java.util.Optional;

/**
 * The steps {@link CellRunner} takes, with an evaluator's help, to end a cell that was
 * interrupted: ask it to stop, stop it by force, give its thread up. Only the evaluator knows
 * whether its cell is running the user's code (safe to stop) or its own machinery, a compiler or
 * a REPL's bookkeeping (not safe), so each step is the evaluator's decision;
 * {@link Evaluator#cellControl()} hands them to the runner.
 *
 * <p>An evaluator that keeps a {@link CellGuard} around the user's code gets every step from it
 * ({@link CellGuard#control}); one that cannot stop a cell by force gives {@link #interruptOnly()}.
 */
public interface CellControl {

    /** What {@link #stopCell} did. */
    enum Stop {
        /** {@code Thread.stop} was sent; the cell should end at once. */
        SENT,
        /** A stop was already sent to this cell. */
        ALREADY_SENT,
        /** The cell is compiling or finishing; it runs no user code now and cannot be stopped safely. */
        NOT_IN_USER_CODE,
        /** No cell runs on that thread. */
        NOT_RUNNING,
        /** Stopping by force is not possible: this JVM cannot stop threads (JDK 20 and later), or the language cannot. */
        UNSUPPORTED
    }

    /**
     * Asks the cell on {@code worker} to stop: marks it interrupted (a cell still compiling will
     * not start) and interrupts the thread (DSL training loops check the flag every batch).
     *
     * @return whether a cell was running on that thread; false makes the runner ask again shortly,
     *         as the worker may not have reached the evaluator yet
     */
    boolean interruptCell(Thread worker);

    /** Stops the cell on {@code worker} by force if, and only if, it is running its own code. */
    Stop stopCell(Thread worker);

    /**
     * Gives up on the cell running user code on {@code worker}: the evaluator forgets it and is
     * ready for the next cell on another thread, keeping the definitions of earlier cells.
     *
     * @return the failure to report for the abandoned cell, or empty if it cannot be given up (the
     *         cell keeps its thread, and later cells wait until it ends)
     */
    Optional<EvalResult.Failure> abandonCell(Thread worker);

    /**
     * The steps of a language that can only ask: {@code Thread.interrupt()}, no stop by force, no
     * abandoning. A cell that ignores the interrupt runs on, and later cells wait for it.
     */
    static CellControl interruptOnly() {
        return new CellControl() {
            @Override
            public boolean interruptCell(Thread worker) {
                worker.interrupt();
                return true;
            }

            @Override
            public Stop stopCell(Thread worker) {
                return Stop.UNSUPPORTED;
            }

            @Override
            public Optional<EvalResult.Failure> abandonCell(Thread worker) {
                return Optional.empty();
            }
        };
    }
}
