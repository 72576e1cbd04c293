package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.deps.MavenSettings;
import io.perceptron.kernel.deps.Repository;
import io.perceptron.kernel.deps.TestRepository;
import io.perceptron.kernel.eval.CellClassPath;
import io.perceptron.kernel.eval.CellImports;
import io.perceptron.kernel.eval.Completions;
import io.perceptron.kernel.eval.EvalResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries in Kotlin cells: {@code @file:DependsOn} and {@code @file:Repository} at the top of a
 * cell, and jars added by a {@code %maven} before it, are compiled against and run in that cell
 * and every later one, from a repository in a folder (no network).
 */
class DependenciesInCellsTest {

    @TempDir
    static Path temp;
    static TestRepository remote;
    static CellDependencies dependencies;
    static KotlinEvaluator kotlin;

    @BeforeAll
    static void openSession() throws IOException {
        remote = new TestRepository(temp.resolve("remote"));
        Path words = remote.publish("io.perceptron.test:words:1.0", Map.of("test.words.Words",
                "package test.words; public class Words { public static String word() { return \"cells\"; } }"),
                List.of(), List.of());
        remote.publish("io.perceptron.test:greeting:1.0", Map.of("test.greeting.Greeting",
                "package test.greeting; public class Greeting {"
                        + " public static String hello(String who) { return \"hello, \" + who + \" and \" + test.words.Words.word(); } }"),
                List.of("io.perceptron.test:words:1.0"), List.of(words));
        remote.publish("io.perceptron.test:echo:1.0", Map.of("test.echo.Echo", "package test.echo; public class Echo {}"),
                List.of(), List.of());
        remote.publish("io.perceptron.test:shout:1.0", Map.of("test.shout.Shout",
                "package test.shout; public class Shout { public static String loud(String text) { return text.toUpperCase(); } }"),
                List.of(), List.of());
        MavenSettings settings = new MavenSettings(temp.resolve("local"), "default", new Repository(Repository.CENTRAL_ID,
                Files.createDirectories(temp.resolve("central")).toUri().toString()), false, List.of(), Optional.empty());
        CellClassPath classPath = CellClassPath.of(TestCellClassPath.entries());
        dependencies = new CellDependencies(classPath, () -> settings, temp);
        kotlin = new KotlinEvaluator(classPath, CellImports.STANDARD, dependencies);
    }

    @AfterAll
    static void closeSession() {
        kotlin.close();
    }

    private static Object value(EvalResult result) {
        return assertInstanceOf(EvalResult.Value.class, result, () -> "expected a value, got " + result).value();
    }

    @Test
    void dependsOnResolvesBeforeTheCellCompilesAndLaterCellsKeepTheLibrary() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        EvalResult first;
        try {
            first = kotlin.evaluate("""
                    // the repository is a folder written by the test
                    @file:Repository("%s")
                    @file:DependsOn("io.perceptron.test:greeting:1.0")
                    test.greeting.Greeting.hello("Kotlin")
                    """.formatted(remote.url()));
        } finally {
            System.setOut(console);
        }

        assertEquals("hello, Kotlin and cells", value(first));
        assertEquals("cells", value(kotlin.evaluate("test.words.Words.word()")), "the dependency came too");
        assertEquals("perceptron-cells", value(kotlin.evaluate("test.greeting.Greeting::class.java.classLoader.name")),
                "loaded once, by the cells' own loader");
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("Added to the cell class path: greeting-1.0.jar, words-1.0.jar."), output);
    }

    @Test
    void jarsAddedBetweenCellsAreSeenByTheNextCell() {
        dependencies.addRepository(remote.url());
        dependencies.resolve(List.of("io.perceptron.test:shout:1.0"), new PrintStream(new ByteArrayOutputStream()));

        Completions completions = kotlin.complete("test.shout.Sh", "test.shout.Sh".length());
        assertTrue(completions.matches().contains("Shout"), "completion knows the new jar before any cell compiled: "
                + completions.matches());
        assertEquals("LOUD", value(kotlin.evaluate("import test.shout.Shout\nShout.loud(\"loud\")")));
    }

    @Test
    void aMissingArtifactFailsTheCellWithTheMessageAndKeepsTheSession() {
        kotlin.evaluate("val kept = 41");

        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, kotlin.evaluate(
                "@file:DependsOn(\"io.perceptron.test:nowhere:1.0\")\nkept"));

        assertEquals("DependencyError", failure.name());
        assertTrue(failure.message().startsWith("Could not resolve io.perceptron.test:nowhere:1.0: it is not in the local "
                + "repository " + temp.resolve("local")), failure.message());
        assertEquals(42, value(kotlin.evaluate("kept + 1")));
    }

    @Test
    void errorsBelowTheAnnotationsKeepTheirLineNumbers() {
        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, kotlin.evaluate(
                "@file:Repository(\"" + remote.url() + "\")\n@file:DependsOn(\"io.perceptron.test:echo:1.0\",\n"
                        + "    \"io.perceptron.test:echo:1.0\")\nval n: Int = \"text\""));

        assertEquals("CompilationError", failure.name(), failure::message);
        assertTrue(failure.message().contains("cell ") && failure.message().contains("line 4"), failure.message());
    }

    @Test
    void anAnnotationWithAnExpressionSaysToWriteALiteral() {
        EvalResult.Failure failure = assertInstanceOf(EvalResult.Failure.class, kotlin.evaluate(
                "@file:DependsOn(coordinate)\n1"));

        assertEquals("DependencyError", failure.name());
        assertEquals("@file:DependsOn at line 1 takes string literals only, got coordinate. Write "
                + "@file:DependsOn(\"group:artifact:version\") at the top of the cell, for example "
                + "@file:DependsOn(\"org.apache.commons:commons-csv:1.10.0\").", failure.message());
    }
}
