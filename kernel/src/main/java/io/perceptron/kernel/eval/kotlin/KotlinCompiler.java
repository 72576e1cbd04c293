package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.eval.CellClassPath;
import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Unit;
import kotlin.script.experimental.api.RefineConfigurationUnconditionallyData;
import kotlin.script.experimental.api.ResultWithDiagnostics;
import kotlin.script.experimental.api.ScriptCompilationConfiguration;
import kotlin.script.experimental.api.ScriptCompilationKt;
import kotlin.script.experimental.api.ScriptConfigurationRefinementContext;
import kotlin.script.experimental.api.ScriptDependency;
import kotlin.script.experimental.api.SourceCodeCompletionVariant;
import kotlin.script.experimental.host.ScriptingHostConfiguration;
import kotlin.script.experimental.jvm.JvmDependency;
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript;
import kotlin.script.experimental.util.LinkedSnippet;
import kotlin.sequences.Sequence;
import kotlin.sequences.SequencesKt;
import org.jetbrains.kotlin.scripting.compiler.plugin.impl.ReplCompilationState;
import org.jetbrains.kotlin.scripting.compiler.plugin.repl.JvmReplCompilerState;
import org.jetbrains.kotlin.scripting.ide_services.compiler.KJvmReplCompilerWithIdeServices;

/**
 * The Kotlin scripting K1 REPL compiler of one session ({@code KJvmReplCompilerWithIdeServices}):
 * compiles each cell against the cell class path and the session's earlier cells, and analyses
 * half-typed code for completion and inspection. Every call runs on its {@link CompilerThread}.
 *
 * <p>It builds its environment and analyzer as soon as it is made, and warms itself up in the
 * background shortly after start-up, unless a cell comes first.
 *
 * <p>The cell class path may grow between cells ({@code %maven}, {@code @file:DependsOn}): every
 * compilation reads it again (a refinement of the one configuration), and completion first makes
 * the compiler take in jars added since the last compilation (see {@link #takeInAddedJars}).
 */
final class KotlinCompiler implements AutoCloseable {

    /**
     * Bytecode for the JDK the kernel requires; compile against the cell class path only (no
     * stdlib or reflect jar taken from the compiler's own distribution).
     */
    private static final List<String> COMPILER_OPTIONS = List.of("-jvm-target", "17", "-no-stdlib", "-no-reflect");

    /** Code analysed and compiled once in the background at start-up, so the compiler is warm for the first cell. */
    private static final String WARM_UP_CODE = "listOf(1, 2).map { it * 2 }.sum()";
    /** How long after start-up the warm-up waits for a first cell before it starts. */
    private static final long WARM_UP_DELAY_MS = 1500;
    /**
     * A snippet that fails analysis (an unresolved name): compiling it makes the REPL compiler take
     * in jars added to the class path, and, failing, it leaves no trace in the session.
     */
    private static final String CLASS_PATH_REFRESH = "perceptronTakesInTheCellClassPath";

    private final CellNames names;
    private final CellClassPath classPath;
    private final ScriptingHostConfiguration host;
    private final ScriptCompilationConfiguration compilation;
    /** Every compiler call runs here: the compiler is bound to one thread and is not thread-safe. */
    private final CompilerThread compilerThread = new CompilerThread();
    private final KJvmReplCompilerWithIdeServices compiler;
    /** Cells compiled or compiling so far; the warm-up is skipped once there is one. */
    private final AtomicInteger cellsSeen = new AtomicInteger();
    /** Cells waiting for the compiler thread; the warm-up gives way to them. */
    private final AtomicInteger cellsCompiling = new AtomicInteger();
    /** The cell class path as the compiler last took it in; read and written on the compiler thread. */
    private List<File> compiledClassPath;
    private volatile boolean closed;

    /**
     * @param classPath the cell class path cells compile against
     * @param imports   the default imports, as Kotlin writes them ({@code tech.tablesaw.api.*})
     * @param names     names the snippets and the scratch code of completion
     * @param host      the scripting host, shared with the REPL that runs the snippets
     */
    KotlinCompiler(CellClassPath classPath, List<String> imports, CellNames names, ScriptingHostConfiguration host) {
        this.names = names;
        this.classPath = classPath;
        this.host = host;
        this.compiledClassPath = classPath.files();
        ScriptCompilationConfiguration.Companion keys = ScriptCompilationConfiguration.Companion;
        this.compilation = new ScriptCompilationConfiguration(builder -> {
            builder.put(ScriptCompilationKt.getDefaultImports(keys), imports);
            builder.put(ScriptCompilationKt.getDependencies(keys), currentClassPath());
            builder.put(ScriptCompilationKt.getRefineConfigurationBeforeCompiling(keys),
                    List.of(new RefineConfigurationUnconditionallyData(this::withCurrentClassPath)));
            builder.put(ScriptCompilationKt.getCompilerOptions(keys), COMPILER_OPTIONS);
            builder.put(ScriptCompilationKt.getHostConfiguration(keys), host);
            return Unit.INSTANCE;
        });
        this.compiler = compilerThread.call(() -> new KJvmReplCompilerWithIdeServices(host));
        // Not delayed like the warm-up below: work the first cell needs first anyway, so a cell sent
        // at once waits for nothing extra, and it overlaps the front end's connecting.
        compilerThread.later(this::startCompiler);
        // Not at once: a notebook run from the top (Run All, nbclient) sends its first cell right
        // after start-up, and that cell would wait for the warm-up's analysis (about 2 s measured).
        CompletableFuture.delayedExecutor(WARM_UP_DELAY_MS, TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed && cellsSeen.get() == 0) {
                try {
                    compilerThread.later(this::warmUp);
                } catch (RejectedExecutionException closedMeanwhile) {
                    // The session closed between the check and the call: nothing to warm.
                }
            }
        });
    }

    private List<ScriptDependency> currentClassPath() {
        return List.of(new JvmDependency(classPath.files()));
    }

    /**
     * The configuration with the class path as it is now: the REPL compiler adds the jars that are
     * new to its own class path, and the snippet's evaluation loads it with them (through the cell
     * loader, which has them already, so no class is loaded twice).
     */
    private ResultWithDiagnostics<ScriptCompilationConfiguration> withCurrentClassPath(
            ScriptConfigurationRefinementContext context) {
        ScriptCompilationConfiguration refined = new ScriptCompilationConfiguration(
                List.of(context.getCompilationConfiguration()), builder -> {
                    builder.put(ScriptCompilationKt.getDependencies(ScriptCompilationConfiguration.Companion),
                            currentClassPath());
                    return Unit.INSTANCE;
                });
        return new ResultWithDiagnostics.Success<>(refined, List.of());
    }

    /**
     * Completion analyses against the class path the compiler took in at its last compilation; jars
     * added since (a {@code %maven} cell) join it only when it compiles again. So, once after the
     * class path grew, compile a snippet that fails ({@link #CLASS_PATH_REFRESH}). Compiler thread only.
     */
    private void takeInAddedJars() {
        List<File> files = classPath.files();
        if (!files.equals(compiledClassPath)) {
            compiledClassPath = files;
            CellSource refresh = new CellSource(names.scratchName(), CLASS_PATH_REFRESH);
            Suspending.await(c -> compiler.compile(List.of(refresh), compilation, c));
        }
    }

    /**
     * Builds the compiler's environment and analyzer, which do not depend on any cell: about half
     * of what a first cell's compilation took when the compiler built them lazily (profiled).
     */
    private void startCompiler() {
        JvmReplCompilerState.Compilation state = compiler.getState().getCompilationState(compilation);
        ((ReplCompilationState<?>) state).getAnalyzerEngine();
    }

    /**
     * Most of a first cell's wait (seconds) is the compiler starting up: loading its classes and
     * JIT-compiling them. Doing that while the user is still reading the notebook makes the first
     * cell quick. Nothing is added to the session: analysis needs no history, and the back end
     * warms up in a throwaway compiler.
     */
    private void warmUp() {
        String code = WARM_UP_CODE + ".";
        variantsOnCompilerThread(code, code.length());
        if (cellsCompiling.get() > 0) {
            return; // A cell is waiting: it warms the back end itself, sooner than a throwaway would.
        }
        KJvmReplCompilerWithIdeServices throwaway = new KJvmReplCompilerWithIdeServices(host);
        try {
            CellSource source = new CellSource("WarmUp", WARM_UP_CODE);
            Suspending.await(c -> throwaway.compile(List.of(source), compilation, c));
        } finally {
            throwaway.getState().dispose();
        }
    }

    /**
     * Compiles one cell as the next snippet of the session; waits for the compiler thread.
     *
     * @throws RuntimeException or {@link LinkageError} if the compiler itself crashed
     */
    ResultWithDiagnostics<LinkedSnippet<KJvmCompiledScript>> compile(CellSource source) {
        cellsSeen.incrementAndGet();
        cellsCompiling.incrementAndGet();
        try {
            return compilerThread.call(() -> {
                compiledClassPath = classPath.files();
                try {
                    return Suspending.await(c -> compiler.compile(List.of(source), compilation, c));
                } finally {
                    BackEndRelease.afterCompilation(compiler.getState().getCompilationState(compilation));
                }
            });
        } finally {
            cellsCompiling.decrementAndGet();
        }
    }

    /**
     * What the compiler offers at {@code cursor} in {@code code}, analysed after the session's
     * cells; empty if the compiler fails: completion is a convenience, and a compiler failure on
     * half-typed code must never surface.
     */
    List<SourceCodeCompletionVariant> variants(String code, int cursor) {
        if (closed) {
            return List.of();
        }
        try {
            return compilerThread.call(() -> variantsOnCompilerThread(code, cursor));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return List.of();
        }
    }

    private List<SourceCodeCompletionVariant> variantsOnCompilerThread(String code, int cursor) {
        takeInAddedJars();
        CellSource source = new CellSource(names.scratchName(), code);
        ResultWithDiagnostics<Sequence<SourceCodeCompletionVariant>> result = Suspending.await(
                c -> compiler.complete(source, KotlinSyntax.position(code, cursor), compilation, c));
        return result instanceof ResultWithDiagnostics.Success<Sequence<SourceCodeCompletionVariant>> success
                ? SequencesKt.toList(success.getValue())
                : List.of();
    }

    /** Releases the compiler in the background, once any work queued for it is done. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        compilerThread.later(() -> compiler.getState().dispose());
        compilerThread.close();
    }
}
