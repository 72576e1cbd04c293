package io.perceptron.kernel.eval.java;

import io.perceptron.kernel.deps.CellDependencies;
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
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs notebook cells as Java, with JShell in the kernel's own JVM: each cell is cut into
 * snippets (statements, declarations, expressions) that JShell compiles and runs one after the
 * other, keeping every declaration for later cells.
 *
 * <p>A notebook session, cell by cell, and what {@link #evaluate} gives for each:
 * <pre>{@code
 * var x = 20;     // cell 1: NoValue
 * x + 1           // cell 2: Value(21, "int")
 * x / 0           // cell 3: Failure("java.lang.ArithmeticException", "/ by zero",
 *                 //                 ["java.lang.ArithmeticException: / by zero", "    at cell 3, line 1"])
 * }</pre>
 *
 * <p>Cells see what Kotlin cells see: the cell class path (the DSL, DJL, Tablesaw and what
 * {@code %maven} adds) and the JDK, never the kernel's classes. JShell compiles against the cell
 * class path, and {@link SnippetClasses} defines the compiled classes in a loader whose parent is
 * the cell class loader. The cell's code runs on the calling thread inside a {@link CellGuard}, so
 * {@link CellRunner} can interrupt, stop or abandon it as it does Kotlin cells. Unlike Kotlin,
 * where a cell compiles whole before it runs, a Java cell's snippets run in turn: a snippet that
 * does not compile stops the cell there, after the snippets above it ran.
 *
 * <p>{@link #complete}, {@link #inspect} and {@link #isComplete} may be called from other
 * threads, also while a cell runs: JShell is used by one thread at a time (a lock that a cell
 * gives up while its own code runs).
 */
public final class JavaEvaluator implements Evaluator {

    /** What JShell's own tool imports into every session: Java users expect these names. */
    private static final List<String> JAVA_PACKAGES = List.of(
            "java.io", "java.math", "java.net", "java.nio.file", "java.util", "java.util.concurrent",
            "java.util.function", "java.util.regex", "java.util.stream");

    private final CellClassPath classPath;
    private final CellDependencies dependencies;
    private final List<String> imports;
    private final CellGuard guard;
    private final JavaCells cells = new JavaCells();
    private final JShell shell;
    private final JavaAnalysis analysis;
    /** JShell serves one thread at a time; a cell releases this while its own code runs. */
    private final ReentrantLock shellLock = new ReentrantLock();
    /** One cell at a time, each the guard's current cell with the cell loader as context loader. */
    private final CellTurns turns;
    /** Class path entries JShell's compiler has been told of. */
    private int entriesKnownToCompiler;
    /** The thread of the cell that owns the session now (an abandoned cell's thread no longer does). */
    private volatile Thread cellThread;
    /** The cell and piece being evaluated now, so that a snippet is placed before its code runs. */
    private volatile int runningCell;
    private volatile CellSnippets.Piece runningPiece;
    /** What the snippet now running returned or threw (cells run one at a time). */
    private volatile Object snippetValue;
    private volatile Throwable snippetThrew;
    private volatile boolean closed;

    /**
     * Opens a Java session over {@code classPath}, which grows as {@code %maven} and {@code %jars}
     * add jars through {@code dependencies}. The evaluator owns both from now on, and closes them.
     *
     * <pre>{@code
     * var java = new JavaEvaluator(CellClassPath.of(cellJars), CellImports.STANDARD, dependencies);
     * java.evaluate("var x = 20;");
     * java.evaluate("x + 1");   // Value(21, "int")
     * }</pre>
     *
     * @param classPath      the cell class path
     * @param defaultImports imports added to every cell; those that do not resolve are dropped
     * @param dependencies   what {@code %maven} and {@code %jars} go through
     */
    public JavaEvaluator(CellClassPath classPath, CellImports defaultImports, CellDependencies dependencies) {
        this.classPath = classPath;
        this.dependencies = dependencies;
        this.guard = new CellGuard(classPath.loader());
        this.turns = new CellTurns(guard, classPath.loader());
        CellImports available = defaultImports.availableIn(classPath);
        this.imports = Stream.concat(
                Stream.concat(JAVA_PACKAGES.stream(), available.packages().stream()).map(p -> p + ".*"),
                available.members().stream().map(m -> "static " + m)).toList();
        CellExecution execution = new CellExecution(new SnippetClasses(classPath.loader()), this::runSnippet);
        this.shell = JavaShell.open(execution, classPath.files());
        this.entriesKnownToCompiler = classPath.files().size();
        this.analysis = new JavaAnalysis(shell, shellLock);
        for (String imported : imports) {
            shell.eval("import " + imported + ";");
        }
        measureStatementHeader();
    }

    /**
     * Runs a statement that reports its own line in the class JShell wraps it in, so that stacks
     * JShell does not rewrite (a stopped cell's) can still name cell lines; then drops it.
     */
    private void measureStatementHeader() {
        CellGuard.Cell cell = guard.begin();
        shellLock.lock();
        cellThread = Thread.currentThread();
        try {
            Object thrown = probe("if (true) throw new RuntimeException(Integer.toString("
                    + "new Throwable().getStackTrace()[0].getLineNumber()));");
            if (thrown instanceof RuntimeException reported) {
                cells.statementHeader(Integer.parseInt(reported.getMessage()) - 1);
            }
        } catch (RuntimeException measuringFailed) {
            // Stopped cells' tracebacks then name their cell, and the line of a one-line piece only.
        } finally {
            shellLock.unlock();
            guard.end(cell);
        }
    }

    /** What the one-line snippet {@code code} returned or threw; it is dropped from the session. */
    private Object probe(String code) {
        snippetValue = null;
        snippetThrew = null;
        for (SnippetEvent event : shell.eval(code)) {
            if (event.causeSnippet() == null) {
                shell.drop(event.snippet());
            }
        }
        return snippetThrew != null ? snippetThrew : snippetValue;
    }

    /** A session over {@code cellClassPath} with its own dependencies, for tests and tools. */
    public static JavaEvaluator over(List<Path> cellClassPath, CellImports defaultImports) {
        CellClassPath classPath = CellClassPath.of(cellClassPath);
        return new JavaEvaluator(classPath, defaultImports, new CellDependencies(classPath));
    }

    /** The imports in effect in every cell, as Java writes them after {@code import}: {@code java.util.*}. */
    @Override
    public List<String> imports() {
        return imports;
    }

    // ------------------------------------------------------------------------------- evaluate

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
            shellLock.lock();
            cellThread = Thread.currentThread();
            try {
                tellCompilerOfAddedJars();
                return runSnippets(code, cellNumber, cell);
            } finally {
                shellLock.unlock();
            }
        });
    }

    /** Jars added by {@code %maven} or {@code %jars} since the last cell join JShell's compiler class path. */
    private void tellCompilerOfAddedJars() {
        List<File> files = classPath.files();
        for (File added : files.subList(entriesKnownToCompiler, files.size())) {
            shell.addToClasspath(added.getPath());
        }
        entriesKnownToCompiler = files.size();
    }

    private EvalResult runSnippets(String code, int cellNumber, CellGuard.Cell cell) {
        EvalResult result = new EvalResult.NoValue();
        boolean anyRan = false;
        for (CellSnippets.Piece piece : CellSnippets.split(code, analysis.analysis())) {
            snippetValue = null;
            snippetThrew = null;
            runningCell = cellNumber;
            runningPiece = piece;
            List<SnippetEvent> events;
            try {
                events = shell.eval(piece.source());
            } catch (IllegalStateException | InternalError e) {
                return JavaTracebacks.shellFailure(e);
            }
            if (guard.isAbandoned(cell)) {
                return new EvalResult.Failure(EvalMessages.INTERRUPTED, EvalMessages.abandoned(), List.of());
            }
            SnippetEvent event = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (event == null) {
                continue;
            }
            Snippet snippet = event.snippet();
            cells.record(snippet, cellNumber, piece.firstLine());
            if (event.status() == Snippet.Status.REJECTED) {
                return JavaTracebacks.compilationFailure(shell, snippet, piece, code, cellNumber);
            }
            if (event.exception() != null) {
                return failureOf(event.exception(), cell, anyRan);
            }
            anyRan = true;
            result = piece.endsWithSemicolon() ? new EvalResult.NoValue() : JavaValues.resultOf(snippet, snippetValue);
        }
        return result;
    }

    /**
     * Runs one snippet's code inside the cell guard, without holding JShell meanwhile. What it
     * returned or threw is kept for the cell, unless the cell was abandoned while its code ran:
     * then another cell owns the session, and the late result is only handed back to JShell.
     */
    private Object runSnippet(Method doit) throws Throwable {
        Thread thread = Thread.currentThread();
        placeRunningSnippet(doit);
        shellLock.unlock();
        Object value = null;
        Throwable failure = null;
        try {
            value = guard.runUserCode(() -> {
                try {
                    return doit.invoke(null);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        } catch (Throwable thrown) {
            failure = thrown;
        }
        // An abandoned cell waits here until the cell running now is done with JShell.
        shellLock.lock();
        if (thread == cellThread) {
            snippetValue = value;
            snippetThrew = failure;
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /**
     * Places the snippet whose code is about to run in its cell now, not once JShell returns: a
     * cell abandoned in its code never returns, and its traceback must still name its lines.
     */
    private void placeRunningSnippet(Method doit) {
        CellSnippets.Piece piece = runningPiece;
        if (piece == null) {
            return;
        }
        JavaCells.snippetIdOf(doit.getDeclaringClass().getName()).flatMap(id ->
                shell.snippets().filter(snippet -> snippet.id().equals(id)).findFirst())
                .ifPresent(snippet -> cells.record(snippet, runningCell, piece.firstLine()));
    }

    /**
     * The failure of a piece that threw, or whose code the interrupt kept from starting.
     *
     * @param anyRan whether pieces above it ran: then an interrupt before this one started still
     *               interrupted the cell, which did not run "nothing"
     */
    private EvalResult failureOf(JShellException reported, CellGuard.Cell cell, boolean anyRan) {
        Throwable thrown = snippetThrew;
        if (thrown instanceof CellGuard.InterruptedBeforeStart) {
            return anyRan ? Tracebacks.interrupted(null, false, cells) : Tracebacks.interruptedBeforeStart();
        }
        if (reported instanceof UnresolvedReferenceException unresolved) {
            return JavaTracebacks.unresolved(shell, unresolved, cells);
        }
        if (thrown != null && reported instanceof EvalException evalException) {
            JavaTracebacks.useSnippetLines(thrown, evalException);
        }
        if (guard.wasInterrupted(cell)) {
            return guard.interruptedFailure(cell, thrown, cells);
        }
        if (thrown == null) {
            return JavaTracebacks.shellFailure(reported);
        }
        return Tracebacks.runtimeFailure(thrown, cells);
    }

    // ------------------------------------------------------------------------------ interrupt

    /** Every step: the guard interrupts and stops; abandoning hands the session to the next cell. */
    @Override
    public CellControl cellControl() {
        return guard.control(worker -> turns.abandon(worker, cells, () -> { }));
    }

    // ------------------------------------------------------------------- complete, inspect, ...

    @Override
    public Completions complete(String code, int cursor) {
        return analysis.complete(code, cursor);
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        return analysis.inspect(code, cursor);
    }

    @Override
    public Completeness isComplete(String code) {
        return analysis.completeness(code);
    }

    @Override
    public ClassLoader cellClassLoader() {
        return classPath.loader();
    }

    /** Closes JShell and the cell class path's open jars. Close the {@link CellRunner} first. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        shell.close();
        dependencies.close();
        classPath.close();
    }
}
