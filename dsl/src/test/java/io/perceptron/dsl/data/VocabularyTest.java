package io.perceptron.dsl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class VocabularyTest {

    private static final List<String> BAGELS = List.of("this bagel is so bad", "I want a bagel so bad");

    @Test
    void specialTokensComeFirstThenTheWordsAlphabetically() {
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", "a", "bad", "bagel", "i", "is", "so", "this", "want"),
                vocabulary.tokens());
        assertEquals(0, vocabulary.index(Vocabulary.PAD));
        assertEquals(3, vocabulary.index(Vocabulary.END));
        assertEquals("bagel", vocabulary.token(6));
    }

    @Test
    void encodingPadsToTheLengthAndDecodingGivesTheTextBack() {
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        int[] encoded = vocabulary.encode("this bagel is so bad", 8);
        assertArrayEquals(new int[] {10, 6, 8, 9, 5, 0, 0, 0}, encoded);
        assertEquals("this bagel is so bad", vocabulary.decode(encoded));
        int[] marked = vocabulary.encodeWithMarkers("I want a bagel", 8);
        assertArrayEquals(new int[] {2, 7, 11, 4, 6, 3, 0, 0}, marked);
        assertEquals("i want a bagel", vocabulary.decode(marked));
        assertEquals("i want a bagel", vocabulary.decode(Tensors.of(marked)), "indices held in a tensor");
    }

    @Test
    void longTextsAreCutAndMarkedTextsKeepBothMarkers() {
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        assertArrayEquals(new int[] {10, 6}, vocabulary.encode("this bagel is so bad", 2));
        assertArrayEquals(new int[] {2, 10, 6, 3}, vocabulary.encodeWithMarkers("this bagel is so bad", 4));
    }

    @Test
    void unknownWordsBecomeTheUnknownToken() {
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        assertArrayEquals(new int[] {10, 1, 8, 9, 1}, vocabulary.indices("this donut is so good"));
        assertEquals("this <unk> is so <unk>", vocabulary.decode(vocabulary.indices("this donut is so good")));
    }

    @Test
    void wordsAreLowerCasedAndPunctuationIsItsOwnToken() {
        Vocabulary vocabulary = Vocabulary.words(List.of("x"));
        assertEquals(List.of("this", "bagel", ",", "so", "bad", "!"), vocabulary.split("This bagel, so BAD!"));
    }

    @Test
    void characterVocabulariesReadEveryCharacterIncludingLettersBeyondAscii() {
        Vocabulary swedish = Vocabulary.characters(List.of("katter är söta"));
        assertEquals(List.of("<pad>", "<unk>", "<bos>", "<eos>", " ", "a", "e", "k", "r", "s", "t", "ä", "ö"),
                swedish.tokens());
        int[] encoded = swedish.encodeWithMarkers("katter är söta", 20);
        assertEquals("katter är söta", swedish.decode(encoded));
        Table codes = swedish.table();
        assertEquals(List.of("token", "index"), codes.columnNames());
        assertEquals("␣", codes.stringColumn("token").get(4));
        assertEquals(12, codes.intColumn("index").get(12));
    }

    @Test
    void aTableBecomesExamplesOfIndicesWithSortedClassNames() {
        Table reviews = Datasets.sentiment(100, 7);
        Vocabulary vocabulary = Vocabulary.words(reviews, "text");
        Examples examples = vocabulary.encode(reviews, "text", "label", 12);
        assertEquals(100, examples.size());
        assertArrayEquals(new long[] {12}, examples.featureShape());
        assertEquals(List.of("negative", "positive"), examples.classNames());
        for (int i = 0; i < examples.size(); i++) {
            assertEquals(reviews.stringColumn("text").get(i), vocabulary.decode(examples.features(i)));
            assertEquals(reviews.stringColumn("label").get(i), examples.labelName(i));
        }
    }

    @Test
    void paddingCanGoBeforeTheTokens() {
        Table table = Table.create("t", StringColumn.create("text", "so bad", "a bagel"),
                IntColumn.create("label", 0, 1));
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        Examples before = vocabulary.encode(table, "text", "label", 4, Vocabulary.Padding.BEFORE);
        assertArrayEquals(new float[] {0, 0, 9, 5}, before.features(0));
        assertEquals(List.of("0", "1"), before.classNames());
        assertEquals(1f, before.labels()[1]);
    }

    @Test
    void bagsOfWordsCountEachWordAndForgetTheOrder() {
        Table table = Table.create("t", StringColumn.create("text", "so bad so bad", "bad so bad so"),
                StringColumn.create("label", "x", "y"));
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        Examples bags = vocabulary.bagOfWords(table, "text", "label");
        assertArrayEquals(new long[] {vocabulary.size()}, bags.featureShape());
        assertEquals(2f, bags.features(0)[vocabulary.index("so")]);
        assertArrayEquals(bags.features(0), bags.features(1));
    }

    @Test
    void pairsHoldSourceIndicesAsFeaturesAndTargetIndicesAsLabels() {
        Table pairs = Datasets.translations("swedish", 50, 3);
        Vocabulary english = Vocabulary.characters(pairs, "english");
        Vocabulary swedish = Vocabulary.characters(pairs, "target");
        Examples examples = english.encodePairs(pairs, "english", 48, swedish, "target", 48);
        assertArrayEquals(new long[] {48}, examples.featureShape());
        assertArrayEquals(new long[] {48}, examples.labelShape());
        assertEquals(swedish.tokens(), examples.classNames());
        float[] target = java.util.Arrays.copyOfRange(examples.labels(), 0, 48);
        assertEquals(pairs.stringColumn("target").get(0), swedish.decode(target));
        assertEquals(pairs.stringColumn("english").get(0), english.decode(examples.features(0)));
        int length = pairs.stringColumn("target").get(0).length();
        assertEquals(3f, target[length], "the end marker follows the last character");
    }

    @Test
    void mistakesNameTheColumnOrIndexAndTheFix() {
        Table reviews = Datasets.sentiment(10, 1);
        PerceptronException column = assertThrows(PerceptronException.class, () -> Vocabulary.words(reviews, "txt"));
        assertTrue(column.getMessage().contains("'txt'") && column.getMessage().contains("text, label"),
                column.getMessage());
        Table numbers = Datasets.moons(10, 0.1, 1);
        PerceptronException type = assertThrows(PerceptronException.class, () -> Vocabulary.words(numbers, "x1"));
        assertTrue(type.getMessage().contains("'x1'") && type.getMessage().contains("texts"), type.getMessage());
        Vocabulary vocabulary = Vocabulary.words(BAGELS);
        PerceptronException index = assertThrows(PerceptronException.class, () -> vocabulary.decode(new int[] {99}));
        assertTrue(index.getMessage().contains("99") && index.getMessage().contains("0 to 11"), index.getMessage());
        Table oneClass = Table.create("t", StringColumn.create("text", "a", "b"), StringColumn.create("label", "x", "x"));
        PerceptronException classes = assertThrows(PerceptronException.class,
                () -> vocabulary.encode(oneClass, "text", "label", 3));
        assertTrue(classes.getMessage().contains("only 1 distinct value [x]"), classes.getMessage());
        PerceptronException empty = assertThrows(PerceptronException.class, () -> Vocabulary.words(List.of("", " ")));
        assertTrue(empty.getMessage().contains("no tokens"), empty.getMessage());
    }

    @Test
    void aVocabularyPrintsItsLevelSizeAndFirstTokens() {
        assertEquals("Vocabulary(words, 12 tokens: <pad> <unk> <bos> <eos> a bad bagel i is so this want)",
                Vocabulary.words(BAGELS).toString());
    }
}
