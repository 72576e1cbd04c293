package io.perceptron.kernel.eval.kotlin;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.deps.DependencyException;
import io.perceptron.kernel.eval.CellClassPath;
import io.perceptron.kernel.eval.CellControl;
import io.perceptron.kernel.eval.CellGuard;
import io.perceptron.kernel.eval.CellImports;
import io.perceptron.kernel.eval.CellRunner;
import io.perceptron.kernel.eval.CellTurns;
import io.perceptron.kernel.eval.Completeness;
import io.perceptron.kernel.eval.Completions;
import io.perceptron.kernel.eval.EvalMessages;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.Evaluator;
import io.perceptron.kernel.eval.Tracebacks;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import kotlin.script.experimental.api.ResultValue;
import kotlin.script.experimental.api.ResultWithDiagnostics;
import kotlin.script.experimental.api.ScriptDiagnostic;
import kotlin.script.experimental.host.ScriptingHostConfiguration;
import kotlin.script.experimental.jvm.JvmScriptingHostConfigurationKt;
import kotlin.script.experimental.jvm.KJvmEvaluatedSnippet;
import kotlin.script.experimental.jvm.impl.KJvmCompiledScript;
import kotlin.script.experimental.util.LinkedSnippet;

/**
 * Runs notebook cells as Kotlin scripts, one REPL snippet per cell, keeping every definition for
 * the cells that follow. Built on the Kotlin scripting K1 REPL: one {@link KotlinCompiler}
 * (compilation, and the analysis behind completion and inspection) and one {@link SnippetHistory}
 * (running the snippets and keeping their results). Completion is {@link KotlinCompletion}'s,
 * inspection {@link KotlinInspection}'s, the is-complete check {@link KotlinSyntax}'s.
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
 * worker thread that can be interrupted: every step of {@link CellControl} is available, since a
 * {@link CellGuard} knows when a cell is in its own code. {@link #complete}, {@link #inspect} and
 * {@link #isComplete} may be called from other threads, also while a cell runs.
 */
public final class KotlinEvaluator implements Evaluator {

    /** A class every Kotlin program needs at run time; its absence means kotlin-stdlib is missing. */
    private static final String KOTLIN_STDLIB_MARKER = "kotlin/Unit.class";

    private final CellClassPath classPath;
    private final CellDependencies dependencies;
    private final List<String> imports;
    private final CellNames cells = new CellNames();
    private final CellGuard guard;
    private final KotlinCellWrapper wrapper;
    private final KotlinCompiler compiler;
    private final SnippetHistory history;
    private final KotlinCompletion completion;
    private final KotlinInspection inspection;
    /** One cell at a time, each the guard's current cell with the cell loader as context loader. */
    private final CellTurns turns;
    /** The compiled snippet of the cell now running, for {@link #abandon} (cells run one at a time). */
    private volatile LinkedSnippet<KJvmCompiledScript> runningSnippet;
    private volatile boolean closed;

    /**
     * Opens a Kotlin session over {@code cellClassPath}.
     *
     * <pre>{@code
     * var evaluator = new KotlinEvaluator(cellJars, CellImports.STANDARD);
     * evaluator.evaluate("val x = 20");
     * evaluator.evaluate("x + 1");   // Value(21, "kotlin.Int")
     * }</pre>
     *
     * @param cellClassPath  jars and class folders cells compile against and run with; must include kotlin-stdlib
     * @param defaultImports imports added to every cell ({@link CellImports#STANDARD}); those that do not
     *                       resolve against {@code cellClassPath} are dropped
     * @throws IllegalArgumentException if a class path entry does not exist or kotlin-stdlib is missing
     */
    public KotlinEvaluator(List<Path> cellClassPath, CellImports defaultImports) {
        this(CellClassPath.of(cellClassPath), defaultImports);
    }

    private KotlinEvaluator(CellClassPath classPath, CellImports defaultImports) {
        this(classPath, defaultImports, new CellDependencies(classPath));
    }

    /**
     * Opens a Kotlin session over {@code classPath}, which grows as cells add libraries through
     * {@code dependencies}: {@code @file:DependsOn} and {@code @file:Repository} at the top of a
     * cell here, {@code %maven} and {@code %jars} through the magics. The evaluator owns the class
     * path and the dependencies from now on, and closes them.
     *
     * @param classPath      the cell class path; must include kotlin-stdlib
     * @param defaultImports imports added to every cell; those that do not resolve are dropped
     * @param dependencies   what the dependency annotations go through, shared with the magics
     * @throws IllegalArgumentException if kotlin-stdlib is missing
     */
    public KotlinEvaluator(CellClassPath classPath, CellImports defaultImports, CellDependencies dependencies) {
        this.classPath = classPath;
        this.dependencies = dependencies;
        if (!classPath.hasResource(KOTLIN_STDLIB_MARKER)) {
            classPath.close();
            throw new IllegalArgumentException(KotlinMessages.kotlinStdlibMissing());
        }
        this.imports = kotlinImports(defaultImports.availableIn(classPath));
        this.guard = new CellGuard(classPath.loader());
        this.turns = new CellTurns(guard, classPath.loader());
        this.wrapper = new KotlinCellWrapper(guard);
        ScriptingHostConfiguration host = JvmScriptingHostConfigurationKt.getDefaultJvmScriptingHostConfiguration();
        this.compiler = new KotlinCompiler(classPath, imports, cells, host);
        this.history = new SnippetHistory(classPath.loader(), wrapper);
        this.completion = new KotlinCompletion(compiler);
        this.inspection = new KotlinInspection(compiler, history, classPath.loader());
    }

    /** The imports as Kotlin writes them: {@code tech.tablesaw.api.*}, {@code io.perceptron.dsl.display.Display.display}. */
    private static List<String> kotlinImports(CellImports imports) {
        return Stream.concat(imports.packages().stream().map(p -> p + ".*"), imports.members().stream()).toList();
    }

    /** The default imports that resolved against the cell class path and are in effect, as Kotlin writes them. */
    @Override
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
        return turns.take((cell, turn) -> {
            int cellNumber = explicitNumber == null ? turn : explicitNumber;
            if (history.isBroken()) {
                return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, KotlinMessages.sessionBroken(), List.of());
            }
            String compilable;
            try {
                compilable = addFileDependencies(code);
            } catch (FileDependencies.Malformed | DependencyException e) {
                return new EvalResult.Failure(DependencyException.NAME, e.getMessage(), List.of(e.getMessage()));
            }
            return compileAndRun(compilable, cellNumber, cell);
        });
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
        try {
            compiled = compiler.compile(new CellSource(names.className(), code));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new EvalResult.Failure(EvalMessages.COMPILATION_ERROR, KotlinMessages.compilerCrashed(e), List.of());
        }
        if (!(compiled instanceof ResultWithDiagnostics.Success<LinkedSnippet<KJvmCompiledScript>> success)) {
            return KotlinTracebacks.compilationFailure(compiled.getReports(), code, cellNumber);
        }
        LinkedSnippet<KJvmCompiledScript> snippet = success.getValue();
        try {
            SnippetBytecode.guard(snippet.get());
        } catch (RuntimeException e) {
            // Nothing of the cell ran; a class ASM cannot read would be a kernel bug worth reporting.
            history.recordAsFailed(snippet, e, null);
            return new EvalResult.Failure(EvalMessages.COMPILATION_ERROR, KotlinMessages.compilerCrashed(e), List.of());
        }
        runningSnippet = snippet;

        ResultWithDiagnostics<LinkedSnippet<KJvmEvaluatedSnippet>> evaluated = null;
        Throwable replCrash = null;
        try {
            evaluated = history.run(snippet);
        } catch (RuntimeException | LinkageError e) {
            // The REPL's own code failed (cell code cannot throw out of eval); recovered below.
            replCrash = e;
        }
        if (guard.isAbandoned(cell)) {
            // Another thread already reported this cell and mended the history; touch nothing.
            return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.abandoned(), List.of());
        }
        ResultValue result = evaluated == null ? null : SnippetHistory.resultOf(evaluated, snippet);
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
        history.recordAsFailed(snippet, cause, null);
        if (guard.wasInterrupted(cell)) {
            return guard.interruptedFailure(cell, cause, cells);
        }
        return new EvalResult.Failure(EvalMessages.EVALUATION_ERROR, KotlinMessages.replFailed(cause),
                Tracebacks.trace(cause, cells));
    }

    private EvalResult failureOf(Throwable error, CellGuard.Cell cell) {
        if (error instanceof CellGuard.InterruptedBeforeStart) {
            return Tracebacks.interruptedBeforeStart();
        }
        if (guard.wasInterrupted(cell)) {
            return guard.interruptedFailure(cell, error, cells);
        }
        return KotlinTracebacks.runtimeFailure(error, cells);
    }

    /** The exception behind a failed evaluation, or one carrying the REPL's messages if it gave none. */
    private static Throwable causeOf(List<ScriptDiagnostic> reports) {
        return reports.stream().map(ScriptDiagnostic::getException).filter(e -> e != null).findFirst()
                .orElseGet(() -> new IllegalStateException(reports.stream().map(ScriptDiagnostic::getMessage)
                        .reduce((a, b) -> a + "; " + b).orElse("no details")));
    }

    // ------------------------------------------------------------------------------ interrupt

    /** Every step: the guard interrupts and stops; abandoning also makes the REPL forget the cell. */
    @Override
    public CellControl cellControl() {
        return guard.control(worker -> turns.abandon(worker, cells, () -> history.recordAsFailed(
                runningSnippet, new InterruptedException(EvalMessages.abandoned()), wrapper.snippetLoader())));
    }

    // ------------------------------------------------------------------- complete, inspect, ...

    @Override
    public Completions complete(String code, int cursor) {
        return completion.complete(code, cursor);
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        return inspection.inspect(code, cursor);
    }

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
        compiler.close();
        dependencies.close();
        classPath.close();
    }
}
