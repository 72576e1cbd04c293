package io.perceptron.kernel.eval;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.deps.DependencyException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.DeprecationLevel;
import kotlin.Unit;
import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KClass;
import kotlin.script.experimental.api.CompiledScript;
import kotlin.script.experimental.api.RefineConfigurationUnconditionallyData;
import kotlin.script.experimental.api.ResultValue;
import kotlin.script.experimental.api.ResultWithDiagnostics;
import kotlin.script.experimental.api.ScriptCompilationConfiguration;
import kotlin.script.experimental.api.ScriptCompilationKt;
import kotlin.script.experimental.api.ScriptConfigurationRefinementContext;
import kotlin.script.experimental.api.ScriptDependency;
import kotlin.script.experimental.api.ScriptDiagnostic;
import kotlin.script.experimental.api.ScriptEvaluationConfiguration;
import kotlin.script.experimental.api.ScriptEvaluationKt;
import kotlin.script.experimental.api.SourceCodeCompletionVariant;
import kotlin.script.experimental.host.ScriptingHostConfiguration;
import kotlin.script.experimental.jvm.BasicJvmReplEvaluator;
import kotlin.script.experimental.jvm.JvmDependency;
import kotlin.script.experimental.jvm.JvmScriptEvaluationKt;
import kotlin.script.experimental.jvm.JvmScriptingHostConfigurationKt;
import kotlin.script.experimental.jvm.KJvmEvaluatedSnippet;
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript;
import kotlin.script.experimental.util.LinkedSnippet;
import kotlin.sequences.Sequence;
import kotlin.sequences.SequencesKt;
import org.jetbrains.kotlin.scripting.ide_services.compiler.KJvmReplCompilerWithIdeServices;

/**
 * Runs notebook cells as Kotlin scripts, one REPL snippet per cell, keeping every definition for
 * the cells that follow. Built on the Kotlin scripting K1 REPL: one
 * {@code KJvmReplCompilerWithIdeServices} (compilation, completion, analysis) and one
 * {@code BasicJvmReplEvaluator}.
 *
 * <p>A notebook session, cell by cell, and what {@link #evaluate} gives for each:
 * <pre>{@code
 * val x = 20      // cell 1: NoValue
 * x + 1           // cell 2: Value(21, "kotlin.Int")
 * x / 0           // cell 3: Failure("java.lang.ArithmeticException", "/ by zero",
 *                 //                 ["java.lang.ArithmeticException: / by zero", "    at cell 3, line 1"])
 * }</pre>
 *
 * <p>Cells see only the cell class path given here (the DSL, DJL, Tablesaw, kotlin-stdlib) and the
 * JDK, never the kernel's own classes: {@link #cellClassLoader()} is a {@code URLClassLoader} over
 * that path whose parent is the platform class loader, and each cell's classes load in a child of
 * the previous cell's loader. The class path must hold {@code kotlin-stdlib} of the kernel's Kotlin
 * version; the compiler adds nothing of its own ({@code -no-stdlib}).
 *
 * <p>{@link #evaluate} runs the cell's code on the calling thread (the compiler itself works on
 * a thread of its own, see {@link CompilerThread}); use {@link CellRunner} to run cells on a
 * worker thread that can be interrupted. {@link #complete}, {@link #inspect} and
 * {@link #isComplete} may be called from other threads, also while a cell runs.
 */
public final class KotlinEvaluator implements Evaluator {

    /**
     * What every cell imports: the DSL's packages, DJL's NDArray types, Tablesaw's API, and
     * {@code display(x)}. Imports whose package or class is missing from the cell class path are
     * dropped, so a DSL package that does not exist yet never breaks a cell.
     */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "io.perceptron.dsl.*",
            "io.perceptron.dsl.model.*",
            "io.perceptron.dsl.layer.*",
            "io.perceptron.dsl.loss.*",
            "io.perceptron.dsl.optimizer.*",
            "io.perceptron.dsl.training.*",
            "io.perceptron.dsl.data.*",
            "io.perceptron.dsl.tensor.*",
            "io.perceptron.dsl.plot.*",
            "io.perceptron.dsl.display.*",
            "io.perceptron.dsl.display.Display.display",
            "ai.djl.ndarray.*",
            "ai.djl.ndarray.types.*",
            "tech.tablesaw.api.*");

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
     * in jars added to the class path, and, failing, leaves no trace in the session.
     */
    private static final String CLASS_PATH_REFRESH = "perceptronTakesInTheCellClassPath";

    /** Longest rendering of a value shown by {@link #inspect}. */
    private static final int MAX_INSPECTED_VALUE_CHARS = 300;

    private final CellClassPath classPath;
    private final CellDependencies dependencies;
    private final List<String> imports;
    private final KJvmReplCompilerWithIdeServices compiler;
    private final ScriptCompilationConfiguration compilation;
    /** The cell class path as the compiler last took it in; used on the compiler thread only. */
    private List<java.io.File> compiledClassPath;
    private final ScriptEvaluationConfiguration evaluation;
    /** Every compiler call runs here: the compiler is bound to one thread and is not thread-safe. */
    private final CompilerThread compilerThread = new CompilerThread();
    /** One cell at a time; a permit, not a lock, so an abandoned cell's permit can be handed on. */
    private final Semaphore cellPermit = new Semaphore(1);
    private final CellGuard guard;
    private final CellNames cells = new CellNames();
    private final AtomicInteger evaluateCalls = new AtomicInteger();
    /** Cells waiting for the compiler thread; the warm-up gives way to them. */
    private final AtomicInteger cellsCompiling = new AtomicInteger();
    private final ScriptingHostConfiguration host = JvmScriptingHostConfigurationKt.getDefaultJvmScriptingHostConfiguration();
    /** Replaced only after an evaluation went wrong outside cell code (see {@link #rebuildHistory}). */
    private volatile BasicJvmReplEvaluator repl;
    private volatile boolean broken;
    private volatile boolean closed;

    /**
     * Opens a Kotlin session over {@code cellClassPath}.
     *
     * <pre>{@code
     * var evaluator = new KotlinEvaluator(cellJars, KotlinEvaluator.DEFAULT_IMPORTS);
     * evaluator.evaluate("val x = 20");
     * evaluator.evaluate("x + 1");   // Value(21, "kotlin.Int")
     * }</pre>
     *
     * @param cellClassPath  jars and class folders cells compile against and run with; must include kotlin-stdlib
     * @param defaultImports imports added to every cell (see {@link #DEFAULT_IMPORTS}); those that do not
     *                       resolve against {@code cellClassPath} are dropped
     * @throws IllegalArgumentException if a class path entry does not exist or kotlin-stdlib is missing
     */
    public KotlinEvaluator(List<Path> cellClassPath, List<String> defaultImports) {
        this(CellClassPath.of(cellClassPath), defaultImports);
    }

    private KotlinEvaluator(CellClassPath classPath, List<String> defaultImports) {
        this(classPath, defaultImports, new CellDependencies(classPath));
    }

    /**
     * Opens a Kotlin session over {@code classPath}, which grows as cells add libraries through
     * {@code dependencies} ({@code @file:DependsOn} in a cell, or a {@code %maven} magic). The
     * evaluator owns the class path from now on and closes it.
     *
     * @param classPath      the cell class path; must include kotlin-stdlib
     * @param defaultImports imports added to every cell; those that do not resolve are dropped
     * @param dependencies   what {@code @file:DependsOn} and {@code @file:Repository} go through
     */
    public KotlinEvaluator(CellClassPath classPath, List<String> defaultImports, CellDependencies dependencies) {
        this.classPath = classPath;
        this.dependencies = dependencies;
        this.imports = defaultImports.stream().filter(classPath::canImport).toList();
        this.guard = new CellGuard(classPath.loader());
        this.compilation = compilationConfiguration();
        this.compiledClassPath = classPath.files();
        ScriptEvaluationConfiguration.Companion evaluationKeys = ScriptEvaluationConfiguration.Companion;
        this.evaluation = new ScriptEvaluationConfiguration(builder -> {
            var jvmKeys = JvmScriptEvaluationKt.getJvm(evaluationKeys);
            // Dependencies stay loaded (the default): with loading switched off, scripting 2.3.10 also
            // ignores the previous snippet's loader. The cost: the first snippet gets one extra
            // loader over the same jars between it and this base loader; as it asks its parent
            // first, every class still comes from the base loader.
            builder.put(JvmScriptEvaluationKt.getBaseClassLoader(jvmKeys), classPath.loader());
            builder.put(ScriptEvaluationKt.getScriptExecutionWrapper(evaluationKeys), guard);
            return Unit.INSTANCE;
        });
        this.compiler = compilerThread.call(() -> new KJvmReplCompilerWithIdeServices(host));
        this.repl = new BasicJvmReplEvaluator(new ReplayingScriptEvaluator(List.of()));
        // Not at once: a notebook run from the top (Run All, nbclient) sends its first cell right
        // after start-up, and that cell would wait for the warm-up's analysis (about 2 s measured).
        CompletableFuture.delayedExecutor(WARM_UP_DELAY_MS, TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed && evaluateCalls.get() == 0) {
                try {
                    compilerThread.later(this::warmUp);
                } catch (RejectedExecutionException closedMeanwhile) {
                    // The evaluator closed between the check and the call: nothing to warm.
                }
            }
        });
    }

    /**
     * How cells compile: the default imports, against the cell class path, for the JDK the kernel
     * requires. The class path is read again each time the compiler refines the configuration (for
     * every compilation and every completion), so jars added since the last cell are there: the
     * REPL compiler adds what is new to its own class path, and the evaluator loads the cell with
     * them (through the cell loader, which has them already, so no class is loaded twice).
     */
    private ScriptCompilationConfiguration compilationConfiguration() {
        ScriptCompilationConfiguration.Companion compilationKeys = ScriptCompilationConfiguration.Companion;
        return new ScriptCompilationConfiguration(builder -> {
            builder.put(ScriptCompilationKt.getDefaultImports(compilationKeys), imports);
            builder.put(ScriptCompilationKt.getDependencies(compilationKeys), currentClassPath());
            builder.put(ScriptCompilationKt.getRefineConfigurationBeforeCompiling(compilationKeys),
                    List.of(new RefineConfigurationUnconditionallyData(this::withCurrentClassPath)));
            builder.put(ScriptCompilationKt.getCompilerOptions(compilationKeys), COMPILER_OPTIONS);
            builder.put(ScriptCompilationKt.getHostConfiguration(compilationKeys), host);
            return Unit.INSTANCE;
        });
    }

    private List<ScriptDependency> currentClassPath() {
        return List.of(new JvmDependency(classPath.files()));
    }

    private ResultWithDiagnostics<ScriptCompilationConfiguration> withCurrentClassPath(
            ScriptConfigurationRefinementContext context) {
        ScriptCompilationConfiguration refined = new ScriptCompilationConfiguration(List.of(context.getCompilationConfiguration()),
                builder -> {
                    builder.put(ScriptCompilationKt.getDependencies(ScriptCompilationConfiguration.Companion), currentClassPath());
                    return Unit.INSTANCE;
                });
        return new ResultWithDiagnostics.Success<>(refined, List.of());
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

    /** The default imports that resolved against the cell class path and are in effect. */
    public List<String> imports() {
        return imports;
    }

    // ------------------------------------------------------------------------------- evaluate

    /** Compiles and runs one cell, numbered by how many cells this evaluator has been given. */
    @Override
    public EvalResult evaluate(String code) {
        return evaluateCell(code, null);
    }

    @Override
    public EvalResult evaluate(String code, int cellNumber) {
        return evaluateCell(code, cellNumber);
    }

    private EvalResult evaluateCell(String code, Integer explicitNumber) {
        if (closed) {
            return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, EvalMessages.closed(), List.of());
        }
        cellPermit.acquireUninterruptibly();
        int calls = evaluateCalls.incrementAndGet();
        int cellNumber = explicitNumber == null ? calls : explicitNumber;
        // A stale interrupt (meant for no cell) must not hit this one.
        Thread.interrupted();
        CellGuard.Cell cell = guard.begin();
        Thread thread = Thread.currentThread();
        ClassLoader callerLoader = thread.getContextClassLoader();
        // Libraries a cell calls (DJL's engine lookup) find their services through this loader.
        thread.setContextClassLoader(classPath.loader());
        try {
            if (broken) {
                return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, EvalMessages.sessionBroken(), List.of());
            }
            String compilable;
            try {
                compilable = addFileDependencies(code);
            } catch (FileDependencies.Malformed | DependencyException e) {
                return new EvalResult.Failure(DependencyException.NAME, e.getMessage(), List.of(e.getMessage()));
            }
            return compileAndRun(compilable, cellNumber, cell);
        } finally {
            boolean stillOwnsPermit = guard.end(cell);
            // An interrupt aimed at this cell must not leak into the next one.
            Thread.interrupted();
            thread.setContextClassLoader(callerLoader);
            if (stillOwnsPermit) {
                cellPermit.release();
            }
        }
    }

    /**
     * Resolves the cell's {@code @file:Repository} and {@code @file:DependsOn} annotations, printing
     * downloads to the cell's output, and returns the cell with them blanked out.
     */
    private String addFileDependencies(String code) {
        FileDependencies.Directives directives = FileDependencies.read(code);
        if (directives.isEmpty()) {
            return code;
        }
        directives.repositories().forEach(dependencies::addRepository);
        List<String> jars = directives.artifacts().stream().filter(FileDependencies::isJarPath).toList();
        List<String> coordinates = directives.artifacts().stream().filter(a -> !FileDependencies.isJarPath(a)).toList();
        if (!jars.isEmpty()) {
            dependencies.addJars(jars, System.out);
        }
        if (!coordinates.isEmpty()) {
            dependencies.resolve(coordinates, System.out);
        }
        return directives.code();
    }

    private EvalResult compileAndRun(String code, int cellNumber, CellGuard.Cell cell) {
        CellNames.Cell names = cells.register(cellNumber, code);
        ResultWithDiagnostics<LinkedSnippet<KJvmCompiledScript>> compiled;
        CellSource source = new CellSource(names.className(), code);
        cellsCompiling.incrementAndGet();
        try {
            compiled = compilerThread.call(() -> {
                compiledClassPath = classPath.files();
                return Suspending.await(c -> compiler.compile(List.of(source), compilation, c));
            });
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new EvalResult.Failure(EvalMessages.COMPILATION_ERROR, EvalMessages.compilerCrashed(e), List.of());
        } finally {
            cellsCompiling.decrementAndGet();
        }
        if (!(compiled instanceof ResultWithDiagnostics.Success<LinkedSnippet<KJvmCompiledScript>> success)) {
            return Tracebacks.compilationFailure(compiled.getReports(), code, cellNumber);
        }
        LinkedSnippet<KJvmCompiledScript> snippet = success.getValue();
        guard.compiled(cell, snippet);

        BasicJvmReplEvaluator evaluator = repl;
        ResultWithDiagnostics<LinkedSnippet<KJvmEvaluatedSnippet>> evaluated = null;
        Throwable replCrash = null;
        try {
            evaluated = Suspending.await(c -> evaluator.eval(snippet, evaluation, c));
        } catch (RuntimeException | LinkageError e) {
            // The REPL's own code failed (cell code cannot throw out of eval); recovered below.
            replCrash = e;
        }
        if (guard.isAbandoned(cell)) {
            // Another thread already reported this cell and rebuilt the session; touch nothing.
            return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.abandoned(), List.of());
        }
        ResultValue result = evaluated == null ? null : resultOf(evaluated, snippet);
        if (result instanceof ResultValue.Error error) {
            return failureOf(error.getError(), cell);
        }
        if (result instanceof ResultValue.Value value) {
            return "kotlin.Unit".equals(value.getType())
                    ? new EvalResult.NoValue()
                    : new EvalResult.Value(value.getValue(), CellNames.withoutCellQualifiers(value.getType()));
        }
        if (result instanceof ResultValue.Unit) {
            return new EvalResult.NoValue();
        }
        // Evaluation failed outside the cell's code (class loading, the REPL's bookkeeping).
        Throwable cause = replCrash != null ? replCrash : causeOf(evaluated.getReports());
        rebuildHistory(snippet, new ResultValue.Error(cause, null, standInClass(snippet, null)));
        if (guard.wasInterrupted(cell)) {
            return interruptedFailure(cause, cell);
        }
        return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, EvalMessages.evaluationFailed(cause),
                Tracebacks.trace(cause, cells));
    }

    /** The result the REPL recorded for {@code snippet}, or null if it recorded none. */
    private static ResultValue resultOf(ResultWithDiagnostics<LinkedSnippet<KJvmEvaluatedSnippet>> evaluated,
                                        LinkedSnippet<KJvmCompiledScript> snippet) {
        if (evaluated instanceof ResultWithDiagnostics.Success<LinkedSnippet<KJvmEvaluatedSnippet>> success) {
            KJvmEvaluatedSnippet last = success.getValue().get();
            if (last.getCompiledSnippet() == snippet.get()) {
                return last.getResult();
            }
        }
        return null;
    }

    private EvalResult failureOf(Throwable error, CellGuard.Cell cell) {
        if (error instanceof CellGuard.InterruptedBeforeStart) {
            return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.interruptedBeforeStart(),
                    List.of(EvalMessages.INTERRUPTED + ": " + EvalMessages.interruptedBeforeStart()));
        }
        if (guard.wasInterrupted(cell)) {
            return interruptedFailure(error, cell);
        }
        return Tracebacks.runtimeFailure(error, cells);
    }

    /** "Interrupted", with where the cell was when it stopped and, if it took force, what that means. */
    private EvalResult.Failure interruptedFailure(Throwable error, CellGuard.Cell cell) {
        List<String> lines = new ArrayList<>();
        lines.add(EvalMessages.INTERRUPTED + ": " + EvalMessages.interrupted());
        StackTraceElement[] where = guard.stoppedAt(cell);
        if (where == null && error != null) {
            where = error.getStackTrace();
        }
        if (where != null) {
            lines.addAll(Tracebacks.frames(where, cells));
        }
        if (guard.wasStopped(cell)) {
            lines.add(EvalMessages.stoppedByForce());
        }
        return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.interrupted(), List.copyOf(lines));
    }

    /** The exception behind a failed evaluation, or one carrying the REPL's messages if it gave none. */
    private static Throwable causeOf(List<ScriptDiagnostic> reports) {
        return reports.stream().map(ScriptDiagnostic::getException).filter(e -> e != null).findFirst()
                .orElseGet(() -> new IllegalStateException(reports.stream().map(ScriptDiagnostic::getMessage)
                        .reduce((a, b) -> a + "; " + b).orElse("no details")));
    }

    // ------------------------------------------------------------------ recovering the history

    /**
     * Makes the REPL's evaluation history agree with the compiler's again after {@code last}
     * could not be recorded normally (its evaluation failed outside cell code, or its thread was
     * abandoned): a fresh {@code BasicJvmReplEvaluator} is fed every earlier cell's recorded
     * result, then {@code replacement} for {@code last}. No cell code runs again; definitions of
     * earlier cells keep their values, and later cells see {@code last} as a failed cell.
     */
    private void rebuildHistory(LinkedSnippet<KJvmCompiledScript> last, ResultValue replacement) {
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
        LinkedSnippet<KJvmEvaluatedSnippet> previous = repl.getLastEvaluatedSnippet();
        for (LinkedSnippet<KJvmEvaluatedSnippet> node = previous; node != null; node = node.getPrevious()) {
            KClass<?> earlier = node.get().getResult().getScriptClass();
            if (earlier != null && node.get().getCompiledSnippet() != snippet.get()) {
                return earlier;
            }
        }
        try {
            return JvmClassMappingKt.getKotlinClass(classPath.loader().loadClass("kotlin.Unit"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(EvalMessages.kotlinStdlibMissing(), e);
        }
    }

    // ------------------------------------------------------------------------------ interrupt

    /** The interrupt steps {@link CellRunner} escalates through. */
    CellControl cellControl() {
        return new CellControl() {
            @Override
            public boolean interruptCell(Thread worker) {
                return guard.interrupt(worker);
            }

            @Override
            public CellGuard.Stop stopCell(Thread worker) {
                return guard.stop(worker);
            }

            @Override
            public Optional<EvalResult.Failure> abandonCell(Thread worker) {
                return abandon(worker);
            }
        };
    }

    private Optional<EvalResult.Failure> abandon(Thread worker) {
        CellGuard.Cell cell = guard.abandon(worker);
        if (cell == null) {
            return Optional.empty();
        }
        StackTraceElement[] stuckAt = worker.getStackTrace();
        rebuildHistory(cell.snippet, new ResultValue.Error(
                new InterruptedException(EvalMessages.abandoned()), null, standInClass(cell.snippet, cell.snippetLoader)));
        cellPermit.release();
        List<String> lines = new ArrayList<>();
        lines.add(EvalMessages.INTERRUPTED + ": " + EvalMessages.abandoned());
        lines.addAll(Tracebacks.frames(stuckAt, cells));
        return Optional.of(new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.abandoned(), List.copyOf(lines)));
    }

    // ------------------------------------------------------------------------------ complete

    /**
     * Names that fit at the cursor: members after a dot ({@code "hello".len} gives {@code length}),
     * names in scope (definitions of earlier cells, imports), keywords. The range covers the whole
     * name under the cursor, so completing inside a name replaces it.
     */
    @Override
    public Completions complete(String code, int cursor) {
        int at = KotlinSyntax.clamp(code, cursor);
        Map<String, String> kindByText = new LinkedHashMap<>();
        for (SourceCodeCompletionVariant variant : completionVariants(code, at)) {
            if (variant.getDeprecationLevel() != DeprecationLevel.HIDDEN) {
                kindByText.putIfAbsent(variant.getText(), kindOf(variant.getIcon()));
            }
        }
        if (kindByText.isEmpty()) {
            return Completions.none(at);
        }
        return new Completions(List.copyOf(kindByText.keySet()), List.copyOf(kindByText.values()),
                KotlinSyntax.identifierStart(code, at), KotlinSyntax.identifierEnd(code, at));
    }

    private List<SourceCodeCompletionVariant> completionVariants(String code, int cursor) {
        if (closed) {
            return List.of();
        }
        try {
            return compilerThread.call(() -> variantsOnCompilerThread(code, cursor));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Completion is a convenience: a compiler failure on half-typed code must never surface.
            return List.of();
        }
    }

    private List<SourceCodeCompletionVariant> variantsOnCompilerThread(String code, int cursor) {
        takeInAddedJars();
        CellSource source = new CellSource(cells.scratchName(), code);
        ResultWithDiagnostics<Sequence<SourceCodeCompletionVariant>> result = Suspending.await(
                c -> compiler.complete(source, KotlinSyntax.position(code, cursor), compilation, c));
        return result instanceof ResultWithDiagnostics.Success<Sequence<SourceCodeCompletionVariant>> success
                ? SequencesKt.toList(success.getValue())
                : List.of();
    }

    /**
     * Completion analyses against the class path the compiler took in at its last compilation; jars
     * added since (a {@code %maven} cell) join it only when it compiles again, so compile a snippet
     * that fails (see {@link #CLASS_PATH_REFRESH}) once after the class path grew.
     */
    private void takeInAddedJars() {
        List<java.io.File> files = classPath.files();
        if (!files.equals(compiledClassPath)) {
            compiledClassPath = files;
            CellSource refresh = new CellSource(cells.scratchName(), CLASS_PATH_REFRESH);
            Suspending.await(c -> compiler.compile(List.of(refresh), compilation, c));
        }
    }

    /** Jupyter-style kind of a completion, from the compiler's icon name. */
    private static String kindOf(String icon) {
        if (icon == null) {
            return "";
        }
        return switch (icon) {
            case "method" -> "function";
            default -> icon;
        };
    }

    // ------------------------------------------------------------------------------- inspect

    /**
     * Describes the name at the cursor: {@code val x: Int = 3} for a value defined by an earlier
     * cell (the value's text is cut at 300 chars, and left out for objects of classes defined in
     * cells, whose {@code toString} is user code), {@code fun f(Int): String} for a function (one
     * line per overload), {@code length: Int} for a member, {@code class Table (tech.tablesaw.api)}.
     */
    @Override
    public Optional<String> inspect(String code, int cursor) {
        int at = KotlinSyntax.clamp(code, cursor);
        int start = KotlinSyntax.identifierStart(code, at);
        int end = KotlinSyntax.identifierEnd(code, at);
        if (start == end || !Character.isJavaIdentifierStart(code.charAt(start))) {
            return Optional.empty();
        }
        String name = code.substring(start, end);
        Optional<CellProperty> property = KotlinSyntax.followsDot(code, start) ? Optional.empty() : cellProperty(name);
        Set<String> signatures = new LinkedHashSet<>();
        for (SourceCodeCompletionVariant variant : completionVariants(code, end)) {
            if (nameOf(variant.getText()).equals(name) && !"keyword".equals(variant.getIcon())) {
                signatures.add(CellNames.withoutCellQualifiers(signature(variant, property)));
            }
        }
        if (signatures.isEmpty()) {
            return Optional.empty();
        }
        String description = String.join("\n", signatures);
        Optional<String> value = property.flatMap(this::valueText);
        if (value.isPresent() && signatures.size() == 1) {
            description += value.get().contains("\n") ? "\n" + value.get() : " = " + value.get();
        }
        return Optional.of(description);
    }

    /** The name a completion inserts, without the call or lambda it opens ({@code substring(} gives {@code substring}). */
    private static String nameOf(String completionText) {
        int i = 0;
        while (i < completionText.length() && Character.isJavaIdentifierPart(completionText.charAt(i))) {
            i++;
        }
        return completionText.substring(0, i);
    }

    private static String signature(SourceCodeCompletionVariant variant, Optional<CellProperty> property) {
        String display = variant.getDisplayText();
        String tail = variant.getTail() == null ? "" : variant.getTail().strip();
        return switch (variant.getIcon() == null ? "" : variant.getIcon()) {
            case "method" -> "fun " + display + (tail.isEmpty() ? "" : ": " + tail);
            case "property" -> property.map(p -> p.mutable() ? "var " : "val ").orElse("") + display
                    + (tail.isEmpty() ? "" : ": " + tail);
            case "class" -> "class " + display + (tail.isEmpty() ? "" : " " + tail);
            case "package" -> "package " + display;
            default -> display + (tail.isEmpty() ? "" : ": " + tail);
        };
    }

    /**
     * A top-level property defined by an earlier cell.
     *
     * @param field    its backing field, or null if it has none (a custom getter)
     * @param instance the cell's snippet object holding it, or null if that cell failed
     * @param mutable  whether it is a {@code var}
     */
    private record CellProperty(Field field, Object instance, boolean mutable) {
    }

    /** The newest earlier cell that defines {@code name} as a top-level property, if any. */
    private Optional<CellProperty> cellProperty(String name) {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (LinkedSnippet<KJvmEvaluatedSnippet> node = repl.getLastEvaluatedSnippet(); node != null;
             node = node.getPrevious()) {
            ResultValue result = node.get().getResult();
            if (result.getScriptClass() == null) {
                continue;
            }
            Class<?> snippetClass = JvmClassMappingKt.getJavaClass(result.getScriptClass());
            Field field = declaredField(snippetClass, name);
            boolean hasGetter = declaredMethod(snippetClass, "get" + capitalized) != null
                    || declaredMethod(snippetClass, "is" + capitalized) != null;
            if (field != null || hasGetter) {
                boolean mutable = declaredMethod(snippetClass, "set" + capitalized) != null;
                return Optional.of(new CellProperty(field, result.getScriptInstance(), mutable));
            }
        }
        return Optional.empty();
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException | LinkageError e) {
            return null;
        }
    }

    private static Method declaredMethod(Class<?> type, String name) {
        try {
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name)) {
                    return method;
                }
            }
        } catch (LinkageError e) {
            // A class the method mentions cannot load: treat as absent.
        }
        return null;
    }

    /** The property's current value as text, without running code defined in cells. */
    private Optional<String> valueText(CellProperty property) {
        if (property.field() == null || property.instance() == null) {
            return Optional.empty();
        }
        Object value;
        try {
            property.field().setAccessible(true);
            value = property.field().get(property.instance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
        if (value != null && isDefinedInCell(value.getClass())) {
            return Optional.empty();
        }
        String text;
        try {
            text = String.valueOf(value).strip();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return Optional.empty();
        }
        return Optional.of(text.length() <= MAX_INSPECTED_VALUE_CHARS
                ? text : text.substring(0, MAX_INSPECTED_VALUE_CHARS) + "…");
    }

    /** Whether a class was compiled from a cell (loaded below the cell class path's loader). */
    private boolean isDefinedInCell(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader != null && loader != classPath.loader() && loader != ClassLoader.getPlatformClassLoader();
    }

    // ---------------------------------------------------------------------------- the rest

    /** Lexical check only (brackets, strings, comments, a dangling operator); runs no compiler. */
    @Override
    public Completeness isComplete(String code) {
        return KotlinSyntax.completeness(code);
    }

    @Override
    public ClassLoader cellClassLoader() {
        return classPath.loader();
    }

    /**
     * Releases the compiler (in the background, once any work queued for it is done) and the cell
     * class path's open jars. Close the {@link CellRunner} first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        compilerThread.later(() -> compiler.getState().dispose());
        compilerThread.close();
        dependencies.close();
        classPath.close();
    }
}
