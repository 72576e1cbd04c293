package io.perceptron.dsl.data;

import io.perceptron.dsl.Readme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The "Data" section of dsl/README.md: what it quotes and the numbers it states are the code's. */
class DataReadmeTest {

    private static String section() {
        return Readme.section("Data");
    }

    @Test
    void theQuotedPrintoutsAreTheRealOnes() throws IOException {
        String text = section();
        assertTrue(text.contains("// " + Datasets.dogsVsConesImages(600, 28, 42)));
        assertTrue(text.contains("// " + Datasets.multiLabelImages(800, 32, 42)));
        Vocabulary vocab = Vocabulary.words(Datasets.sentiment(1000, 42), "text");
        assertTrue(text.contains("// " + vocab.size() + " tokens"));
        assertTrue(text.contains("// " + Arrays.toString(vocab.encode("the bagel is good", 6))));
        assertTrue(text.contains("// " + Arrays.toString(vocab.encodeWithMarkers("the bagel is good", 8))));
        assertTrue(text.contains("features [" + vocab.size() + "], word counts"));
    }

    @Test
    void theStatedMeasurementsOfTheDataAreTheRealOnes() throws IOException {
        String text = section();
        assertTrue(text.contains(String.format(Locale.ROOT, "| `moons(1000, 0.2, 42)` | %.2f | %.3f |",
                PointChecks.linearAccuracy(Datasets.moons(1000, 0.2, 42), 2),
                PointChecks.nearestNeighbourAccuracy(Datasets.moons(1000, 0.2, 42)))));
        assertTrue(text.contains(String.format(Locale.ROOT, "| `spirals(1500, 3, 0.05, 42)` | %.2f | %.3f |",
                PointChecks.linearAccuracy(Datasets.spirals(1500, 3, 0.05, 42), 3),
                PointChecks.nearestNeighbourAccuracy(Datasets.spirals(1500, 3, 0.05, 42)))));
        int all = TranslationGrammar.allSentences().size();
        long unseen = TranslationGrammar.allSentences().stream().filter(s -> TranslationGrammar.isUnseen(s.english()))
                .count();
        assertTrue(text.contains(String.format(Locale.ROOT, "%,d sentences in all", all)));
        assertTrue(text.contains(String.format(Locale.ROOT, "(%d of %,d)", unseen, all)));
        Table pets = Datasets.dogsVsCones(4000, 3);
        double fur = 0;
        for (int i = 0; i < pets.rowCount(); i++) {
            boolean dog = pets.stringColumn("label").get(i).equals("dog");
            if ((pets.intColumn("fur").getInt(i) == 1) == dog) fur++;
        }
        assertTrue(text.contains(String.format(Locale.ROOT, "fur alone is right %.1f%%", 100 * fur / pets.rowCount())));
    }

    @Test
    void theQuotedMessagesAreTheRealOnes() throws IOException {
        String text = section();
        String column = assertThrows(PerceptronException.class,
                () -> Vocabulary.words(Datasets.sentiment(10, 1), "txt")).getMessage();
        String language = assertThrows(PerceptronException.class,
                () -> Datasets.translations("german", 100, 1)).getMessage();
        String arms = assertThrows(PerceptronException.class, () -> Datasets.spirals(100, 1, 0.05, 1)).getMessage();
        for (String message : new String[] {column, language, arms}) {
            assertTrue(text.contains("// " + message), message);
        }
        assertEquals(-1, text.indexOf("TODO"));
    }
}
