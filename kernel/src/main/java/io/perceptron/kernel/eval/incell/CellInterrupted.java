package io.perceptron.kernel.eval.incell;

/**
 * Thrown inside an interrupted cell's own code, at its next loop iteration or function call, so
 * the cell's thread unwinds and ends. An {@link Error}, so that {@code catch (e: Exception)} in a
 * cell does not swallow it; a cell that catches {@code Throwable} meets it again at its next loop
 * iteration.
 */
public final class CellInterrupted extends Error {
    private static final long serialVersionUID = 1L;

    CellInterrupted() {
        super("The cell was interrupted.");
    }
}
