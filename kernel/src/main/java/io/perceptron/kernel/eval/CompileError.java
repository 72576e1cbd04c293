package io.perceptron.kernel.eval;

/**
 * One error a compiler found in a cell, in the cell's own lines and columns (1-based), as
 * {@link Tracebacks#compilationFailure} shows it: a header naming the place, the source line,
 * and carets under the offending text.
 *
 * @param message   the compiler's message in the user's terms ({@code Unresolved reference: x})
 * @param line      the line the error starts on, or 0 if the compiler gave no place
 * @param column    the column it starts at
 * @param endLine   the line it ends on, or 0 if unknown
 * @param endColumn the column after its last character, or 0 if unknown
 */
public record CompileError(String message, int line, int column, int endLine, int endColumn) {

    /** An error the compiler gave no place for. */
    public static CompileError unplaced(String message) {
        return new CompileError(message, 0, 0, 0, 0);
    }

    /** Whether the compiler said where the error is. */
    public boolean hasPlace() {
        return line >= 1;
    }
}
