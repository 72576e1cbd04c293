package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.perceptron.kernel.eval.EvalResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the tests that run cells share: one Kotlin session per test class, opened over the test
 * cell class path before the class's first test and closed after its last (a subclass's own
 * {@code @BeforeAll} runs after the session opens, its {@code @AfterAll} before it closes).
 */
abstract class WithKotlinSession {

    static KotlinEvaluator kotlin;

    @BeforeAll
    static void openSession() {
        kotlin = TestCellClassPath.newEvaluator();
    }

    @AfterAll
    static void closeSession() {
        kotlin.close();
    }

    /** The failure a cell gave, or a test failure saying what it gave instead. */
    static EvalResult.Failure failure(EvalResult result) {
        return assertInstanceOf(EvalResult.Failure.class, result, () -> "expected a failure, got " + result);
    }
}
