package io.perceptron.kernel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the kernel says it started without its start-up cache, and why. */
class StartupCacheTest {
    private static final String SHARING = "mixed mode, sharing";
    private static final String HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final String BUILD = "25.0.3+9-LTS";

    @TempDir
    Path folder;
    private Path archive;
    private Path jar;

    @BeforeEach
    void recordedCache() throws IOException {
        archive = Files.writeString(folder.resolve("kernel.aot"), "class data");
        jar = Files.writeString(folder.resolve("perceptron-kernel.jar"), "classes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        Files.writeString(folder.resolve(StartupCache.STAMP), String.join("\n",
                "# What the start-up cache beside this file was recorded with (install/startup_cache.py).",
                "java.home=" + HOME,
                "java.vm.version=" + BUILD,
                "file=" + Files.size(jar) + " 1700000000000 " + jar,
                "argv=0123abcd",
                "cells=4567ef01",
                ""));
    }

    @Test
    void aCacheRecordedForThisJdkAndTheseJarsAndSharedByTheJvmIsInUse() {
        assertEquals(Optional.empty(), StartupCache.problem(archive, SHARING, HOME, BUILD));
    }

    @Test
    void aMissingCacheIsNamedAsMissing() throws IOException {
        Files.delete(archive);

        assertEquals(Optional.of("is missing"), StartupCache.problem(archive, "mixed mode", HOME, BUILD));
    }

    @Test
    void aCacheOfAnotherJdkBuildNamesBothBuilds() {
        String problem = StartupCache.problem(archive, SHARING, HOME, "25.0.4+7-LTS").orElseThrow();

        assertTrue(problem.contains("recorded for the JDK " + BUILD), problem);
        assertTrue(problem.contains("runs on 25.0.4+7-LTS"), problem);
    }

    @Test
    void aCacheRecordedBeforeAJarChangedNamesTheJar() throws IOException {
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_360_000L));

        assertEquals(Optional.of("was recorded before perceptron-kernel.jar changed"),
                StartupCache.problem(archive, SHARING, HOME, BUILD));
    }

    @Test
    void aCacheRecordedWithAJarThatIsGoneIsStale() throws IOException {
        Files.delete(jar);

        assertEquals(Optional.of("was recorded before perceptron-kernel.jar changed"),
                StartupCache.problem(archive, SHARING, HOME, BUILD));
    }

    @Test
    void aCacheWithoutItsStampSaysSo() throws IOException {
        Files.delete(folder.resolve(StartupCache.STAMP));

        String problem = StartupCache.problem(archive, SHARING, HOME, BUILD).orElseThrow();

        assertTrue(problem.startsWith("has no stamp saying what it was recorded with"), problem);
    }

    @Test
    void aJvmRunningWithoutClassSharingRefusedTheCache() {
        String problem = StartupCache.problem(archive, "mixed mode", HOME, BUILD).orElseThrow();

        assertTrue(problem.startsWith("was refused by the JVM"), problem);
        assertTrue(problem.contains("-Xlog:cds"), "says how to see the JVM's reason: " + problem);
    }
}
