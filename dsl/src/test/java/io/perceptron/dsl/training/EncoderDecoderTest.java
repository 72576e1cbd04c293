package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** An encoder-decoder trains with teacher forcing and predicts by writing one token at a time. */
class EncoderDecoderTest {
    private static final int LENGTH = 10;
    private final Table pairs = Datasets.translations("swedish", 40, 42);
    private final Vocabulary english = Vocabulary.words(pairs, "english");
    private final Vocabulary swedish = Vocabulary.words(pairs, "target");
    private final Examples examples = english.encodePairs(pairs, "english", LENGTH, swedish, "target", LENGTH);

    private Model translator() {
        Model encoder = Model.sequential("encoder").input(LENGTH).embedding(english.size(), 32).lstm(64);
        return Model.decoder(encoder).input(LENGTH).embedding(swedish.size(), 32).lstm(64, true).dense(swedish.size());
    }

    @Test
    void aSmallTranslatorLearnsItsSentencesAndWritesThemBackWordByWord() {
        Model decoder = translator();

        TrainingRun run = decoder.fit(examples).optimizer(Optimizer.adam(0.01)).epochs(150).seed(1).quiet().train();
        Table translated = decoder.predict(examples);

        assertTrue(run.metric("accuracy") >= 0.98, "teacher-forced accuracy: " + run);
        int right = 0;
        for (int row = 0; row < pairs.rowCount(); row++) {
            String expected = String.join(" ", swedish.split(pairs.stringColumn("target").get(row)));
            right += translated.stringColumn("predicted").get(row).equals(expected) ? 1 : 0;
        }
        assertTrue(right >= 36, right + " of 40 training sentences translated exactly: " + translated.first(5).print());
    }

    @Test
    void aDecoderWhoseInputLengthDiffersFromTheTargetsSaysSo() {
        Model encoder = Model.sequential("encoder").input(LENGTH).embedding(english.size(), 8).lstm(8);
        Model decoder = Model.decoder(encoder).input(12).embedding(swedish.size(), 8).lstm(8, true).dense(swedish.size());

        PerceptronException error = assertThrows(PerceptronException.class, () -> decoder.fit(examples).quiet().train());

        assertEquals("The decoder takes input(12) but the target sequences are [10] long. Give the decoder input(10) "
                + "or encode the targets to that length.", error.getMessage());
    }

    @Test
    void aDecoderNeedsTokenSequencesAsLabels() {
        Table reviews = Datasets.sentiment(20, 1);
        Vocabulary words = Vocabulary.words(reviews, "text");
        Model encoder = Model.sequential("encoder").input(LENGTH).embedding(words.size(), 8).lstm(8);
        Model decoder = Model.decoder(encoder).input(1).embedding(2, 8).lstm(8, true).dense(2);

        PerceptronException error = assertThrows(PerceptronException.class,
                () -> decoder.fit(words.encode(reviews, "text", "label", LENGTH)).quiet().train());

        assertTrue(error.getMessage().contains("learns to write token sequences")
                && error.getMessage().contains("vocabulary.encodePairs(...)"), error.getMessage());
    }
}
