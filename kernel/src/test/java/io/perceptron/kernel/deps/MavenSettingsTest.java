package io.perceptron.kernel.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the local repository, Maven Central and the mirrors are, read the way Maven reads them. */
class MavenSettingsTest {

    @TempDir
    Path home;

    private MavenSettings read(Map<String, String> environment) {
        return read(environment, new Properties());
    }

    private MavenSettings read(Map<String, String> environment, Properties system) {
        return MavenSettings.read(environment, system, home);
    }

    private void userSettings(String body) throws IOException {
        Files.createDirectories(home.resolve(".m2"));
        Files.writeString(home.resolve(".m2/settings.xml"), "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\">"
                + body + "</settings>");
    }

    @Test
    void withNothingSetItIsTheHomeRepositoryMavenCentralAndOnline() {
        MavenSettings settings = read(Map.of());

        assertEquals(home.resolve(".m2/repository"), settings.localRepository());
        assertEquals(home.resolve(".m2/repository").toString(), settings.describeLocalRepository());
        assertEquals(Repository.CENTRAL_ID, settings.central().id());
        assertTrue(settings.central().url().startsWith("https://"), settings.central().url());
        assertFalse(settings.offline());
        assertEquals(List.of(), settings.mirrors());
        assertEquals(Optional.empty(), settings.settingsFile());
    }

    @Test
    void mavenOptsNamesTheLocalRepositoryAndCentralAndSaysWhereItCameFrom() {
        MavenSettings settings = read(Map.of("MAVEN_OPTS",
                "-Xmx1g -Dmaven.repo.local=/data/m2 -Dmaven.repo.central=file:///data/central"));

        assertEquals(Path.of("/data/m2"), settings.localRepository());
        assertEquals("/data/m2 (set by -Dmaven.repo.local in MAVEN_OPTS)", settings.describeLocalRepository());
        assertEquals("file:///data/central", settings.central().url());
    }

    @Test
    void theKernelsOwnPropertyComesBeforeMavenArgsWhichComesBeforeMavenOpts() {
        Map<String, String> environment = Map.of("MAVEN_OPTS", "-Dmaven.repo.local=/opts", "MAVEN_ARGS", "-Dmaven.repo.local=/args");
        Properties system = new Properties();

        assertEquals(Path.of("/args"), read(environment, system).localRepository());
        system.setProperty("maven.repo.local", "/jvm");
        assertEquals("/jvm (set by -Dmaven.repo.local in the kernel's JVM options)",
                read(environment, system).describeLocalRepository());
    }

    @Test
    void theSettingsFileGivesLocalRepositoryOfflineAndMirrors() throws IOException {
        userSettings("<localRepository>${user.home}/cache/m2</localRepository><offline>true</offline>"
                + "<mirrors><mirror><id>company</id><url>https://repo.example.com/all</url><mirrorOf>*,!internal</mirrorOf>"
                + "</mirror></mirrors>");

        MavenSettings settings = read(Map.of());

        assertEquals(home.resolve("cache/m2"), settings.localRepository());
        assertEquals(home.resolve("cache/m2") + " (set by <localRepository> in " + home.resolve(".m2/settings.xml") + ")",
                settings.describeLocalRepository());
        assertTrue(settings.offline());
        assertEquals(List.of(new MavenSettings.Mirror("company", "https://repo.example.com/all", "*,!internal")),
                settings.mirrors());
    }

    @Test
    void mavenArgsNameAnotherSettingsFileAndOfflineMode() throws IOException {
        Path other = Files.writeString(home.resolve("ci-settings.xml"),
                "<settings><localRepository>${env.CACHE}/m2</localRepository></settings>");

        MavenSettings settings = read(Map.of("MAVEN_ARGS", "--offline -s " + other, "CACHE", "/cache"));

        assertEquals(Optional.of(other), settings.settingsFile());
        assertEquals(Path.of("/cache/m2"), settings.localRepository());
        assertTrue(settings.offline());
    }

    @Test
    void aBrokenSettingsFileIsNamedWithTheParsersComplaintAndTheFix() throws IOException {
        userSettings("<localRepository>/x</localRepo>");

        DependencyException error = assertThrows(DependencyException.class, () -> read(Map.of()));

        assertTrue(error.getMessage().startsWith("Could not read the Maven settings " + home.resolve(".m2/settings.xml") + ": "),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("Fix the file, or point MAVEN_ARGS at another one with -s FILE, then run "
                + "the cell again."), error.getMessage());
    }

    @Test
    void quotedArgumentsKeepTheirSpaces() {
        assertEquals(List.of("-Dmaven.repo.local=/my repo", "-o"),
                MavenSettings.Arguments.split(" \"-Dmaven.repo.local=/my repo\"  -o "));
    }
}
