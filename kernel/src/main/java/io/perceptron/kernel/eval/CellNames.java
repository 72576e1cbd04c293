package io.perceptron.kernel.eval;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The snippet class of each cell and the cell number a user sees for it, so a stack frame in
 * {@code Cell_3} reads "cell 3, line 2" and compiler names never collide.
 */
final class CellNames {

    /**
     * One compiled cell.
     *
     * @param className the snippet class the compiler generated
     * @param number    the cell number shown to the user
     * @param lineCount lines in the cell, to tell real cell lines from inlined library code
     */
    record Cell(String className, int number, int lineCount) {
    }

    /** The compiler's qualifier for a class declared in a cell ({@code Cell_3.Point}), or in analysed code. */
    private static final Pattern CELL_QUALIFIER = Pattern.compile("\\b(?:Cell|Scratch)_\\d+(?:_\\d+)?\\.");

    private final Map<String, Cell> byClassName = new ConcurrentHashMap<>();
    private final AtomicInteger scratchCounter = new AtomicInteger();

    /** Reserves a fresh class name for cell {@code number}: {@code Cell_3}, or {@code Cell_3_2} when re-run under the same number. */
    synchronized Cell register(int number, String code) {
        String base = "Cell_" + Math.max(0, number);
        String name = base;
        for (int attempt = 2; byClassName.containsKey(name); attempt++) {
            name = base + "_" + attempt;
        }
        Cell cell = new Cell(name, number, (int) code.lines().count());
        byClassName.put(name, cell);
        return cell;
    }

    /** A name for code that is analysed but never run (completion, inspection); never reused. */
    String scratchName() {
        return "Scratch_" + scratchCounter.incrementAndGet();
    }

    /**
     * {@code text} (a type, a signature, a compiler message) with cells' class qualifiers removed:
     * a user declared {@code Point}, not {@code Cell_3.Point}.
     */
    static String withoutCellQualifiers(String text) {
        return text == null ? null : CELL_QUALIFIER.matcher(text).replaceAll("");
    }

    /** The cell a class belongs to: its snippet class, or a class nested in it ({@code Cell_3$Foo}, lambdas). */
    Optional<Cell> cellOf(String className) {
        int dollar = className.indexOf('$');
        return Optional.ofNullable(byClassName.get(dollar < 0 ? className : className.substring(0, dollar)));
    }
}
