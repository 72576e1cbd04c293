package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.CellRunner;
import io.perceptron.kernel.eval.EvalResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interrupting Kotlin cells through the {@link CellRunner}, with every step of the Kotlin
 * evaluator's cell control: a busy loop anywhere in the cell's code (ended by the checks put into
 * its bytecode), a cell that sleeps, and one stuck in library code that even survives
 * {@code Thread.stop}. The session stays usable and keeps earlier definitions each time.
 *
 * <p>The timeouts below only keep a broken interrupt from hanging the build; they are far above
 * the time an interrupt takes.
 */
class KotlinInterruptTest extends WithKotlinSession {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private static CellRunner runner;

    @BeforeAll
    static void startRunner() {
        runner = new CellRunner(kotlin);
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
    }

    @Test
    void busyLoopIsStoppedAndNextCellSeesEarlierState() {
        assertInstanceOf(EvalResult.NoValue.class, runner.run("val keptAcrossInterrupt = 41"));

        EvalResult.Failure failure = runAndInterrupt("while (true) {}", 31);

        assertEquals("Interrupted", failure.name());
        // On every JDK: the loop's own check ends it, no Thread.stop, no abandoned thread.
        assertEquals("The cell was interrupted.", failure.message());
        assertTrue(failure.traceback().contains("    at cell 31, line 1"), failure.traceback().toString());
        assertFalse(String.join("\n", failure.traceback()).contains("stopped by force"), failure.traceback().toString());
        assertEquals(new EvalResult.Value(42, "kotlin.Int"), runner.run("keptAcrossInterrupt + 1"));
    }

    @Test
    void loopsInFunctionsLambdasAndClassesOfTheCellAreStoppedToo() {
        String cell = """
                class Spinner { fun spin(): Long { var n = 0L; while (true) { n++ } } }
                fun viaFunction(): Long = Spinner().spin()
                val viaLambda = { generateSequence(0) { it + 1 }.forEach { } }
                listOf(1).map { viaFunction() }
                """;

        EvalResult.Failure failure = runAndInterrupt(cell, 35);

        assertEquals("Interrupted", failure.name());
        assertEquals("The cell was interrupted.", failure.message());
        assertEquals(new EvalResult.Value(2, "kotlin.Int"), runner.run("1 + 1"));
    }

    @Test
    void catchingThrowableInsideTheLoopDoesNotKeepTheCellAlive() {
        String stubborn = """
                var turns = 0L
                while (true) {
                    try { while (true) { turns++ } } catch (t: Throwable) { }
                }
                """;

        EvalResult.Failure failure = runAndInterrupt(stubborn, 36);

        assertEquals("Interrupted", failure.name());
        assertEquals("The cell was interrupted.", failure.message());
    }

    @Test
    void sleepingCellEndsOnThePoliteInterrupt() {
        EvalResult.Failure failure = runAndInterrupt("Thread.sleep(600_000)\nprintln(\"never\")", 32);

        assertEquals("Interrupted", failure.name());
        assertTrue(failure.traceback().contains("    at cell 32, line 1"), failure.traceback().toString());
        assertFalse(String.join("\n", failure.traceback()).contains("stopped by force"), failure.traceback().toString());
        assertEquals(new EvalResult.Value("still here", "kotlin.String"), runner.run("\"still here\""));
    }

    @Test
    void cellThatSurvivesStopIsAbandonedAndSessionGoesOn() {
        runner.run("val gate = java.util.concurrent.Semaphore(0)");
        runner.run("var beforeAbandon = \"kept\"");
        // Library code that ignores interrupts and survives Thread.stop: the cell's checks never run.
        String stubborn = """
                run {
                    val g = gate  // read once: reading an earlier cell's value calls that cell's (checked) code
                    try { g.acquireUninterruptibly() } catch (t: Throwable) { g.acquireUninterruptibly() }
                }
                """;

        EvalResult.Failure failure = runAndInterrupt(stubborn, 33);

        assertEquals("Interrupted", failure.name());
        assertTrue(failure.message().contains("left running in the background"), failure.message());
        assertEquals(new EvalResult.Value("kept!", "kotlin.String"), runner.run("beforeAbandon + \"!\""));
        // Lets the abandoned thread finish; its late result must change nothing.
        runner.run("gate.release(2)");
        assertEquals(new EvalResult.Value(3, "kotlin.Int"), runner.run("1 + 2"));
    }

    @Test
    void cellInterruptedWhileCompilingNeverStarts() {
        // Long enough to compile (seconds) that the interrupt surely arrives before its code could run.
        StringBuilder longCell = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            longCell.append("val generated").append(i).append(" = ").append(i).append(" * 2\n");
        }
        longCell.append("System.setProperty(\"perceptron.test.compiledCellRan\", \"yes\")\n");

        EvalResult.Failure failure = assertTimeoutPreemptively(HANG_GUARD, () -> {
            CompletableFuture<EvalResult> result = CompletableFuture.supplyAsync(() -> runner.run(longCell.toString(), 34));
            while (!runner.isRunning() && !result.isDone()) {
                Thread.onSpinWait();
            }
            runner.interrupt();
            return assertInstanceOf(EvalResult.Failure.class, result.get());
        });

        assertEquals("Interrupted", failure.name());
        assertEquals("The cell was interrupted before its code started; nothing ran.", failure.message());
        assertEquals(null, System.getProperty("perceptron.test.compiledCellRan"));
        assertEquals(new EvalResult.Value(5, "kotlin.Int"), runner.run("2 + 3"));
    }

    @Test
    void interruptWithNoCellRunningChangesNothing() {
        runner.interrupt();

        assertEquals(new EvalResult.Value(7, "kotlin.Int"), runner.run("3 + 4"));
    }

    @Test
    void cellsRunOnAWorkerThreadWithTheCellClassLoaderAsContextLoader() {
        EvalResult.Value thread = assertInstanceOf(EvalResult.Value.class,
                runner.run("Thread.currentThread().name"));
        EvalResult.Value loadsDsl = assertInstanceOf(EvalResult.Value.class, runner.run(
                "Thread.currentThread().contextClassLoader.loadClass(\"io.perceptron.dsl.display.Display\") != null"));

        assertTrue(((String) thread.value()).startsWith("perceptron-cell-"), thread.toString());
        assertEquals(true, loadsDsl.value());
    }

    /**
     * Starts {@code code} on the runner, interrupts it once its own code runs (past compilation: the
     * cell announces itself through a system property, the one channel a cell shares with the test),
     * and returns what the cell gave.
     */
    private static EvalResult.Failure runAndInterrupt(String code, int cellNumber) {
        String started = "perceptron.test.cellStarted." + cellNumber;
        String announced = "System.setProperty(\"" + started + "\", \"yes\"); " + code;
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            CompletableFuture<EvalResult> result = CompletableFuture.supplyAsync(() -> runner.run(announced, cellNumber));
            while (System.getProperty(started) == null && !result.isDone()) {
                Thread.sleep(5);
            }
            runner.interrupt();
            return assertInstanceOf(EvalResult.Failure.class, result.get());
        });
    }
}
