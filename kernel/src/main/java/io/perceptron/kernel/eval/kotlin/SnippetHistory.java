package io.perceptron.kernel.eval.kotlin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import kotlin.Unit;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;
import kotlin.script.experimental.api.CompiledScript;
import kotlin.script.experimental.api.ResultValue;
import kotlin.script.experimental.api.ResultWithDiagnostics;
import kotlin.script.experimental.api.ScriptEvaluationConfiguration;
import kotlin.script.experimental.api.ScriptEvaluationKt;
import kotlin.script.experimental.jvm.BasicJvmReplEvaluator;
import kotlin.script.experimental.jvm.JvmScriptEvaluationKt;
import kotlin.script.experimental.jvm.KJvmEvaluatedSnippet;
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript;
import kotlin.script.experimental.util.LinkedSnippet;

/**
 * The session's evaluated snippets: runs each compiled cell with the Kotlin scripting REPL
 * ({@code BasicJvmReplEvaluator}), which keeps every cell's class and instance so later cells see
 * their definitions, and mends that record when a cell could not be recorded normally.
 *
 * <p>A cell's code runs inside the {@link KotlinCellWrapper}, with the cell class path's loader as
 * the base of every snippet's class loader.
 */
final class SnippetHistory {

    private final ClassLoader cellLoader;
    private final ScriptEvaluationConfiguration evaluation;
    /** Replaced only after an evaluation went wrong outside cell code (see {@link #recordAsFailed}). */
    private volatile BasicJvmReplEvaluator repl;
    private volatile boolean broken;

    /**
     * @param cellLoader the cell class path's loader, parent of the first snippet's
     * @param wrapper    runs each snippet's code inside the cell guard's window
     */
    SnippetHistory(ClassLoader cellLoader, KotlinCellWrapper wrapper) {
        this.cellLoader = cellLoader;
        ScriptEvaluationConfiguration.Companion keys = ScriptEvaluationConfiguration.Companion;
        this.evaluation = new ScriptEvaluationConfiguration(builder -> {
            var jvmKeys = JvmScriptEvaluationKt.getJvm(keys);
            // Dependencies stay loaded (the default): with loading switched off, scripting 2.3.10 also
            // ignores the previous snippet's loader. The cost: the first snippet gets one extra
            // loader over the same jars between it and this base loader; as it asks its parent
            // first, every class still comes from the base loader.
            builder.put(JvmScriptEvaluationKt.getBaseClassLoader(jvmKeys), cellLoader);
            builder.put(ScriptEvaluationKt.getScriptExecutionWrapper(keys), wrapper);
            return Unit.INSTANCE;
        });
        this.repl = new BasicJvmReplEvaluator(new ReplayingScriptEvaluator(List.of()));
    }

    /**
     * Runs {@code snippet}'s code on the calling thread and records its result.
     *
     * @throws RuntimeException or {@link LinkageError} if the REPL's own code failed (the cell's
     *                          code cannot throw out of it): follow with {@link #recordAsFailed}
     */
    ResultWithDiagnostics<LinkedSnippet<KJvmEvaluatedSnippet>> run(LinkedSnippet<KJvmCompiledScript> snippet) {
        BasicJvmReplEvaluator evaluator = repl;
        return Suspending.await(c -> evaluator.eval(snippet, evaluation, c));
    }

    /** The result the REPL recorded for {@code snippet}, or null if it recorded none. */
    static ResultValue resultOf(ResultWithDiagnostics<LinkedSnippet<KJvmEvaluatedSnippet>> evaluated,
                                LinkedSnippet<KJvmCompiledScript> snippet) {
        if (evaluated instanceof ResultWithDiagnostics.Success<LinkedSnippet<KJvmEvaluatedSnippet>> success) {
            KJvmEvaluatedSnippet last = success.getValue().get();
            if (last.getCompiledSnippet() == snippet.get()) {
                return last.getResult();
            }
        }
        return null;
    }

    /** Whether the record could not be mended once: no cell can run any more. */
    boolean isBroken() {
        return broken;
    }

    /** The recorded result of every cell, newest first: each holds the cell's class and instance, if it has them. */
    List<ResultValue> results() {
        List<ResultValue> results = new ArrayList<>();
        for (LinkedSnippet<KJvmEvaluatedSnippet> node = repl.getLastEvaluatedSnippet(); node != null;
             node = node.getPrevious()) {
            results.add(node.get().getResult());
        }
        return results;
    }

    /**
     * Records {@code last} as a cell that failed with {@code error}, after it could not be
     * recorded normally (its evaluation failed outside cell code, or its thread was abandoned).
     *
     * <p>The REPL keeps each cell's class and instance privately and refuses to go on after such
     * a cell, so a fresh {@code BasicJvmReplEvaluator} is fed every earlier cell's recorded result,
     * then the failure for {@code last}. No cell code runs again; definitions of earlier cells keep
     * their values, and later cells see {@code last} as a failed cell. If that cannot be done,
     * the session is {@link #isBroken() broken}.
     *
     * @param snippetLoader the loader of {@code last}'s own classes, if known (null otherwise)
     */
    void recordAsFailed(LinkedSnippet<KJvmCompiledScript> last, Throwable error, ClassLoader snippetLoader) {
        ResultValue replacement = new ResultValue.Error(error, null, standInClass(last, snippetLoader));
        List<LinkedSnippet<KJvmCompiledScript>> chain = new ArrayList<>();
        for (LinkedSnippet<KJvmCompiledScript> node = last; node != null; node = node.getPrevious()) {
            chain.add(node);
        }
        Collections.reverse(chain);
        Map<CompiledScript, ResultValue> recorded = new IdentityHashMap<>();
        for (LinkedSnippet<KJvmEvaluatedSnippet> node = repl.getLastEvaluatedSnippet(); node != null;
             node = node.getPrevious()) {
            KJvmEvaluatedSnippet evaluated = node.get();
            if (evaluated.getResult().getScriptClass() != null) {
                recorded.putIfAbsent(evaluated.getCompiledSnippet(), evaluated.getResult());
            }
        }
        List<ResultValue> results = new ArrayList<>();
        for (LinkedSnippet<KJvmCompiledScript> node : chain.subList(0, chain.size() - 1)) {
            ResultValue earlier = recorded.get(node.get());
            if (earlier == null) {
                broken = true;
                return;
            }
            results.add(earlier);
        }
        results.add(replacement);
        ReplayingScriptEvaluator replaying = new ReplayingScriptEvaluator(results);
        BasicJvmReplEvaluator fresh = new BasicJvmReplEvaluator(replaying);
        for (LinkedSnippet<KJvmCompiledScript> node : chain) {
            ResultWithDiagnostics<?> replayed = Suspending.await(c -> fresh.eval(node, evaluation, c));
            if (!(replayed instanceof ResultWithDiagnostics.Success)) {
                broken = true;
                return;
            }
        }
        if (!replaying.replayed()) {
            broken = true;
            return;
        }
        repl = fresh;
    }

    /**
     * A class to record for a snippet in the REPL's history. The REPL chains the next snippet's
     * class loader to this class's loader, so it must be the snippet's own class, or failing that
     * the previous snippet's, or a class of the cell class path.
     */
    private KClass<?> standInClass(LinkedSnippet<KJvmCompiledScript> snippet, ClassLoader snippetLoader) {
        if (snippetLoader != null) {
            try {
                return JvmClassMappingKt.getKotlinClass(
                        Class.forName(snippet.get().getScriptClassFQName(), false, snippetLoader));
            } catch (ClassNotFoundException | LinkageError e) {
                // Fall through to the previous snippet's class.
            }
        }
        for (LinkedSnippet<KJvmEvaluatedSnippet> node = repl.getLastEvaluatedSnippet(); node != null;
             node = node.getPrevious()) {
            KClass<?> earlier = node.get().getResult().getScriptClass();
            if (earlier != null && node.get().getCompiledSnippet() != snippet.get()) {
                return earlier;
            }
        }
        try {
            return JvmClassMappingKt.getKotlinClass(cellLoader.loadClass("kotlin.Unit"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(KotlinMessages.kotlinStdlibMissing(), e);
        }
    }
}
