package io.perceptron.kernel.eval.kotlin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import kotlin.coroutines.Continuation;
import kotlin.script.experimental.api.CompiledScript;
import kotlin.script.experimental.api.EvaluationResult;
import kotlin.script.experimental.api.ResultValue;
import kotlin.script.experimental.api.ResultWithDiagnostics;
import kotlin.script.experimental.api.ScriptEvaluationConfiguration;
import kotlin.script.experimental.api.ScriptEvaluator;
import kotlin.script.experimental.jvm.BasicJvmScriptEvaluator;

/**
 * The script evaluator under one {@code BasicJvmReplEvaluator}: it first hands back recorded
 * results of cells that already ran, then runs new cells with the standard evaluator.
 *
 * <p>{@code BasicJvmReplEvaluator} keeps each cell's class and instance privately and refuses
 * to go on once a cell's evaluation failed outside the cell's code, or while an abandoned cell
 * never finished. Replaying the recorded results into a fresh {@code BasicJvmReplEvaluator}
 * rebuilds that history exactly, without running any cell twice.
 */
final class ReplayingScriptEvaluator implements ScriptEvaluator {

    private final Deque<ResultValue> replay;
    private final ScriptEvaluator standard = new BasicJvmScriptEvaluator();

    /** @param replay the results of the cells to replay, oldest first; empty for a new session */
    ReplayingScriptEvaluator(List<ResultValue> replay) {
        this.replay = new ArrayDeque<>(replay);
    }

    /** Whether every recorded result has been handed back. */
    synchronized boolean replayed() {
        return replay.isEmpty();
    }

    @Override
    public Object invoke(CompiledScript script, ScriptEvaluationConfiguration configuration,
                         Continuation<? super ResultWithDiagnostics<EvaluationResult>> continuation) {
        ResultValue recorded;
        synchronized (this) {
            recorded = replay.poll();
        }
        if (recorded != null) {
            return new ResultWithDiagnostics.Success<>(new EvaluationResult(recorded, configuration), List.of());
        }
        return standard.invoke(script, configuration, continuation);
    }
}
