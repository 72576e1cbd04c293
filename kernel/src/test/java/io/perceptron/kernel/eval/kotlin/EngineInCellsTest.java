package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import io.perceptron.kernel.eval.EvalResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cells compute with DJL's PyTorch engine, and an operation PyTorch refuses reads as advice:
 * PyTorch's message, the operation's name, what to check, and the cell's frames without DJL's.
 *
 * <p>The only test class whose cells load the engine. A JVM loads PyTorch's native library into
 * one class loader only, and every evaluator has a class loader of its own, so a second class
 * doing the same in this test JVM would get "Failed to load PyTorch native library".
 */
class EngineInCellsTest extends WithKotlinSession {

    private static final String RESHAPE_ADVICE = "PyTorch could not run reshape(...) on these tensors: their shapes "
            + "or types do not fit it. Print them (x.shape, x.dataType) just before the call, then reshape, transpose "
            + "or convert (toType) them so that they fit.";

    @Test
    void cellComputesWithDjlNdArrays() {
        String cell = "NDManager.newBaseManager().use { it.create(floatArrayOf(1f, 2f)).sum().getFloat() }";

        assertEquals(new EvalResult.Value(3.0f, "kotlin.Float"), kotlin.evaluate(cell));
    }

    @Test
    void aTensorOperationPyTorchRefusesShowsItsMessageNamesTheOperationAndAdvises() {
        EvalResult.Failure failure = failure(kotlin.evaluate("val pair = Tensors.of(listOf(1.0, 2.0))\npair.reshape(3)", 14));

        assertEquals("ai.djl.engine.EngineException", failure.name());
        assertEquals("shape '[3]' is invalid for input of size 2 " + RESHAPE_ADVICE, failure.message());
        assertEquals(List.of(
                "ai.djl.engine.EngineException: shape '[3]' is invalid for input of size 2",
                RESHAPE_ADVICE,
                "    at cell 14, line 2"), failure.traceback());
    }

    @Test
    void aRefusedTensorOperationInsideAFunctionKeepsTheCellFramesAndDropsDjls() {
        String cell = """
                fun product(a: NDArray, b: NDArray) = a.matMul(b)
                product(Tensors.of(listOf(listOf(1.0, 2.0))), Tensors.of(listOf(listOf(1.0, 2.0))))
                """;

        EvalResult.Failure failure = failure(kotlin.evaluate(cell, 15));

        List<String> lines = failure.traceback();
        assertEquals("ai.djl.engine.EngineException: mat1 and mat2 shapes cannot be multiplied (1x2 and 1x2)", lines.get(0));
        assertTrue(lines.get(1).startsWith("PyTorch could not run matMul(...) on these tensors"), lines.toString());
        assertEquals(List.of("    at product (cell 15, line 1)", "    at cell 15, line 2"), lines.subList(2, lines.size()));
    }

    @Test
    void anEngineFailureThatIsNoRefusedOperationKeepsItsOrdinaryTrace() {
        // The engine failing to load is an EngineException too, thrown from DJL's Java code rather
        // than from a native operation: it says nothing about shapes, so it gets no shape advice.
        CellNames cells = new CellNames();
        CellNames.Cell cell = cells.register(3, "NDManager.newBaseManager()");
        EngineException error = new EngineException("Failed to load PyTorch native library");
        error.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("ai.djl.pytorch.engine.PtEngineProvider", "getEngine", "PtEngineProvider.java", 60),
                new StackTraceElement("ai.djl.ndarray.NDManager", "newBaseManager", "NDManager.java", 123),
                new StackTraceElement(cell.className(), "<init>", "Line_3.kts", 1)});

        EvalResult.Failure failure = KotlinTracebacks.runtimeFailure(error, cells);

        assertEquals("Failed to load PyTorch native library", failure.message());
        assertEquals(List.of(
                "ai.djl.engine.EngineException: Failed to load PyTorch native library",
                "    at ai.djl.pytorch.engine.PtEngineProvider.getEngine(PtEngineProvider.java:60)",
                "    at ai.djl.ndarray.NDManager.newBaseManager(NDManager.java:123)",
                "    at cell 3, line 1"), failure.traceback());
        assertFalse(failure.traceback().stream().anyMatch(line -> line.startsWith("PyTorch could not run")));
    }
}
