package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** An encoder that learned inside a decoder gives every source sentence's meaning vector. */
class EncoderOutputsTest {
    private static final int LENGTH = 8;
    private final Table pairs = Datasets.translations("swedish", 60, 3);
    private final Vocabulary english = Vocabulary.words(pairs, "english");
    private final Vocabulary swedish = Vocabulary.words(pairs, "target");
    private final Examples examples = english.encodePairs(pairs, "english", LENGTH, swedish, "target", LENGTH);

    @Test
    void anEncoderTrainedInsideADecoderGivesOneMeaningVectorPerSentenceFromItsTrainedWeights() {
        Model encoder = Model.sequential("english").input(LENGTH).embedding(english.size(), 16).gru(24);
        Model decoder = Model.decoder(encoder).input(LENGTH).embedding(swedish.size(), 16).gru(24, true)
                .dense(swedish.size());
        decoder.djl();
        float[][] before = encoder.outputs(examples);

        decoder.fit(examples).optimizer(Optimizer.adam(0.01)).epochs(3).seed(1).quiet().train();
        float[][] after = encoder.outputs(examples);

        assertEquals(60, after.length);
        assertEquals(24, after[0].length);
        assertFalse(Arrays.equals(before[0], after[0]), "training the decoder moved the shared encoder's vectors");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(Arrays.copyOf(examples.features(), 2 * LENGTH), new Shape(2, LENGTH));
            float[] direct = encoder.predict(x).toFloatArray();
            assertArrayEquals(Arrays.copyOf(direct, 24), after[0], 1e-5f);
            assertArrayEquals(Arrays.copyOfRange(direct, 24, 48), after[1], 1e-5f);
        }
        decoder.close();
    }

    @Test
    void aDecoderOrExamplesOfTheWrongLengthAreRefusedWithTheFix() {
        Model encoder = Model.sequential("english").input(LENGTH).embedding(english.size(), 8).gru(8);
        Model decoder = Model.decoder("swedish", encoder).input(LENGTH).embedding(swedish.size(), 8).gru(8, true)
                .dense(swedish.size());

        String ofDecoder = assertThrows(PerceptronException.class, () -> decoder.outputs(examples)).getMessage();
        assertTrue(ofDecoder.contains("swedish is a decoder") && ofDecoder.contains("encoder.outputs(examples)"),
                ofDecoder);

        Examples longer = english.encodePairs(pairs, "english", 10, swedish, "target", 10);
        String shape = assertThrows(PerceptronException.class, () -> encoder.outputs(longer)).getMessage();
        assertTrue(shape.contains("are shaped (10)") && shape.contains("\"english\" takes examples shaped (8)"), shape);
    }
}
