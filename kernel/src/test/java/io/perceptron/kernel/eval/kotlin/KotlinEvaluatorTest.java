package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.EvalResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Running cells: state across cells, values and their types, compile and runtime errors. */
class KotlinEvaluatorTest extends WithKotlinSession {

    /** Frames of the machinery under a cell, none of which may reach a user's traceback. */
    private static final List<String> MACHINERY = List.of(
            "kotlin.script.experimental", "org.jetbrains.kotlin", "jdk.internal", "java.lang.reflect",
            "io.perceptron.kernel", "Cell_");

    @Test
    void valsVarsFunctionsAndClassesCarryAcrossCells() {
        noValue("var counter = 1");
        noValue("counter += 4");
        noValue("fun twice(x: Int) = 2 * x");
        noValue("data class Point(val x: Int, val y: Int)");
        noValue("val origin = Point(0, 0)");

        EvalResult.Value result = value("twice(counter) + Point(3, 4).y + origin.x");

        assertEquals(14, result.value());
    }

    @Test
    void valueOfAClassDefinedInACellIsNamedAsTheUserDeclaredIt() {
        noValue("data class Weights(val w: Double, val b: Double)");

        EvalResult.Value weights = value("Weights(0.5, 1.0)");

        assertEquals("Weights", weights.typeName());
        assertEquals("Weights(w=0.5, b=1.0)", weights.value().toString());
    }

    @Test
    void lastExpressionGivesItsValueAndStaticType() {
        assertEquals(new EvalResult.Value(42, "kotlin.Int"), kotlin.evaluate("6 * 7"));
        assertEquals(new EvalResult.Value("perceptron", "kotlin.String"), kotlin.evaluate("\"perceptron\""));
        assertEquals(new EvalResult.Value(List.of(1, 2), "kotlin.collections.List<kotlin.Int>"),
                kotlin.evaluate("listOf(1, 2)"));
        EvalResult.Value nothing = value("val absent: String? = null\nabsent");
        assertEquals(null, nothing.value());
        assertTrue(nothing.typeName().startsWith("kotlin.String"), nothing.typeName());
    }

    @Test
    void statementsAndUnitExpressionsGiveNoValue() {
        noValue("val declaredOnly = 3");
        noValue("println(\"printed, not returned\")");
        noValue("if (declaredOnly > 1) Unit");
    }

    @Test
    void nameOfCellThatFailedAtRunTimeCanBeDefinedAgain() {
        assertInstanceOf(EvalResult.Failure.class, kotlin.evaluate("val ratio = 10 / 0"));

        noValue("val ratio = 5");

        assertEquals(10, value("ratio * 2").value());
    }

    @Test
    void usingANameFromACellThatFailedExplainsWhatToDo() {
        assertEquals("java.lang.IllegalStateException",
                failure(kotlin.evaluate("val unfinished = 1\nerror(\"stops before the end\")", 40)).name());

        EvalResult.Failure failure = failure(kotlin.evaluate("unfinished + 1", 41));

        assertEquals("java.lang.NullPointerException", failure.name());
        assertEquals("unfinished is defined by cell 40, which did not finish, so it has no value. "
                + "Run cell 40 again, or define unfinished anew.", failure.message());
        assertEquals(List.of("java.lang.NullPointerException: " + failure.message(), "    at cell 41, line 1"),
                failure.traceback());
    }

    @Test
    void aDslAdviceErrorShowsItsMessageAndTheCellLineWithoutTheLibrarysInsides() {
        EvalResult.Failure failure = failure(kotlin.evaluate(
                "val moons = Datasets.moons(50, 0.1, 1)\nmoons.let { Plot.scatter(it, \"x9\", \"x2\") }", 60));

        assertEquals("io.perceptron.dsl.PerceptronException", failure.name());
        assertEquals(List.of("io.perceptron.dsl.PerceptronException: " + failure.message(), "    at cell 60, line 2"),
                failure.traceback(), "only the message and the cell's own frames");
        assertTrue(failure.message().contains("x9") && failure.message().contains("x1, x2, label"), failure.message());
    }

    @Test
    void nameOfCellThatDidNotCompileCanBeDefinedAgain() {
        assertEquals("CompilationError", failure("val label: Int = \"text\"").name());

        noValue("val label = \"text\"");

        assertEquals("TEXT", value("label.uppercase()").value());
    }

    @Test
    void compileErrorPointsAtCellLineAndColumnWithSourceLineAndCaret() {
        EvalResult.Failure failure = failure(kotlin.evaluate("val a = 1\nval b = a + undefinedName", 7));

        assertEquals("CompilationError", failure.name());
        assertTrue(failure.message().contains("Unresolved reference"), failure.message());
        assertTrue(failure.message().contains("cell 7, line 2, column 13"), failure.message());
        assertEquals(List.of(
                "error at cell 7, line 2, column 13: Unresolved reference: undefinedName",
                "    val b = a + undefinedName",
                "                ^^^^^^^^^^^^^"), failure.traceback());
    }

    @Test
    void everyCompileErrorIsShownAndWarningsAreNot() {
        String cell = """
                fun helper() {
                    val neverUsed = 1
                }
                val first: Int = "one"
                val second = missingFunction()
                """;

        EvalResult.Failure failure = failure(kotlin.evaluate(cell, 8));

        List<String> headers = failure.traceback().stream().filter(line -> line.startsWith("error at")).toList();
        assertEquals(2, headers.size(), failure.traceback().toString());
        assertTrue(headers.get(0).startsWith("error at cell 8, line 4, column 18:"), headers.get(0));
        assertTrue(headers.get(1).startsWith("error at cell 8, line 5, column 14:"), headers.get(1));
        assertTrue(failure.message().endsWith("(and 1 more error)"), failure.message());
        assertFalse(String.join("\n", failure.traceback()).contains("neverUsed"), failure.traceback().toString());
    }

    @Test
    void runtimeErrorNamesExceptionAndTracesCellLinesOnly() {
        String cell = """
                fun divide(a: Int, b: Int): Int {
                    return a / b
                }
                divide(1, 0)
                """;

        EvalResult.Failure failure = failure(kotlin.evaluate(cell, 9));

        assertEquals("java.lang.ArithmeticException", failure.name());
        assertEquals("/ by zero", failure.message());
        assertEquals(List.of(
                "java.lang.ArithmeticException: / by zero",
                "    at divide (cell 9, line 2)",
                "    at cell 9, line 4"), failure.traceback());
    }

    @Test
    void runtimeErrorKeepsFramesOfLibrariesTheCellCalled() {
        EvalResult.Failure failure = failure(kotlin.evaluate("val empty = listOf<Int>()\nempty.first()", 10));

        assertEquals("java.util.NoSuchElementException", failure.name());
        assertEquals("List is empty.", failure.message());
        List<String> frames = failure.traceback().subList(1, failure.traceback().size());
        assertTrue(frames.get(0).startsWith("    at kotlin.collections.CollectionsKt"), frames.toString());
        assertEquals("    at cell 10, line 2", frames.get(frames.size() - 1));
        assertNoMachinery(failure.traceback());
    }

    @Test
    void runtimeErrorShowsCauseChainTrimmedTheSameWay() {
        String cell = """
                fun parse(text: String): Int =
                    try { text.toInt() } catch (e: NumberFormatException) { throw IllegalStateException("not a count: " + text, e) }
                parse("many")
                """;

        EvalResult.Failure failure = failure(kotlin.evaluate(cell, 11));

        assertEquals("java.lang.IllegalStateException", failure.name());
        assertEquals("not a count: many", failure.message());
        List<String> lines = failure.traceback();
        int causedBy = lines.indexOf("Caused by: java.lang.NumberFormatException: For input string: \"many\"");
        assertTrue(causedBy > 0, lines.toString());
        assertTrue(lines.subList(0, causedBy).contains("    at parse (cell 11, line 2)"), lines.toString());
        assertTrue(lines.subList(causedBy, lines.size()).stream().anyMatch(l -> l.startsWith("    at java.lang.Integer.parseInt")),
                lines.toString());
        assertNoMachinery(lines);
    }

    @Test
    void exceptionWithoutMessageIsNamedByItsType() {
        EvalResult.Failure failure = failure(kotlin.evaluate("val missing: String? = null\nmissing!!.length", 12));

        assertEquals("java.lang.NullPointerException", failure.name());
        assertEquals("NullPointerException", failure.message());
        assertEquals("java.lang.NullPointerException", failure.traceback().get(0));
        assertEquals("    at cell 12, line 2", failure.traceback().get(1));
    }

    @Test
    void errorsInsideLambdasAndClassesOfACellPointAtTheirLines() {
        String cell = """
                class Scaler(val factor: Int) {
                    fun apply(values: List<Int>) = values.map { v -> v / factor }
                }
                Scaler(0).apply(listOf(1, 2))
                """;

        EvalResult.Failure failure = failure(kotlin.evaluate(cell, 13));

        List<String> lines = failure.traceback();
        assertTrue(lines.contains("    at Scaler.apply (cell 13, line 2)"), lines.toString());
        assertEquals("    at cell 13, line 4", lines.get(lines.size() - 1));
        assertNoMachinery(lines);
    }

    @Test
    void exitingTheJvmFromACellIsRefusedAndEveryVariableIsKept() {
        noValue("val keptThroughExit = 6");

        for (String exit : List.of("System.exit(0)", "Runtime.getRuntime().halt(1)", "kotlin.system.exitProcess(2)",
                "listOf(0).forEach(System::exit)")) {
            EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, kotlin.evaluate(exit, 40));

            assertEquals("java.lang.UnsupportedOperationException", failure.name(), exit);
            assertTrue(failure.message().startsWith("A cell cannot stop the kernel; use Kernel → Restart."), failure.message());
            assertTrue(failure.traceback().contains("    at cell 40, line 1"), failure.traceback().toString());
            assertNoMachinery(failure.traceback());
        }
        assertEquals(new EvalResult.Value(7, "kotlin.Int"), kotlin.evaluate("keptThroughExit + 1"));
    }

    @Test
    void cellsAreNumberedInOrderWhenNoNumberIsGiven() {
        try (KotlinEvaluator fresh = TestCellClassPath.newEvaluator()) {
            fresh.evaluate("val first = 1");

            EvalResult.Failure failure = failure(fresh.evaluate("error(\"second cell fails\")"));

            assertEquals(List.of("java.lang.IllegalStateException: second cell fails", "    at cell 2, line 1"),
                    failure.traceback());
        }
    }

    @Test
    void sameCellNumberRunTwiceKeepsBothDefinitions() {
        noValue(kotlin.evaluate("val fromFirstRun = 1", 20));
        noValue(kotlin.evaluate("val fromSecondRun = 2", 20));

        assertEquals(3, value("fromFirstRun + fromSecondRun").value());
    }

    private static void assertNoMachinery(List<String> traceback) {
        for (String line : traceback) {
            for (String hidden : MACHINERY) {
                assertFalse(line.contains(hidden), () -> "'" + line + "' shows " + hidden + " in " + traceback);
            }
        }
    }

    private static EvalResult.Value value(String code) {
        EvalResult result = kotlin.evaluate(code);
        return assertInstanceOf(EvalResult.Value.class, result, () -> code + " gave " + result);
    }

    private static void noValue(String code) {
        noValue(kotlin.evaluate(code));
    }

    private static void noValue(EvalResult result) {
        assertInstanceOf(EvalResult.NoValue.class, result, () -> "expected no value, got " + result);
    }

    private static EvalResult.Failure failure(String code) {
        return failure(kotlin.evaluate(code));
    }
}
