package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.CellFrames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The snippet class of each cell and the cell number a user sees for it, so a stack frame in
 * {@code Cell_3} reads "cell 3, line 2" and compiler names never collide.
 */
final class CellNames implements CellFrames {

    /** Frames of the Kotlin scripting host, compiler and coroutine machinery under every cell. */
    private static final List<String> MACHINERY = List.of(
            "kotlin.script.experimental.", "org.jetbrains.kotlin.", "kotlin.coroutines.jvm.internal.");

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

    /**
     * {@code cell 9, line 4} for a cell's top-level code, {@code divide (cell 9, line 2)} for a
     * function, {@code Scaler.apply (...)} for a member of a class declared in a cell, and
     * {@code lambda in f (...)} for a lambda.
     */
    @Override
    public Optional<String> describe(StackTraceElement frame) {
        return cellOf(frame.getClassName()).map(cell -> {
            int line = frame.getLineNumber();
            // Lines past the end of the cell come from inlined library functions (Kotlin's inline line mapping).
            String where = "cell " + cell.number() + (line >= 1 && line <= cell.lineCount() ? ", line " + line : "");
            String member = memberName(frame, cell);
            return member == null ? where : member + " (" + where + ")";
        });
    }

    @Override
    public List<String> machineryPackages() {
        return MACHINERY;
    }

    /** The user's name for the code of a cell frame: null for top-level cell code, {@code f}, {@code Foo.bar}, {@code lambda in f}. */
    private static String memberName(StackTraceElement frame, Cell cell) {
        String className = frame.getClassName();
        String method = frame.getMethodName();
        if (className.equals(cell.className())) {
            return method.equals("<init>") ? null : method;
        }
        String[] nested = className.substring(cell.className().length() + 1).split("\\$");
        if (isNumber(nested[nested.length - 1])) {
            return nested.length > 1 && !isNumber(nested[0]) ? "lambda in " + nested[0] : "lambda";
        }
        return String.join(".", nested) + "." + method;
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
