package io.perceptron.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner works with any {@link Evaluator}, whatever its language: here a stand-in whose
 * "cells" are {@code sleep}, {@code fail} or an echo, and whose cell control is the default,
 * {@link CellControl#interruptOnly()}. (Escalating to a stop by force is the Kotlin evaluator's,
 * tested in {@code eval.kotlin.KotlinInterruptTest}.)
 */
class CellRunnerTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final SleepingEvaluator evaluator = new SleepingEvaluator();
    private final CellRunner runner = new CellRunner(evaluator);

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void runsEachCellOnTheWorkerThreadAndReturnsItsResult() {
        EvalResult.Value result = assertInstanceOf(EvalResult.Value.class, runner.run("echo", 3));

        assertEquals("echo as cell 3", result.value());
        assertTrue(evaluator.lastThread.getName().startsWith("perceptron-cell-"), evaluator.lastThread.getName());
    }

    @Test
    void anInterruptEndsACellThatHonoursItWithTheEvaluatorsOwnAnswer() {
        EvalResult.Failure failure = assertTimeoutPreemptively(HANG_GUARD, () -> {
            CompletableFuture<EvalResult> result = CompletableFuture.supplyAsync(() -> runner.run("sleep", 1));
            evaluator.sleeping.await();
            runner.interrupt();
            return assertInstanceOf(EvalResult.Failure.class, result.get());
        });

        assertEquals("Interrupted", failure.name());
        assertEquals("the stand-in woke up early", failure.message());
        assertFalse(runner.isRunning());
        assertEquals(new EvalResult.Value("echo as cell 2", "String"), runner.run("echo", 2));
    }

    @Test
    void anEvaluatorThatThrowsGivesAFailureNamingTheErrorAndTheRunnerGoesOn() {
        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, runner.run("fail", 5));

        assertEquals(EvalMessages.EVALUATION_ERROR, failure.name());
        assertTrue(failure.message().contains("java.lang.IllegalStateException: the stand-in broke"), failure.message());
        assertTrue(failure.message().contains("restart the kernel"), failure.message());
        assertEquals(new EvalResult.Value("echo as cell 6", "String"), runner.run("echo", 6));
    }

    @Test
    void aClosedRunnerRefusesCellsAndSaysSo() {
        runner.close();

        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, runner.run("echo", 1));

        assertEquals(EvalMessages.EVALUATION_ERROR, failure.name());
        assertEquals("This session is closed; restart the kernel to run cells again.", failure.message());
    }

    @Test
    void theDefaultCellControlOnlyInterrupts() {
        CellControl control = evaluator.cellControl();
        Thread self = Thread.currentThread();

        assertTrue(control.interruptCell(self));
        assertTrue(Thread.interrupted(), "the thread was interrupted (and is no longer)");
        assertEquals(CellControl.Stop.UNSUPPORTED, control.stopCell(self));
        assertEquals(Optional.empty(), control.abandonCell(self));
    }

    /** A language of three cells, with no control of its own: only the default. */
    private static final class SleepingEvaluator implements Evaluator {
        final CountDownLatch sleeping = new CountDownLatch(1);
        volatile Thread lastThread;

        @Override
        public EvalResult evaluate(String code) {
            return evaluate(code, 0);
        }

        @Override
        public EvalResult evaluate(String code, int cellNumber) {
            lastThread = Thread.currentThread();
            switch (code) {
                case "sleep" -> {
                    sleeping.countDown();
                    try {
                        Thread.sleep(600_000);
                        return new EvalResult.NoValue();
                    } catch (InterruptedException e) {
                        return new EvalResult.Failure("Interrupted", "the stand-in woke up early", List.of());
                    }
                }
                case "fail" -> throw new IllegalStateException("the stand-in broke");
                default -> {
                    return new EvalResult.Value(code + " as cell " + cellNumber, "String");
                }
            }
        }

        @Override
        public Completions complete(String code, int cursor) {
            return Completions.none(cursor);
        }

        @Override
        public Optional<String> inspect(String code, int cursor) {
            return Optional.empty();
        }

        @Override
        public Completeness isComplete(String code) {
            return Completeness.UNKNOWN;
        }

        @Override
        public ClassLoader cellClassLoader() {
            return getClass().getClassLoader();
        }

        @Override
        public List<String> imports() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
