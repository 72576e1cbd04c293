package io.perceptron.kernel.eval;

import java.util.Optional;

/**
 * How {@link CellRunner} escalates an interrupt with an evaluator's help: interrupt, then stop
 * by force, then abandon the thread. Only the evaluator knows whether its cell is in user code
 * (safe to stop) or in the compiler (not safe), so each step is its decision.
 */
interface CellControl {

    /**
     * Asks the cell on {@code worker} to stop: marks it interrupted (a cell still compiling will
     * not start) and interrupts the thread.
     *
     * @return whether a cell was running on that thread
     */
    boolean interruptCell(Thread worker);

    /** Stops the cell on {@code worker} by force if, and only if, it is running its own code. */
    CellGuard.Stop stopCell(Thread worker);

    /**
     * Gives up on the cell running user code on {@code worker}: the evaluator forgets it and is
     * ready for the next cell on another thread.
     *
     * @return the failure to report for the abandoned cell, or empty if that thread runs no user code now
     */
    Optional<EvalResult.Failure> abandonCell(Thread worker);
}
