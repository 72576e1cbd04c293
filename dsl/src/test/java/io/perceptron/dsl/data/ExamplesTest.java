package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.Readme;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    /** Ten examples of two numbers each; example i holds [i, -i] and class i % 2. */
    private static Examples ten() {
        float[] features = new float[20];
        float[] labels = new float[10];
        for (int i = 0; i < 10; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            labels[i] = i % 2;
        }
        return Examples.of("ten", features, new long[] {2}, labels, new long[0], List.of("even", "odd"));
    }

    @Test
    void splitKeepsEveryExampleExactlyOnceInTheStatedProportion() {
        List<Examples> parts = ten().split(0.7, 42);
        assertEquals(7, parts.get(0).size());
        assertEquals(3, parts.get(1).size());
        Set<Float> seen = new HashSet<>();
        for (Examples part : parts) {
            for (int i = 0; i < part.size(); i++) {
                float[] f = part.features(i);
                assertEquals(0f, f[0] + f[1], "features stay together");
                assertEquals(((int) f[0]) % 2 == 0 ? "even" : "odd", part.labelName(i), "labels follow features");
                assertTrue(seen.add(f[0]));
            }
        }
        assertEquals(10, seen.size());
        assertArrayEquals(parts.get(1).features(), ten().split(0.7, 42).get(1).features());
    }

    @Test
    void headAndShuffledKeepTheShapesAndClasses() {
        Examples shuffled = ten().shuffled(3);
        assertEquals(10, shuffled.size());
        assertEquals(ten().classNames(), shuffled.classNames());
        assertEquals(3, ten().head(3).size());
        assertArrayEquals(new float[] {2, -2}, ten().head(3).features(2));
        assertEquals(10, ten().head(50).size());
    }

    @Test
    void labelNamesReadMultiLabelVectors() {
        Examples scenes = Examples.of("scenes", new float[] {0, 0, 0}, new long[] {1},
                new float[] {1, 1, 0, 0, 0, 1}, new long[] {2}, List.of("dog", "cone"));
        assertEquals("dog+cone", scenes.labelName(0));
        assertEquals("none", scenes.labelName(1));
        assertEquals("cone", scenes.labelName(2));
    }

    @Test
    void aMissingExampleOrMismatchedLabelsAreExplained() {
        PerceptronException index = assertThrows(PerceptronException.class, () -> ten().features(10));
        assertTrue(index.getMessage().contains("no example 10") && index.getMessage().contains("0 to 9"),
                index.getMessage());
        PerceptronException labels = assertThrows(PerceptronException.class,
                () -> Examples.of("x", new float[4], new long[] {2}, new float[3], new long[0], List.of()));
        assertTrue(labels.getMessage().contains("2 examples need 2 label numbers") && labels.getMessage().contains("3"),
                labels.getMessage());
    }

    @Test
    void relabeledKeepsTheFeaturesAndGivesEachExampleItsNewClass() {
        Examples scenes = Examples.of("scenes", new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new long[] {1},
                new float[] {0, 0, 1, 0, 1, 1, 0, 1}, new long[] {2}, List.of("dog", "cone"));
        Examples counted = scenes.relabeled(List.of("none", "one", "two"),
                i -> scenes.labelName(i).equals("none") ? 0 : scenes.labelName(i).split("\\+").length);
        assertArrayEquals(scenes.features(), counted.features());
        assertEquals(0, counted.labelShape().length, "one class index per example");
        assertEquals(List.of("none", "one", "two", "one"),
                List.of(counted.labelName(0), counted.labelName(1), counted.labelName(2), counted.labelName(3)));
        assertEquals("scenes: 4 examples, features [1], labels one per example, classes [none, one, two]",
                counted.toString());
    }

    @Test
    void relabeledRefusesAClassThatIsNotInTheList() {
        String message = assertThrows(PerceptronException.class,
                () -> ten().relabeled(List.of("no", "yes"), i -> i == 4 ? 2 : 0)).getMessage();
        assertTrue(message.contains("gave example 4 class 2, but there are 2 classes [no, yes], numbered 0 to 1"),
                message);
        String empty = assertThrows(PerceptronException.class, () -> ten().relabeled(List.of(), i -> 0)).getMessage();
        assertTrue(empty.contains("needs the names of the new classes"), empty);
    }

    @Test
    void theReadmeQuotesTheRealRelabeledPrintout() {
        Examples scenes = Datasets.multiLabelImages(800, 32, 42);
        Examples counted = scenes.relabeled(List.of("none", "one", "two"),
                i -> scenes.labelName(i).equals("none") ? 0 : scenes.labelName(i).split("\\+").length);
        assertTrue(Readme.section("Data").contains("counted           // " + counted), counted.toString());
    }
}
