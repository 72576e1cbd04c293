package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class SentimentTest {

    @Test
    void theCorpusHasTextAndLabelColumnsWithBothLabelsEquallyOften() {
        Table reviews = Datasets.sentiment(1000, 42);
        assertEquals(List.of("text", "label"), reviews.columnNames());
        assertEquals(1000, reviews.rowCount());
        assertEquals(500, reviews.stringColumn("label").isEqualTo("positive").size());
        assertEquals(500, reviews.stringColumn("label").isEqualTo("negative").size());
        assertEquals(reviews.printAll(), Datasets.sentiment(1000, 42).printAll());
        assertEquals(1000, Datasets.sentiment(42).rowCount());
    }

    @Test
    void noBagOfWordsClassifierCanBeatACoinTossBecauseEveryBagAppearsUnderBothLabels() {
        Table reviews = Datasets.sentiment(1000, 42);
        // The best any bag-of-words classifier can do: for each distinct bag, predict its
        // majority label. Summing the majorities bounds every such model's accuracy.
        Map<String, int[]> byBag = new HashMap<>();
        for (int i = 0; i < reviews.rowCount(); i++) {
            String bag = bag(reviews.stringColumn("text").get(i));
            int label = reviews.stringColumn("label").get(i).equals("positive") ? 1 : 0;
            byBag.computeIfAbsent(bag, b -> new int[2])[label]++;
        }
        int best = 0;
        int ambiguous = 0;
        for (int[] counts : byBag.values()) {
            best += Math.max(counts[0], counts[1]);
            if (counts[0] > 0 && counts[1] > 0) ambiguous += counts[0] + counts[1];
        }
        double bound = best / (double) reviews.rowCount();
        assertTrue(bound <= 0.52, "a bag-of-words model could reach " + bound);
        assertTrue(ambiguous >= 0.95 * reviews.rowCount(), ambiguous + " of 1000 sentences share their bag");
    }

    @Test
    void inAContrastTheAdjectiveAfterButNowDecidesTheLabel() {
        Set<String> good = Set.of("good", "great", "nice", "lovely", "amazing", "wonderful");
        Table reviews = Datasets.sentiment(1000, 1);
        int checked = 0;
        for (int i = 0; i < reviews.rowCount(); i++) {
            String text = reviews.stringColumn("text").get(i);
            if (text.contains(" but now it is ")) {
                String last = text.substring(text.lastIndexOf(' ') + 1);
                assertEquals(good.contains(last) ? "positive" : "negative", reviews.stringColumn("label").get(i), text);
                checked++;
            }
        }
        assertTrue(checked > 50, "only " + checked + " contrasts in 1000 sentences");
    }

    @Test
    void wantingAThingSoBadIsPraiseWhileAThingThatIsSoBadIsNot() {
        Map<String, String> labelByText = labels(Datasets.sentiment(1000, 42));
        int wanted = 0;
        int judged = 0;
        for (Map.Entry<String, String> sentence : labelByText.entrySet()) {
            String text = sentence.getKey();
            if (text.matches("because this one is \\w+ i want a \\w+ so bad")) {
                assertEquals("positive", sentence.getValue(), text);
                wanted++;
            } else if (text.matches("i want a \\w+ one because this \\w+ is so bad")) {
                assertEquals("negative", sentence.getValue(), text);
                judged++;
            }
        }
        assertTrue(wanted > 20 && judged > 20, wanted + " wanting and " + judged + " judging sentences");
    }

    @Test
    void sentencesVaryInTemplateThingAndAdjectives() {
        Map<String, String> labelByText = labels(Datasets.sentiment(200, 3));
        assertTrue(labelByText.size() > 150, labelByText.size() + " distinct sentences of 200");
    }

    @Test
    void aWordVocabularyOfTheCorpusIsSmallEnoughForAQuickLstm() {
        Vocabulary vocabulary = Vocabulary.words(Datasets.sentiment(1000, 42), "text");
        assertTrue(vocabulary.size() < 60, "vocabulary size " + vocabulary.size());
        int longest = 0;
        Table reviews = Datasets.sentiment(1000, 42);
        for (String text : reviews.stringColumn("text")) longest = Math.max(longest, vocabulary.split(text).size());
        assertTrue(longest <= 12, "longest sentence has " + longest + " words");
    }

    private static Map<String, String> labels(Table reviews) {
        Map<String, String> labelByText = new HashMap<>();
        for (int i = 0; i < reviews.rowCount(); i++) {
            labelByText.put(reviews.stringColumn("text").get(i), reviews.stringColumn("label").get(i));
        }
        return labelByText;
    }

    private static String bag(String text) {
        String[] words = text.split(" ");
        java.util.Arrays.sort(words);
        return String.join(" ", words);
    }
}
