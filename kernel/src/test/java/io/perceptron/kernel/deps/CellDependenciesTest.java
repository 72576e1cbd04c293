package io.perceptron.kernel.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.kernel.eval.CellClassPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resolving coordinates into the cell class path from repositories in folders (no network):
 * transitive dependencies, the local repository first, the messages when something is missing or
 * unreachable, and what happens to libraries the class path has already.
 */
class CellDependenciesTest {

    private static final String WORDS = "package test.words; public class Words { public static String word() { return \"cells\"; } }";
    private static final String GREETING = "package test.greeting; public class Greeting {"
            + " public static String hello() { return \"hello, \" + test.words.Words.word(); } }";

    @TempDir
    Path temp;
    private TestRepository remote;
    private Path local;
    private Path emptyCentral;
    private CellClassPath classPath;
    private CellDependencies dependencies;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws IOException {
        remote = new TestRepository(temp.resolve("remote"));
        local = temp.resolve("local");
        emptyCentral = Files.createDirectories(temp.resolve("central"));
        Path words = remote.publish("io.perceptron.test:words:1.0", Map.of("test.words.Words", WORDS), List.of(), List.of());
        remote.publish("io.perceptron.test:greeting:1.0", Map.of("test.greeting.Greeting", GREETING),
                List.of("io.perceptron.test:words:1.0"), List.of(words));
        classPath = CellClassPath.of(providedJars());
        dependencies = newDependencies(settings(List.of(), false));
    }

    @AfterEach
    void tearDown() {
        dependencies.close();
        classPath.close();
    }

    /** What "the kernel provides" in these tests: a stand-in stdlib, DJL's api (no pom.properties) and commons-math3. */
    private List<Path> providedJars() {
        Path provided = temp.resolve("provided");
        Path stdlib = TestRepository.writeJar(provided.resolve("kotlin-stdlib-2.3.10.jar"),
                Map.of("kotlin/Unit.class", new byte[] {1}, "kotlin/Pair.class", new byte[] {2}));
        Path djl = TestRepository.writeJar(provided.resolve("api-0.35.1.jar"),
                Map.of("ai/djl/Device.class", new byte[] {1}, "ai/djl/Model.class", new byte[] {2}));
        Map<String, byte[]> math = new LinkedHashMap<>();
        math.put("org/apache/commons/math3/util/FastMath.class", new byte[] {1});
        Map.Entry<String, byte[]> properties = TestRepository.pomProperties("org.apache.commons", "commons-math3", "3.6.1");
        math.put(properties.getKey(), properties.getValue());
        Path commonsMath = TestRepository.writeJar(provided.resolve("commons-math3-3.6.1.jar"), math);
        return List.of(stdlib, djl, commonsMath);
    }

    private MavenSettings settings(List<MavenSettings.Mirror> mirrors, boolean offline) {
        return new MavenSettings(local, MavenSettings.DEFAULT_ORIGIN, new Repository(Repository.CENTRAL_ID,
                emptyCentral.toUri().toString()), offline, mirrors, Optional.empty());
    }

    private CellDependencies newDependencies(MavenSettings settings) {
        return new CellDependencies(classPath, () -> settings, temp);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(List<Path> jars) {
        return jars.stream().map(jar -> jar.getFileName().toString()).toList();
    }

    // ------------------------------------------------------------------------------ resolution

    @Test
    void anArtifactComesWithWhatItDependsOnAndJoinsTheCellClassLoader() throws Exception {
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("io.perceptron.test:greeting:1.0"), out);

        assertEquals(List.of("greeting-1.0.jar", "words-1.0.jar"), names(added));
        Class<?> greeting = classPath.loader().loadClass("test.greeting.Greeting");
        assertEquals("hello, cells", greeting.getMethod("hello").invoke(null));
        assertEquals(classPath.loader(), greeting.getClassLoader(), "loaded by the cells' own loader, once");
        assertEquals(added, classPath.added());
        assertTrue(printed().contains("Downloaded greeting-1.0.jar (") && printed().contains(" B) from " + remote.url() + "\n"),
                printed());
        assertTrue(printed().contains("Added to the cell class path: greeting-1.0.jar, words-1.0.jar."), printed());
    }

    @Test
    void theLocalRepositoryIsAskedFirstAndNeedsNoRemote() {
        new TestRepository(local).publish("io.perceptron.test:words:1.0", Map.of("test.words.Words", WORDS), List.of(), List.of());

        List<Path> added = dependencies.resolve(List.of("io.perceptron.test:words:1.0"), out);

        assertEquals(List.of("words-1.0.jar"), names(added));
        assertTrue(added.get(0).startsWith(local), added.toString());
        assertTrue(!printed().contains("Downloaded"), "nothing to download: " + printed());
    }

    @Test
    void aSettingsMirrorStandsInForCentral() {
        CellDependencies mirrored = newDependencies(settings(
                List.of(new MavenSettings.Mirror("company", remote.url(), "central")), false));

        List<Path> added = mirrored.resolve(List.of("io.perceptron.test:greeting:1.0"), out);

        assertEquals(List.of("greeting-1.0.jar", "words-1.0.jar"), names(added));
        assertTrue(printed().contains("Downloaded greeting-1.0.pom (") && printed().contains(" B) from company\n"), printed());
        mirrored.close();
    }

    @Test
    void aMissingArtifactNamesItWhatWasTriedAndWhatToDoAndAddsNothing() {
        dependencies.addRepository(remote.url());

        DependencyException error = assertThrows(DependencyException.class,
                () -> dependencies.resolve(List.of("io.perceptron.test:greeting:1.0", "io.perceptron.test:nowhere:2.0"), out));

        String message = error.getMessage();
        assertTrue(message.startsWith("Could not resolve io.perceptron.test:greeting:1.0, io.perceptron.test:nowhere:2.0: "
                + "io.perceptron.test:nowhere:2.0 is not in the local repository " + local), message);
        assertTrue(message.contains("\n  " + remote.url() + ": not found"), message);
        assertTrue(message.contains("\n  central (" + emptyCentral.toUri() + "): not found"), message);
        assertTrue(message.contains("What to do: check the group, artifact and version for a typo"), message);
        assertTrue(message.contains("%maven --repo URL io.perceptron.test:nowhere:2.0"), message);
        assertEquals(List.of(), classPath.added(), "all or nothing: greeting was found but not added");
    }

    @Test
    void aMissingDependencyIsNamedAsWhatTheRequestedArtifactNeeds() {
        remote.publish("io.perceptron.test:broken:1.0", Map.of(), List.of("io.perceptron.test:gone:1.0"), List.of());
        dependencies.addRepository(remote.url());

        DependencyException error = assertThrows(DependencyException.class,
                () -> dependencies.resolve(List.of("io.perceptron.test:broken:1.0"), out));

        assertTrue(error.getMessage().startsWith("Could not resolve io.perceptron.test:broken:1.0: it depends on "
                + "io.perceptron.test:gone:1.0, which is not in the local repository"), error.getMessage());
    }

    @Test
    void anUnreachableRepositoryIsReportedAsSuchWithWhatToDoOffline() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + closedPort + "/maven2";
        dependencies.addRepository(unreachable);

        DependencyException error = assertThrows(DependencyException.class,
                () -> dependencies.resolve(List.of("io.perceptron.test:words:9.9"), out));

        String message = error.getMessage();
        assertTrue(message.startsWith("Could not resolve io.perceptron.test:words:9.9: it is not in the local repository "),
                "the library is named, not its POM: " + message);
        assertTrue(message.contains("\n  " + unreachable + ": could not be reached ("), message);
        assertTrue(message.contains("Without a network, put the library into the local repository first"), message);
        assertTrue(message.contains("%jars path/to/file.jar"), message);
    }

    @Test
    void offlineSettingsLeaveRemotesUnaskedButStillReadFolders() {
        CellDependencies offline = newDependencies(settings(List.of(), true));
        offline.addRepository(remote.url());
        offline.addRepository("https://maven.example.com/releases");

        DependencyException error = assertThrows(DependencyException.class,
                () -> offline.resolve(List.of("io.perceptron.test:nowhere:1.0"), out));
        List<Path> added = offline.resolve(List.of("io.perceptron.test:words:1.0"), out);

        assertTrue(error.getMessage().contains("\n  https://maven.example.com/releases: not asked: Maven is offline"),
                error.getMessage());
        assertEquals(List.of("words-1.0.jar"), names(added), "a file: repository is no network");
        offline.close();
    }

    @Test
    void aMalformedCoordinateIsRefusedBeforeAnythingIsResolved() {
        dependencies.addRepository(remote.url());

        DependencyException error = assertThrows(DependencyException.class,
                () -> dependencies.resolve(List.of("io.perceptron.test:greeting:1.0", "io.perceptron.test:words"), out));

        assertEquals("'io.perceptron.test:words' is not a Maven coordinate: it has no version. Write group:artifact:version, "
                + "for example org.apache.commons:commons-csv:1.10.0 (or group:artifact:extension:classifier:version "
                + "for a classifier).", error.getMessage());
        assertTrue(printed().isEmpty(), "nothing was downloaded: " + printed());
    }

    @Test
    void aRepositoryThatIsNeitherUrlNorFolderIsRefused() {
        DependencyException error = assertThrows(DependencyException.class, () -> dependencies.addRepository("no-such-folder"));

        assertTrue(error.getMessage().startsWith("'no-such-folder' is not a repository: write its URL"), error.getMessage());
    }

    // ----------------------------------------------------------------- what is there already

    @Test
    void anotherVersionOfALibraryTheKernelProvidesIsReportedAndNotLoaded() {
        // DJL's jars carry no pom.properties: the provided one is known by its file name and classes.
        remote.publishEntries("ai.djl:api:0.30.0", Map.of("ai/djl/Device.class", new byte[] {9}), List.of());
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("ai.djl:api:0.30.0"), out);

        assertEquals(List.of(), added);
        assertTrue(printed().contains("ai.djl:api 0.30.0 requested; the kernel provides 0.35.1, which cells keep using."),
                printed());
    }

    @Test
    void aProvidedLibraryIsRecognisedByItsPomPropertiesWhateverItsClasses() {
        remote.publishEntries("org.apache.commons:commons-math3:3.5", Map.of("org/apache/commons/math3/Other.class",
                new byte[] {1}), List.of());
        remote.publishEntries("io.perceptron.test:uses-math:1.0", Map.of("test/Uses.class", new byte[] {1}),
                List.of("org.apache.commons:commons-math3:3.6.1"));
        remote.publishEntries("org.apache.commons:commons-math3:3.6.1", Map.of("org/apache/commons/math3/util/FastMath.class",
                new byte[] {1}), List.of());
        dependencies.addRepository(remote.url());

        dependencies.resolve(List.of("org.apache.commons:commons-math3:3.5"), out);
        List<Path> added = dependencies.resolve(List.of("io.perceptron.test:uses-math:1.0"), out);

        assertEquals(List.of("uses-math-1.0.jar"), names(added), "the provided commons-math3 is not added again");
        assertTrue(printed().contains("org.apache.commons:commons-math3 3.5 requested; the kernel provides 3.6.1, "
                + "which cells keep using."), printed());
        assertTrue(!printed().contains("commons-math3 3.6.1 is provided"), "a dependency in the same version goes quietly");
    }

    @Test
    void aJarWithTheFileNameOfAProvidedOneIsThatOneEvenWithoutClasses() {
        remote.publishEntries("ai.djl:api:0.35.1", Map.of("native/lib.so", new byte[] {1}), List.of());
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("ai.djl:api:0.35.1"), out);

        assertEquals(List.of(), added);
        assertTrue(printed().contains("ai.djl:api 0.35.1 is provided by the kernel already."), printed());
    }

    @Test
    void askingForTheVersionTheKernelProvidesSaysSo() {
        remote.publishEntries("org.apache.commons:commons-math3:3.6.1", Map.of("org/apache/commons/math3/util/FastMath.class",
                new byte[] {1}), List.of());
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("org.apache.commons:commons-math3:3.6.1"), out);

        assertEquals(List.of(), added);
        assertTrue(printed().contains("org.apache.commons:commons-math3 3.6.1 is provided by the kernel already."), printed());
        assertTrue(printed().contains("Nothing new to add to the cell class path."), printed());
    }

    @Test
    void aLibraryAddedEarlierKeepsItsVersionForTheSession() {
        remote.publish("io.perceptron.test:words:2.0", Map.of("test.words.Words", WORDS), List.of(), List.of());
        dependencies.addRepository(remote.url());
        dependencies.resolve(List.of("io.perceptron.test:greeting:1.0"), out);

        List<Path> added = dependencies.resolve(List.of("io.perceptron.test:words:2.0"), out);

        assertEquals(List.of(), added);
        assertTrue(printed().contains("io.perceptron.test:words 2.0 requested; 1.0 was added earlier in this session, "
                + "which cells keep using (restart the kernel to switch versions)."), printed());
    }

    @Test
    void anArtifactNamedLikeAProvidedJarButWithOtherClassesIsAdded() {
        remote.publishEntries("com.example:api:0.30.0", Map.of("com/example/Api.class", new byte[] {1}), List.of());
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("com.example:api:0.30.0"), out);

        assertEquals(List.of("api-0.30.0.jar"), names(added), "not DJL's api: no class in common");
    }

    @Test
    void aJarWhoseEveryClassIsThereAlreadyIsLeftOut() {
        remote.publishEntries("org.jetbrains.kotlin:kotlin-stdlib-jdk8:1.9.0", Map.of("kotlin/Unit.class", new byte[] {1}), List.of());
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("org.jetbrains.kotlin:kotlin-stdlib-jdk8:1.9.0"), out);

        assertEquals(List.of(), added);
        assertTrue(printed().contains("org.jetbrains.kotlin:kotlin-stdlib-jdk8:1.9.0 adds nothing: every class in it is "
                + "on the cell class path already (in kotlin-stdlib-2.3.10.jar); not added."), printed());
    }

    @Test
    void aJarSharingSomeClassesIsAddedAndTheSharedOnesAreNamed() {
        remote.publishEntries("com.example:bundle:1.0", Map.of("kotlin/Pair.class", new byte[] {1},
                "com/example/Own.class", new byte[] {2}), List.of());
        dependencies.addRepository(remote.url());

        List<Path> added = dependencies.resolve(List.of("com.example:bundle:1.0"), out);

        assertEquals(List.of("bundle-1.0.jar"), names(added));
        assertTrue(printed().contains("com.example:bundle:1.0 has 1 of its 2 classes in kotlin-stdlib-2.3.10.jar too; "
                + "cells get those from kotlin-stdlib-2.3.10.jar, which comes first on the class path."), printed());
    }

    // ------------------------------------------------------------------------------- %jars

    @Test
    void localJarsAreAddedByFileFolderOrPattern() throws Exception {
        Path lib = temp.resolve("lib");
        TestRepository.writeJar(lib.resolve("one.jar"), TestRepository.compile(Map.of("test.one.One",
                "package test.one; public class One { public static int value() { return 1; } }"), List.of()));
        TestRepository.writeJar(lib.resolve("two.jar"), Map.of("test/two/Two.class", new byte[] {1}));
        TestRepository.writeJar(lib.resolve("deeper/three.jar"), Map.of("test/three/Three.class", new byte[] {1}));

        List<Path> byFile = dependencies.addJars(List.of("lib/one.jar"), out);
        List<Path> byPattern = dependencies.addJars(List.of("lib/*.jar"), out);
        List<Path> byFolder = dependencies.addJars(List.of(lib.resolve("deeper").toString()), out);

        assertEquals(List.of("one.jar"), names(byFile));
        assertEquals(List.of("two.jar"), names(byPattern), "one.jar is there already; the pattern does not go deeper");
        assertEquals(List.of("three.jar"), names(byFolder));
        assertEquals(1, classPath.loader().loadClass("test.one.One").getMethod("value").invoke(null));
        assertTrue(printed().contains("one.jar is on the cell class path already."), printed());
    }

    @Test
    void aPatternMatchingNothingSaysWhereItLooked() {
        DependencyException error = assertThrows(DependencyException.class,
                () -> dependencies.addJars(List.of("missing/*.jar"), out));

        assertEquals("No jar matches 'missing/*.jar' (looked in " + temp.resolve("missing") + "). Check the path; patterns "
                + "such as lib/*.jar or ~/jars/**.jar are read relative to the notebook's folder.", error.getMessage());
    }

    @Test
    void aFileThatIsNotAJarIsRefused() throws IOException {
        Path notes = Files.writeString(temp.resolve("notes.txt"), "not a jar");

        DependencyException error = assertThrows(DependencyException.class,
                () -> dependencies.addJars(List.of("notes.txt"), out));

        assertTrue(error.getMessage().startsWith(notes + " is not a jar"), error.getMessage());
        assertNotNull(classPath.added());
        assertEquals(List.of(), classPath.added());
    }
}
