package io.perceptron.kernel.eval.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.CellImports;
import io.perceptron.kernel.eval.Completeness;
import io.perceptron.kernel.eval.Completions;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.kotlin.TestCellClassPath;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Java cells through JShell: state, values, errors at cell lines, completion, is-complete, inspection. */
class JavaEvaluatorTest {

    private static JavaEvaluator java;

    @BeforeAll
    static void openSession() {
        java = JavaEvaluator.over(TestCellClassPath.entries(), CellImports.STANDARD);
    }

    @AfterAll
    static void closeSession() {
        java.close();
    }

    @Test
    void variablesMethodsAndClassesCarryAcrossCells() {
        assertEquals(new EvalResult.NoValue(), java.evaluate("int counter = 1;\ncounter += 4;"));
        assertEquals(new EvalResult.NoValue(), java.evaluate("int twice(int x) {\n    return 2 * x;\n}"));
        assertEquals(new EvalResult.NoValue(), java.evaluate("record Point(int x, int y) {}\nvar origin = new Point(0, 0);"));

        assertEquals(new EvalResult.Value(14, "int"), java.evaluate("twice(counter) + new Point(3, 4).y() + origin.x()"));
    }

    @Test
    void lastExpressionOfACellIsItsValueWithItsStaticType() {
        assertEquals(new EvalResult.Value("perceptron", "String"), java.evaluate("var name = \"percep\";\nname + \"tron\""));
        assertEquals(new EvalResult.Value(List.of(1, 2), "List<Integer>"), java.evaluate("List.of(1, 2)"));
        java.evaluate("var answer = 42;");
        assertEquals(new EvalResult.Value(42, "int"), java.evaluate("answer"));
        assertEquals(new EvalResult.NoValue(), java.evaluate("System.out.println(answer);"));
        assertEquals(new EvalResult.NoValue(), java.evaluate("answer = 43"));
    }

    @Test
    void theDslIsImportedAndValuesAreTheRealObjects() {
        EvalResult.Value table = assertInstanceOf(EvalResult.Value.class,
                java.evaluate("Table.create(\"t\", IntColumn.create(\"n\", 1, 2, 3))"));

        assertEquals("Table", table.typeName());
        assertEquals("tech.tablesaw.api.Table", table.value().getClass().getName());
        assertEquals(java.cellClassLoader(), table.value().getClass().getClassLoader());
    }

    @Test
    void compileErrorPointsAtTheCellsLineAndColumnAfterEarlierPiecesRan() {
        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class,
                java.evaluate("var before = 1;\n\nint wrong = before + missing;", 7));

        assertEquals("CompilationError", failure.name());
        assertTrue(failure.message().contains("at cell 7, line 3, column 22"), failure.message());
        assertEquals(List.of("    int wrong = before + missing;", "                         ^^^^^^^"),
                failure.traceback().subList(1, 3));
        assertEquals(new EvalResult.Value(1, "int"), java.evaluate("before"));
    }

    @Test
    void runtimeErrorShowsOnlyUserFramesInCellLines() {
        java.evaluate("int divide(int a, int b) {\n    return a / b;\n}", 8);

        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class,
                java.evaluate("var one = 1;\nvar zero = 0;\ndivide(one, zero)", 9));

        assertEquals("java.lang.ArithmeticException", failure.name());
        assertEquals("/ by zero", failure.message());
        assertEquals(List.of("java.lang.ArithmeticException: / by zero",
                "    at divide (cell 8, line 2)", "    at cell 9, line 3"), failure.traceback());
    }

    @Test
    void anUnfinishedCellIsIncompleteAndAStrayBraceInvalid() {
        assertEquals(Completeness.COMPLETE, java.isComplete("var x = 1;\nx + 1"));
        assertEquals(Completeness.INCOMPLETE, java.isComplete("void f() {\n  int y = 2;"));
        assertEquals(Completeness.INVALID, java.isComplete("}"));
    }

    @Test
    void completionOffersMembersAndNamesOfEarlierCells() {
        java.evaluate("var learningRate = 0.1;\nvar word = \"abc\";");
        Completions members = java.complete("var n = 1;\nword.toUpp", 20);
        assertTrue(members.matches().contains("toUpperCase("), members.matches().toString());
        assertEquals(16, members.start());

        Completions names = java.complete("learningR", 9);
        assertEquals(List.of("learningRate"), names.matches());
        assertEquals(0, names.start());
    }

    @Test
    void inspectionGivesSignaturesAndVariables() {
        java.evaluate("var batchSize = 32;");

        assertTrue(java.inspect("Math.max(1, 2)", 6).orElseThrow().contains("max(int"));
        assertTrue(java.inspect("Math.max", 8).orElseThrow().contains("max(long"));
        assertEquals("int batchSize = 32", java.inspect("batchSize + 1", 3).orElseThrow());
        assertFalse(java.inspect("   ", 1).isPresent());
        java.evaluate("var label = \"moons\";");
        assertEquals("String label = \"moons\"", java.inspect("label", 2).orElseThrow());
    }

    @Test
    void inspectionRunsNoCodeACellDeclared() {
        java.evaluate("record Secret(int n) {\n    public String toString() { throw new IllegalStateException(\"ran\"); }\n}\n"
                + "var hidden = new Secret(1);");

        assertEquals("Secret hidden", java.inspect("hidden", 2).orElseThrow());
    }

    @Test
    void aMethodUsingANameNotDeclaredYetSaysWhichWhenCalled() {
        assertEquals(new EvalResult.NoValue(), java.evaluate("int later() { return notYet * 2; }"));

        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, java.evaluate("later()", 12));

        assertEquals("UnresolvedReference", failure.name());
        assertTrue(failure.message().startsWith("later uses variable notYet"), failure.message());
        java.evaluate("int notYet = 21;");
        assertEquals(new EvalResult.Value(42, "int"), java.evaluate("later()"));
    }
}
