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
 * evaluator's cell control: a cell that honours the interrupt, one that ignores it, and one that
 * even survives {@code Thread.stop}. The session stays usable and keeps earlier definitions each time.
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
        // JDK 17-19 stop the loop; later JDKs cannot, and the runner abandons its thread instead.
        assertTrue(failure.message().equals("The cell was interrupted.")
                || failure.message().contains("left running in the background"), failure.message());
        assertTrue(failure.traceback().contains("    at cell 31, line 1"), failure.traceback().toString());
        assertEquals(new EvalResult.Value(42, "kotlin.Int"), runner.run("keptAcrossInterrupt + 1"));
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
        runner.run("val spinning = java.util.concurrent.atomic.AtomicBoolean(true)");
        runner.run("var beforeAbandon = \"kept\"");
        String stubborn = """
                while (spinning.get()) {
                    try { while (spinning.get()) {} } catch (t: Throwable) { }
                }
                """;

        EvalResult.Failure failure = runAndInterrupt(stubborn, 33);

        assertEquals("Interrupted", failure.name());
        assertTrue(failure.message().contains("left running in the background"), failure.message());
        assertEquals(new EvalResult.Value("kept!", "kotlin.String"), runner.run("beforeAbandon + \"!\""));
        // Lets the abandoned thread finish; its late result must change nothing.
        runner.run("spinning.set(false)");
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
