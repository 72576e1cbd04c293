package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.perceptron.dsl.io.InstalledModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * all-MiniLM-L6-v2 loaded into the DSL's own layers gives the vectors sentence-transformers gives,
 * to 1e-4, for every reference sentence, batched and one at a time. The reference was computed once
 * by sentence-transformers from the same installed files (dsl/src/test/python/reference_embeddings.py;
 * the command is inside the JSON).
 */
class PretrainedEncoderTest {
    private static final double TOLERANCE = 1e-4;
    private static SentenceEncoder encoder;
    private static List<String> sentences;
    private static List<float[]> expected;
    private static List<Integer> tokenCounts;

    @BeforeAll
    static void load() {
        encoder = Pretrained.load("all-MiniLM-L6-v2");
        JsonObject reference = reference();
        sentences = new ArrayList<>();
        expected = new ArrayList<>();
        tokenCounts = new ArrayList<>();
        for (JsonElement item : reference.getAsJsonArray("sentences")) {
            JsonObject sentence = item.getAsJsonObject();
            sentences.add(sentence.get("text").getAsString());
            tokenCounts.add(sentence.get("tokens").getAsInt());
            JsonArray vector = sentence.getAsJsonArray("vector");
            float[] values = new float[vector.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = vector.get(i).getAsFloat();
            }
            expected.add(values);
        }
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    static JsonObject reference() {
        try (InputStream in = PretrainedEncoderTest.class.getResourceAsStream("/pretrained/all-MiniLM-L6-v2-reference.json")) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everySentenceBatchedTogetherMatchesSentenceTransformers() {
        NDArray vectors = encoder.embed(sentences);
        assertEquals(sentences.size(), vectors.getShape().get(0));
        assertEquals(384, vectors.getShape().get(1));
        for (int i = 0; i < sentences.size(); i++) {
            assertClose(i, vectors.get(i).toFloatArray());
        }
    }

    @Test
    void everySentenceOnItsOwnMatchesSentenceTransformers() {
        for (int i = 0; i < sentences.size(); i++) {
            assertClose(i, encoder.embed(sentences.get(i)).get(0).toFloatArray());
        }
    }

    @Test
    void theTokenizerReadsAsManyTokensAsSentenceTransformersAndCutsTheLongestAt256() {
        for (int i = 0; i < sentences.size(); i++) {
            assertEquals(tokenCounts.get(i), encoder.tokens(sentences.get(i)).size(), "tokens of: " + sentences.get(i));
        }
        assertEquals(256, tokenCounts.stream().mapToInt(Integer::intValue).max().orElseThrow(),
                "the reference includes a sentence long enough to be cut");
        assertEquals(List.of("[CLS]", "i", "want", "a", "bag", "##el", "so", "bad", "[SEP]"),
                encoder.tokens("I want a bagel so bad"));
        assertTrue(encoder.tokens(sentences.get(11)).contains("[UNK]"), "the emoji is not in the vocabulary");
    }

    @Test
    void theEncoderCountsItsParametersFromShapesAndTheCheckpointAddsThePooler() {
        assertEquals(22_565_376L, encoder.parameterCount());
        assertEquals(22_713_216L, encoder.checkpointParameterCount(), "the published 22.7M");
        assertEquals(Architectures.allMiniLmL6V2().parameterCount(), encoder.parameterCount());
        assertEquals(BertConfig.miniLmL6(), BertConfig.read(InstalledModels.folder("all-MiniLM-L6-v2").resolve("config.json")));
        assertEquals(384, encoder.dimension());
        assertEquals(256, encoder.maxLength());
    }

    private static void assertClose(int sentence, float[] actual) {
        float[] wanted = expected.get(sentence);
        assertEquals(wanted.length, actual.length);
        double worst = 0;
        for (int j = 0; j < wanted.length; j++) {
            worst = Math.max(worst, Math.abs(wanted[j] - actual[j]));
        }
        assertTrue(worst <= TOLERANCE, "sentence " + sentence + " '" + sentences.get(sentence) + "' differs from"
                + " sentence-transformers by up to " + worst);
    }
}
