package io.perceptron.kernel.protocol;

import io.perceptron.kernel.eval.EvalResult;

/**
 * Runs cell code away from the shell thread so that an interrupt arriving on the control channel
 * can stop it. The kernel backs it with the evaluator's cell runner; tests use a fake.
 *
 * <pre>{@code
 * while (true) {}     // execute(...) returns Failure("Interrupted", ...) once the user interrupts
 * }</pre>
 */
public interface CellExecutor {

    /**
     * Runs {@code code} and waits until it ends, fails or is interrupted.
     *
     * @param cellNumber the execution count the front end shows for the cell, for error locations
     */
    EvalResult execute(String code, int cellNumber);

    /** Stops the cell that is running, if any; returns at once. */
    void interrupt();
}
