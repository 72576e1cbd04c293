package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.CellImports;
import io.perceptron.kernel.eval.EvalResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cells see the cell class path (DSL, DJL, Tablesaw, kotlin-stdlib) and the JDK, never the
 * kernel's own libraries, although those are all on this test JVM's class path.
 */
class ClassPathIsolationTest extends WithKotlinSession {

    @ParameterizedTest
    @ValueSource(strings = {
            "org.zeromq.ZMQ",
            "org.jetbrains.kotlin.cli.common.CLIConfigurationKeys",
            "io.github.spencerpark.jupyter.kernel.BaseKernel",
            "io.perceptron.kernel.eval.kotlin.KotlinEvaluator"})
    void cellCannotLoadKernelClasses(String kernelClass) throws ClassNotFoundException {
        Class.forName(kernelClass); // present in this JVM, so only isolation can hide it from cells

        EvalResult.Failure byName = assertInstanceOf(EvalResult.Failure.class,
                kotlin.evaluate("Class.forName(\"" + kernelClass + "\")"));
        EvalResult.Failure byContextLoader = assertInstanceOf(EvalResult.Failure.class,
                kotlin.evaluate("Thread.currentThread().contextClassLoader.loadClass(\"" + kernelClass + "\")"));

        assertEquals("java.lang.ClassNotFoundException", byName.name());
        assertEquals(kernelClass, byName.message().replace('/', '.'));
        assertEquals("java.lang.ClassNotFoundException", byContextLoader.name());
        assertEquals(kernelClass, byContextLoader.message());
        assertThrows(ClassNotFoundException.class, () -> kotlin.cellClassLoader().loadClass(kernelClass));
    }

    @Test
    void cellCannotCompileAgainstKernelClasses() {
        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class,
                kotlin.evaluate("org.zeromq.ZMQ.context(1)"));

        assertEquals("CompilationError", failure.name());
        assertTrue(failure.message().contains("Unresolved reference"), failure.message());
    }

    @Test
    void cellUsesTablesawThroughTheDefaultImports() {
        String cell = "Table.create(\"scores\").addColumns(IntColumn.create(\"points\", 1, 2, 3)).rowCount()";

        assertEquals(new EvalResult.Value(3, "kotlin.Int"), kotlin.evaluate(cell));
    }

    @Test
    void cellDisplaysThroughTheDslAndPrintsToStandardOutput() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertInstanceOf(EvalResult.NoValue.class, kotlin.evaluate("display(\"shown by display\")\nprintln(\"printed\")"));
        } finally {
            System.setOut(original);
        }

        assertEquals("shown by display\nprinted\n", captured.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void kernelReachesTheSameDslClassesAsCells() throws ClassNotFoundException {
        EvalResult.Value seenByCell = assertInstanceOf(EvalResult.Value.class,
                kotlin.evaluate("io.perceptron.dsl.display.Display::class.java"));

        assertSame(kotlin.cellClassLoader().loadClass("io.perceptron.dsl.display.Display"), seenByCell.value());
    }

    @Test
    void importsMissingFromTheClassPathAreDropped() {
        CellImports imports = new CellImports(List.of("io.perceptron.dsl.notYetWritten", "tech.tablesaw.api"),
                List.of("no.such.Thing.member"));
        List<Path> classPath = TestCellClassPath.entries();

        try (KotlinEvaluator withMissing = new KotlinEvaluator(classPath, imports)) {
            assertEquals(List.of("tech.tablesaw.api.*"), withMissing.imports());
            assertEquals(new EvalResult.Value("t", "kotlin.String"), withMissing.evaluate("Table.create(\"t\").name()"));
        }
    }

    @Test
    void defaultImportsThatExistAreKept() {
        assertTrue(kotlin.imports().containsAll(List.of(
                "io.perceptron.dsl.display.*", "io.perceptron.dsl.display.Display.display",
                "ai.djl.ndarray.*", "ai.djl.ndarray.types.*", "tech.tablesaw.api.*")), kotlin.imports().toString());
    }

    @Test
    void classPathWithoutKotlinStdlibIsRefusedWithAdvice() {
        List<Path> withoutStdlib = TestCellClassPath.entries().stream()
                .filter(p -> !p.getFileName().toString().startsWith("kotlin-stdlib")).toList();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new KotlinEvaluator(withoutStdlib, CellImports.STANDARD));

        assertTrue(refused.getMessage().contains("Add the kotlin-stdlib jar"), refused.getMessage());
    }

    @Test
    void missingClassPathEntryIsNamed() {
        List<Path> withMissing = new ArrayList<>(TestCellClassPath.entries());
        withMissing.add(Path.of("/nonexistent/dsl.jar"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new KotlinEvaluator(withMissing, CellImports.STANDARD));

        assertTrue(refused.getMessage().contains("/nonexistent/dsl.jar"), refused.getMessage());
    }
}
