package io.perceptron.kernel.eval;

import java.util.OptionalInt;

/**
 * The number of the cell a thread works for: set on the {@link CellRunner}'s worker for each cell,
 * and inherited by every thread the cell starts (an {@link InheritableThreadLocal}: a thread keeps
 * the number of the cell that was running on its parent when it was created). So text a cell's
 * background thread prints after the cell returned can still be shown under that cell.
 * <pre>{@code
 * // cell 7:
 * Thread { Thread.sleep(300); println("late") }.start()   // CellOrigin.cellNumber() is 7 on that thread
 * }</pre>
 * Threads of shared pools created outside any cell (the common fork-join pool) have no origin.
 */
public final class CellOrigin {

    private static final InheritableThreadLocal<Integer> CELL = new InheritableThreadLocal<>();

    private CellOrigin() {
    }

    /** The number of the cell the calling thread works for, if it was started by or for a cell. */
    public static OptionalInt cellNumber() {
        Integer number = CELL.get();
        return number == null ? OptionalInt.empty() : OptionalInt.of(number);
    }

    /** Makes the calling thread (a cell worker) work for cell {@code number}, or for none if null. */
    static void set(Integer number) {
        if (number == null) {
            CELL.remove();
        } else {
            CELL.set(number);
        }
    }
}
