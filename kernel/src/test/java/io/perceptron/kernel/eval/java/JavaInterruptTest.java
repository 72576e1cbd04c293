package io.perceptron.kernel.eval.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.CellImports;
import io.perceptron.kernel.eval.CellRunner;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.kotlin.TestCellClassPath;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interrupting Java cells through the {@link CellRunner}: a sleeping cell ends on the polite
 * interrupt, a busy loop ends at its own check (the bytecode guard's, on every JDK), and a cell
 * stuck in library code that survives the stop is abandoned while the session goes on with its
 * earlier variables.
 *
 * <p>The timeouts only keep a broken interrupt from hanging the build.
 */
class JavaInterruptTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static JavaEvaluator java;
    private static CellRunner runner;

    @BeforeAll
    static void start() {
        java = JavaEvaluator.over(TestCellClassPath.entries(), CellImports.STANDARD);
        runner = new CellRunner(java);
    }

    @AfterAll
    static void stop() {
        runner.close();
        java.close();
    }

    @Test
    void sleepingCellEndsOnThePoliteInterruptAtItsLine() {
        runner.run("var keptAcrossInterrupt = 41;");

        EvalResult.Failure failure = runAndInterrupt("var before = 1;\n{ System.setProperty(\"perceptron.test.sleeping\", \"yes\"); Thread.sleep(600_000); }\n"
                + "System.out.println(\"never\");", 32, "perceptron.test.sleeping");

        assertEquals("Interrupted", failure.name());
        assertTrue(failure.traceback().contains("    at cell 32, line 2"), failure.traceback().toString());
        assertEquals(new EvalResult.Value(42, "int"), runner.run("keptAcrossInterrupt + 1"));
    }

    @Test
    void busyLoopEndsAtItsOwnCheckAndTheSessionGoesOn() {
        EvalResult.Failure failure = runAndInterrupt(
                "for (long spins = 0; ; spins++) { if (spins == 0) System.setProperty(\"perceptron.test.looping\", \"yes\"); }",
                31, "perceptron.test.looping");

        assertEquals("Interrupted", failure.name());
        assertEquals("The cell was interrupted.", failure.message());
        assertTrue(failure.traceback().contains("    at cell 31, line 1"), failure.traceback().toString());
        assertFalse(String.join("\n", failure.traceback()).contains("stopped by force"), failure.traceback().toString());
        assertEquals(new EvalResult.Value(5, "int"), runner.run("2 + 3"));
    }

    @Test
    void catchingThrowableInsideTheLoopDoesNotKeepTheCellAlive() {
        String stubborn = """
                long turns = 0;
                while (true) {
                    System.setProperty("perceptron.test.catching", "yes");
                    try { while (true) { turns++; } } catch (Throwable t) { }
                }
                """;

        EvalResult.Failure failure = runAndInterrupt(stubborn, 36, "perceptron.test.catching");

        assertEquals("Interrupted", failure.name());
        assertEquals("The cell was interrupted.", failure.message());
    }

    @Test
    void anInterruptedCellsTracebackNamesTheLinesOfTheMethodAndTheExpression() {
        runner.run("long spinUntilStopped() {\n    long n = 0;\n"
                + "    while (true) { n++; if (n == 1) System.setProperty(\"perceptron.test.spinning\", \"yes\"); }\n}", 40);

        EvalResult.Failure failure = runAndInterrupt("var before = 0;\nspinUntilStopped()", 41, "perceptron.test.spinning");

        assertEquals(List.of("    at spinUntilStopped (cell 40, line 3)", "    at cell 41, line 2"),
                failure.traceback().stream().filter(line -> line.startsWith("    at ")).toList());
    }

    @Test
    void cellStuckInLibraryCodeIsAbandonedAndItsLateEndChangesNothing() {
        runner.run("var gate = new java.util.concurrent.Semaphore(0);\nvar beforeAbandon = \"kept\";");
        // Library code that ignores interrupts and survives Thread.stop: the cell's checks never run.
        String stubborn = """
                {
                    var g = gate;
                    System.setProperty("perceptron.test.stuck", "yes");
                    try { g.acquireUninterruptibly(); } catch (Throwable t) { g.acquireUninterruptibly(); }
                }
                """;

        EvalResult.Failure failure = runAndInterrupt(stubborn, 33, "perceptron.test.stuck");

        assertEquals("Interrupted", failure.name());
        assertTrue(failure.message().contains("left running in the background"), failure.message());
        assertTrue(failure.traceback().contains("    at cell 33, line 4"), failure.traceback().toString());
        assertEquals(new EvalResult.Value("kept!", "String"), runner.run("beforeAbandon + \"!\""));
        // Lets the abandoned thread finish; its late result must change nothing.
        runner.run("gate.release(2);");
        assertEquals(new EvalResult.Value(3, "int"), runner.run("1 + 2"));
        assertEquals(new EvalResult.Value("kept", "String"), runner.run("beforeAbandon"));
    }

    @Test
    void anInterruptBetweenPiecesSaysTheCellWasInterruptedNotThatNothingRan() {
        // The first piece ends when it sees the interrupt; the second must then not start.
        String cell = "{ System.setProperty(\"perceptron.test.firstPiece\", \"yes\"); "
                + "while (!Thread.currentThread().isInterrupted()) { } }\n"
                + "System.setProperty(\"perceptron.test.secondPieceRan\", \"yes\");";

        EvalResult.Failure failure = runAndInterrupt(cell, 34, "perceptron.test.firstPiece");

        assertEquals("Interrupted", failure.name());
        assertEquals("The cell was interrupted.", failure.message());
        assertEquals(null, System.getProperty("perceptron.test.secondPieceRan"));
    }

    /** Runs {@code code}, and interrupts it once it has set the system property {@code started}: its code runs. */
    private static EvalResult.Failure runAndInterrupt(String code, int cellNumber, String started) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            CompletableFuture<EvalResult> result = CompletableFuture.supplyAsync(() -> runner.run(code, cellNumber));
            while (System.getProperty(started) == null && !result.isDone()) {
                Thread.sleep(5);
            }
            runner.interrupt();
            return assertInstanceOf(EvalResult.Failure.class, result.get());
        });
    }
}
