package io.perceptron.kernel.eval.kotlin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading @file:DependsOn and @file:Repository at the top of a Kotlin cell. */
class FileDependenciesTest {

    @Test
    void annotationsAtTheTopAreReadAndBlankedKeepingLinesAndColumns() {
        String cell = """
                // libraries for this notebook
                @file:Repository("https://maven.example.com/releases")
                @file:DependsOn("org.apache.commons:commons-csv:1.10.0", "lib/tool.jar")
                @file:Suppress("UNUSED")
                val x = 1""";

        FileDependencies.Directives directives = FileDependencies.read(cell);

        assertEquals(List.of("https://maven.example.com/releases"), directives.repositories());
        assertEquals(List.of("org.apache.commons:commons-csv:1.10.0", "lib/tool.jar"), directives.artifacts());
        assertEquals(cell.lines().count(), directives.code().lines().count());
        assertEquals(cell.length(), directives.code().length());
        assertTrue(directives.code().lines().toList().get(1).isBlank(), directives.code());
        assertTrue(directives.code().contains("@file:Suppress(\"UNUSED\")\nval x = 1"), "other annotations stay for the compiler");
    }

    @Test
    void aCellWithoutThemIsLeftAlone() {
        String cell = "val site = \"@file:DependsOn\"\nsite";

        FileDependencies.Directives directives = FileDependencies.read(cell);

        assertTrue(directives.isEmpty());
        assertEquals(cell, directives.code());
    }

    @Test
    void theFullyQualifiedNameAndSpacesAreAccepted() {
        FileDependencies.Directives directives = FileDependencies.read(
                "@file: kotlin.script.experimental.dependencies.DependsOn( \"a.b:c:1\" , /* why */ \"d.e:f:2\" )\n1");

        assertEquals(List.of("a.b:c:1", "d.e:f:2"), directives.artifacts());
    }

    @Test
    void aJarPathIsToldApartFromACoordinate() {
        assertTrue(FileDependencies.isJarPath("lib/tool.jar"));
        assertTrue(FileDependencies.isJarPath("tool.jar"));
        assertFalse(FileDependencies.isJarPath("org.apache.commons:commons-csv:1.10.0"));
    }

    @Test
    void malformedAnnotationsSayHowToWriteThem() {
        assertEquals("@file:DependsOn at line 2 takes string literals only, got a string template. Write "
                        + "@file:DependsOn(\"group:artifact:version\") at the top of the cell, for example "
                        + "@file:DependsOn(\"org.apache.commons:commons-csv:1.10.0\").",
                assertThrows(FileDependencies.Malformed.class,
                        () -> FileDependencies.read("\n@file:DependsOn(\"a:b:$v\")")).getMessage());
        assertEquals("@file:Repository at line 1 names nothing. Write @file:Repository(\"https://maven.example.com/releases\") "
                        + "at the top of the cell.",
                assertThrows(FileDependencies.Malformed.class, () -> FileDependencies.read("@file:Repository()")).getMessage());
        assertEquals("@file:DependsOn at line 1 is not closed: a quote or ')' is missing. Write "
                        + "@file:DependsOn(\"group:artifact:version\") at the top of the cell, for example "
                        + "@file:DependsOn(\"org.apache.commons:commons-csv:1.10.0\").",
                assertThrows(FileDependencies.Malformed.class, () -> FileDependencies.read("@file:DependsOn(\"a:b:1\"")).getMessage());
    }

    @Test
    void anAnnotationBelowCodeIsNamedWithItsLine() {
        FileDependencies.Malformed error = assertThrows(FileDependencies.Malformed.class,
                () -> FileDependencies.read("val x = 1\n  @file:DependsOn(\"a.b:c:1\")"));

        assertEquals("@file:DependsOn at line 2 stands below code; file annotations must come first in the cell. Move it "
                + "to the top, or put it in a cell of its own.", error.getMessage());
    }
}
