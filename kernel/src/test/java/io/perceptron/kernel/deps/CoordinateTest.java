package io.perceptron.kernel.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reading the coordinates a cell writes, and what it is told when one is malformed. */
class CoordinateTest {

    private static String refusal(String written) {
        return assertThrows(DependencyException.class, () -> Coordinate.parse(written)).getMessage();
    }

    private static final String HOW = ". Write group:artifact:version, for example org.apache.commons:commons-csv:1.10.0 "
            + "(or group:artifact:extension:classifier:version for a classifier).";

    @Test
    void groupArtifactVersionIsAJar() {
        Coordinate coordinate = Coordinate.parse("org.apache.commons:commons-csv:1.10.0");

        assertEquals(new Coordinate("org.apache.commons", "commons-csv", "jar", "", "1.10.0"), coordinate);
        assertEquals("org.apache.commons:commons-csv", coordinate.key());
        assertEquals("org.apache.commons:commons-csv:1.10.0", coordinate.toString());
    }

    @Test
    void extensionAndClassifierComeBeforeTheVersionAsMavenWritesThem() {
        Coordinate coordinate = Coordinate.parse("ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1");

        assertEquals(new Coordinate("ai.djl.pytorch", "pytorch-native-cpu", "jar", "linux-x86_64", "2.7.1"), coordinate);
        assertEquals("ai.djl.pytorch:pytorch-native-cpu:jar:linux-x86_64:2.7.1", coordinate.toString());
        assertEquals("com.example:data:zip:1.0", Coordinate.parse("com.example:data:zip:1.0").toString());
    }

    @Test
    void quotesAndSpacesAroundACopiedCoordinateAreIgnoredAndRangesAreVersions() {
        assertEquals("com.google.code.gson:gson:2.13.1", Coordinate.parse("  \"com.google.code.gson:gson:2.13.1\" ").toString());
        assertEquals("[1.0,2.0)", Coordinate.parse("com.example:tool:[1.0,2.0)").version());
    }

    @Test
    void eachMalformedCoordinateIsNamedWithWhatIsWrongAndTheFormToUse() {
        assertEquals("'commons-csv' is not a Maven coordinate: it has no ':' between group, artifact and version" + HOW,
                refusal("commons-csv"));
        assertEquals("'org.apache.commons:commons-csv' is not a Maven coordinate: it has no version" + HOW,
                refusal("org.apache.commons:commons-csv"));
        assertEquals("'org.apache.commons:commons-csv:' is not a Maven coordinate: its version is empty" + HOW,
                refusal("org.apache.commons:commons-csv:"));
        assertEquals("':commons-csv:1.0' is not a Maven coordinate: its group is empty" + HOW, refusal(":commons-csv:1.0"));
        assertEquals("'org apache:csv:1.0' is not a Maven coordinate: it contains a space" + HOW, refusal("org apache:csv:1.0"));
        assertEquals("'org/apache:csv:1.0' is not a Maven coordinate: its group 'org/apache' may only hold letters, digits, "
                + "'.', '-' and '_'" + HOW, refusal("org/apache:csv:1.0"));
        assertEquals("'a:b:c:d:e:f' is not a Maven coordinate: it has 6 parts separated by ':', at most 5 are allowed" + HOW,
                refusal("a:b:c:d:e:f"));
        assertEquals("'' is not a Maven coordinate: it is empty" + HOW, refusal(""));
    }
}
