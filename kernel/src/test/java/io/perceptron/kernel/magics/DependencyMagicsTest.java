package io.perceptron.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.deps.MavenSettings;
import io.perceptron.kernel.deps.Repository;
import io.perceptron.kernel.deps.TestRepository;
import io.perceptron.kernel.eval.CellClassPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** %maven and %jars as a cell writes them, and %help listing them. */
class DependencyMagicsTest {

    @TempDir
    Path temp;
    private TestRepository remote;
    private CellClassPath classPath;
    private CellDependencies dependencies;
    private Magics magics;

    @BeforeEach
    void setUp() throws IOException {
        remote = new TestRepository(temp.resolve("remote"));
        remote.publish("io.perceptron.test:words:1.0", Map.of("test.words.Words",
                "package test.words; public class Words { public static String word() { return \"cells\"; } }"),
                List.of(), List.of());
        Path stdlib = TestRepository.writeJar(temp.resolve("cell/kotlin-stdlib-2.3.10.jar"), Map.of("kotlin/Unit.class", new byte[] {1}));
        classPath = CellClassPath.of(List.of(stdlib));
        MavenSettings settings = new MavenSettings(temp.resolve("local"), "default", new Repository(Repository.CENTRAL_ID,
                Files.createDirectories(temp.resolve("central")).toUri().toString()), false, List.of(), Optional.empty());
        dependencies = new CellDependencies(classPath, () -> settings, temp);
        magics = Magics.standard(List.of(), classPath.loader(), dependencies);
    }

    @AfterEach
    void tearDown() {
        dependencies.close();
        classPath.close();
    }

    private String run(String line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        magics.run(line, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mavenWithARepositoryFolderAddsTheArtifact() throws Exception {
        String printed = run("%maven --repo remote io.perceptron.test:words:1.0");

        assertTrue(printed.startsWith("Repository " + remote.url() + " is searched before Maven Central from now on.\n"),
                printed);
        assertTrue(printed.endsWith("Added to the cell class path: words-1.0.jar.\n"), printed);
        assertEquals("cells", classPath.loader().loadClass("test.words.Words").getMethod("word").invoke(null));
    }

    @Test
    void aRepositoryNamedAloneIsRememberedForLaterCells() {
        run("%maven --repo=" + remote.url());

        assertTrue(run("%maven io.perceptron.test:words:1.0").contains("Added to the cell class path: words-1.0.jar."));
    }

    @Test
    void failuresAreDependencyErrorsWithTheMessage() {
        MagicException bare = assertThrows(MagicException.class, () -> run("%maven"));
        MagicException noUrl = assertThrows(MagicException.class, () -> run("%maven io.perceptron.test:words:1.0 --repo"));
        MagicException missing = assertThrows(MagicException.class, () -> run("%maven io.perceptron.test:words:1.0"));
        MagicException noJars = assertThrows(MagicException.class, () -> run("%jars"));

        assertEquals("DependencyError", bare.errorName());
        assertEquals("%maven needs at least one coordinate, for example %maven org.apache.commons:commons-csv:1.10.0 "
                + "(several may follow, separated by spaces; --repo URL names another repository).", bare.getMessage());
        assertEquals("--repo needs a URL or folder after it, for example %maven --repo https://maven.example.com/releases "
                + "group:artifact:version.", noUrl.getMessage());
        assertTrue(missing.getMessage().startsWith("Could not resolve io.perceptron.test:words:1.0"), missing.getMessage());
        assertEquals("DependencyError", noJars.errorName());
        assertTrue(noJars.getMessage().startsWith("%jars needs a jar, a folder of jars or a pattern"), noJars.getMessage());
        assertEquals(List.of(), classPath.added());
    }

    @Test
    void jarsAddsLocalJars() {
        TestRepository.writeJar(temp.resolve("lib/tool.jar"), Map.of("test/Tool.class", new byte[] {1}));

        assertEquals("Added to the cell class path: tool.jar.\n", run("%jars lib/*.jar"));
    }

    @Test
    void helpListsMavenAndJars() {
        String help = run("%help");

        assertTrue(help.contains("  %maven     add Maven libraries with their dependencies"), help);
        assertTrue(help.contains("  %jars      add local jars"), help);
        assertTrue(help.contains("@file:DependsOn(\"group:artifact:version\")"), help);
    }
}
