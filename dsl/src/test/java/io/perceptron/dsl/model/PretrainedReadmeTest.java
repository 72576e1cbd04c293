package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.Readme;
import io.perceptron.dsl.io.InstalledModels;
import io.perceptron.dsl.io.SafeTensors;
import org.junit.jupiter.api.Test;

/** The "Pretrained weights" part of dsl/README.md: what it shows and quotes is what the code does. */
class PretrainedReadmeTest {

    private static String section() {
        String models = Readme.section("Models");
        int start = models.indexOf("### Pretrained weights");
        return models.substring(start, models.indexOf("### Building for real", start));
    }

    @Test
    void theQuotedSummaryIsTheDescriptionsAndTheLoadedEncodersAndItsOutputsAreAsShown() {
        String text = section();
        int closing = text.indexOf("```\n", text.indexOf("encoder.summary()"));   // the end of the Kotlin block
        int start = text.indexOf("```\n", closing + 4) + 4;                       // the table's block
        String shown = text.substring(start, text.indexOf("```", start)).strip();
        assertEquals(shown, Architectures.allMiniLmL6V2().summary().printAll().strip());
        try (SentenceEncoder encoder = Pretrained.load("all-MiniLM-L6-v2")) {
            assertEquals(shown, encoder.summary().printAll().strip());
            assertTrue(text.contains("encoder.toString()   // " + encoder), encoder.toString());
            assertTrue(text.contains("// " + encoder.tokens("I want a bagel so bad")));
            NDArray v = encoder.embed("this bagel is so bad", "I want a bagel so bad", "what a horrible bagel");
            assertEquals(new Shape(3, 384), v.getShape());
            float[] lengths = v.square().sum(new int[] {1}).sqrt().toFloatArray();
            for (float length : lengths) {
                assertEquals(1f, length, 1e-5f);
            }
        }
    }

    @Test
    void theSafeTensorsExampleReadsWhatItSays() {
        String text = section();
        try (SafeTensors weights = SafeTensors.open(InstalledModels.folder("all-MiniLM-L6-v2").resolve("model.safetensors"));
             NDManager manager = NDManager.newBaseManager()) {
            assertTrue(text.contains("weights.names().size                                // " + weights.names().size()));
            assertEquals(new Shape(30522, 384), weights.shape("embeddings.word_embeddings.weight"));
            assertTrue(text.contains("// (30522, 384)"));
            assertEquals(new Shape(384), weights.read("pooler.dense.bias", manager).getShape());
        }
    }
}
