package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.optimizer.Optimizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * A new head on the frozen pretrained encoder learns notebook 09's word-order reviews from 64 labels
 * with the ordinary fit, and the encoder's weights come out of training exactly as they went in.
 */
class PretrainedHeadTest {

    @Test
    void aHeadOnTheFrozenEncoderLearnsReviewsFromSixtyFourLabelsAndLeavesTheEncoderAsItWas() {
        Table reviews = Datasets.sentiment(464, 42);
        Table train = reviews.inRange(0, 64);
        Table test = reviews.inRange(64, 464);
        try (SentenceEncoder encoder = Pretrained.load("all-MiniLM-L6-v2").freeze();
             Model classifier = Model.sequential("reviews").input(encoder.maxLength()).add(encoder.model()).dense(2)) {
            assertEquals(770L, classifier.trainableParameterCount(), "only dense(2) learns: 384 x 2 + 2");
            Map<String, Integer> before = fingerprints(encoder.model());
            classifier.fit(encoder.encode(train, "text", "label")).optimizer(Optimizer.adam(0.05)).epochs(25)
                    .seed(1).quiet().train();
            double accuracy = classifier.evaluate(encoder.encode(test, "text", "label")).accuracy();
            assertTrue(accuracy >= 0.8, "expected at least 0.8 on 400 held-out reviews, got " + accuracy);
            assertEquals(before, fingerprints(encoder.model()), "the frozen encoder's weights changed");
        }
    }

    /** Every parameter's exact values, as a hash of its floats. */
    private static Map<String, Integer> fingerprints(Model model) {
        Map<String, Integer> hashes = new LinkedHashMap<>();
        List<Pair<String, Parameter>> parameters = model.djl().getBlock().getParameters().stream().toList();
        assertFalse(parameters.isEmpty());
        for (Pair<String, Parameter> parameter : parameters) {
            hashes.put(parameter.getKey(), Arrays.hashCode(parameter.getValue().getArray().toFloatArray()));
        }
        return hashes;
    }
}
