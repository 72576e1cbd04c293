package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.Completions;
import io.perceptron.kernel.eval.EvalResult;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completion and inspection: what a user gets from Tab and Shift+Tab. */
class CompletionAndInspectionTest extends WithKotlinSession {

    @BeforeAll
    static void defineNames() {
        String definitions = """
                val learningRate = 0.01
                var epochsDone = 12
                fun scale(x: Double, factor: Int): Double = x * factor
                val longText = "x".repeat(1000)
                class Layer(val width: Int)
                val hidden = Layer(16)
                """;
        assertInstanceOf(EvalResult.NoValue.class, kotlin.evaluate(definitions));
    }

    @Test
    void completesMemberAfterDotAndReplacesTheTypedPrefix() {
        String code = "\"hello\".len";

        Completions completions = kotlin.complete(code, code.length());

        assertTrue(completions.matches().contains("length"), completions.toString());
        assertEquals("property", completions.types().get(completions.matches().indexOf("length")));
        assertEquals(code.indexOf("len"), completions.start());
        assertEquals(code.length(), completions.end());
    }

    @Test
    void completionInsideANameReplacesTheWholeName() {
        String code = "\"hello\".length";
        int insideLength = code.indexOf("len") + 3;

        Completions completions = kotlin.complete(code, insideLength);

        assertTrue(completions.matches().contains("length"), completions.toString());
        assertEquals(code.indexOf("length"), completions.start());
        assertEquals(code.length(), completions.end());
    }

    @Test
    void completesNamesDefinedByEarlierCells() {
        Completions value = kotlin.complete("learn", 5);
        Completions function = kotlin.complete("val y = sca", 11);

        assertEquals("learningRate", value.matches().get(0), value.toString());
        assertTrue(function.matches().contains("scale("), function.toString());
        assertEquals("function", function.types().get(function.matches().indexOf("scale(")));
        assertEquals(8, function.start());
    }

    @Test
    void completesDefaultImportsAndTheirMembers() {
        Completions completions = kotlin.complete("Table.cr", 8);

        assertTrue(completions.matches().stream().anyMatch(m -> m.startsWith("create(")), completions.toString());
    }

    @Test
    void nothingToCompleteGivesAnEmptyRangeAtTheCursor() {
        Completions completions = kotlin.complete("val q = 1 + zzzzNothing", 23);

        assertEquals(Completions.none(23), completions);
    }

    @Test
    void inspectShowsTypeAndValueOfAValueFromAnEarlierCell() {
        assertEquals(Optional.of("val learningRate: Double = 0.01"), kotlin.inspect("learningRate * 2", 3));
        assertEquals(Optional.of("var epochsDone: Int = 12"), kotlin.inspect("epochsDone + 1", 10));
    }

    @Test
    void inspectShowsSignatureOfAFunction() {
        assertEquals(Optional.of("fun scale(Double, Int): Double"), kotlin.inspect("scale(1.0, 2)", 2));
    }

    @Test
    void inspectShowsTypeOfAMember() {
        assertEquals(Optional.of("length: Int"), kotlin.inspect("\"hello\".length", 10));
    }

    @Test
    void inspectCutsLongValues() {
        String description = kotlin.inspect("longText", 4).orElseThrow();

        assertTrue(description.startsWith("val longText: String = xxx"), description);
        assertTrue(description.endsWith("x…"), description);
        assertTrue(description.length() < 400, "length " + description.length());
    }

    @Test
    void inspectDoesNotRunToStringOfClassesDefinedInCells() {
        assertEquals(Optional.of("val hidden: Layer"), kotlin.inspect("hidden", 3));
    }

    @Test
    void inspectOutsideANameGivesNothing() {
        assertEquals(Optional.empty(), kotlin.inspect("1 + 2", 1));
        assertEquals(Optional.empty(), kotlin.inspect("   ", 1));
    }
}
