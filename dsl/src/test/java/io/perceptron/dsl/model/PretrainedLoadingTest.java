package io.perceptron.dsl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.io.InstalledModels;
import io.perceptron.dsl.io.SafeTensorsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading BERT-shaped checkpoints of any size into the DSL's layers, and the errors for checkpoints
 * that do not fit: tiny synthetic models (8 features, 2 blocks) written by the test, with the real
 * all-MiniLM-L6-v2 tokenizer so that they can read sentences too.
 */
class PretrainedLoadingTest {
    private static final int FEATURES = 8;
    private static final int FEED_FORWARD = 16;
    private static final int BLOCKS = 2;
    private static final int VOCABULARY = 30_522;
    private static final int POSITIONS = 32;

    @TempDir
    Path folder;

    /** A tiny BERT's tensors under Hugging Face's names, seeded; in file order. */
    private static Map<String, long[]> tensorShapes(String prefix) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        String e = prefix + "embeddings.";
        shapes.put(e + "position_ids", new long[] {1, POSITIONS});
        shapes.put(e + "word_embeddings.weight", new long[] {VOCABULARY, FEATURES});
        shapes.put(e + "position_embeddings.weight", new long[] {POSITIONS, FEATURES});
        shapes.put(e + "token_type_embeddings.weight", new long[] {2, FEATURES});
        shapes.put(e + "LayerNorm.weight", new long[] {FEATURES});
        shapes.put(e + "LayerNorm.bias", new long[] {FEATURES});
        for (int i = 0; i < BLOCKS; i++) {
            String l = prefix + "encoder.layer." + i + ".";
            for (String dense : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                "attention.output.dense"}) {
                shapes.put(l + dense + ".weight", new long[] {FEATURES, FEATURES});
                shapes.put(l + dense + ".bias", new long[] {FEATURES});
            }
            shapes.put(l + "attention.output.LayerNorm.weight", new long[] {FEATURES});
            shapes.put(l + "attention.output.LayerNorm.bias", new long[] {FEATURES});
            shapes.put(l + "intermediate.dense.weight", new long[] {FEED_FORWARD, FEATURES});
            shapes.put(l + "intermediate.dense.bias", new long[] {FEED_FORWARD});
            shapes.put(l + "output.dense.weight", new long[] {FEATURES, FEED_FORWARD});
            shapes.put(l + "output.dense.bias", new long[] {FEATURES});
            shapes.put(l + "output.LayerNorm.weight", new long[] {FEATURES});
            shapes.put(l + "output.LayerNorm.bias", new long[] {FEATURES});
        }
        shapes.put(prefix + "pooler.dense.weight", new long[] {FEATURES, FEATURES});
        shapes.put(prefix + "pooler.dense.bias", new long[] {FEATURES});
        return shapes;
    }

    /** Writes a tiny model folder; {@code change} may drop, rename or reshape tensors first. */
    private Path tinyModel(String prefix, UnaryOperator<Map<String, long[]>> change) {
        try {
            Path model = Files.createDirectories(folder.resolve("tiny-bert"));
            Files.writeString(model.resolve("config.json"), "{\"model_type\": \"bert\", \"vocab_size\": " + VOCABULARY
                    + ", \"hidden_size\": " + FEATURES + ", \"num_hidden_layers\": " + BLOCKS
                    + ", \"num_attention_heads\": 2, \"intermediate_size\": " + FEED_FORWARD
                    + ", \"max_position_embeddings\": " + POSITIONS + ", \"type_vocab_size\": 2,"
                    + " \"layer_norm_eps\": 1e-12, \"hidden_act\": \"gelu\", \"hidden_dropout_prob\": 0.1}");
            Path real = InstalledModels.folder("all-MiniLM-L6-v2");
            Files.copy(real.resolve("tokenizer.json"), model.resolve("tokenizer.json"));
            Files.copy(real.resolve("modules.json"), model.resolve("modules.json"));
            SafeTensorsFiles file = new SafeTensorsFiles();
            Random random = new Random(7);
            for (Map.Entry<String, long[]> tensor : change.apply(tensorShapes(prefix)).entrySet()) {
                long size = 1;
                for (long dim : tensor.getValue()) {
                    size *= dim;
                }
                if (tensor.getKey().endsWith("position_ids")) {
                    long[] positions = new long[(int) size];
                    java.util.Arrays.setAll(positions, i -> i);
                    file.tensor(tensor.getKey(), "I64", tensor.getValue(), SafeTensorsFiles.longs(positions));
                    continue;
                }
                float[] values = new float[(int) size];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * 0.1);
                }
                file.f32(tensor.getKey(), tensor.getValue(), values);
            }
            file.write(model.resolve("model.safetensors"));
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loadError(Path model) {
        return assertThrows(PerceptronException.class, () -> Pretrained.load(model)).getMessage();
    }

    @Test
    void anyBertShapedCheckpointLoadsIntoTheLayersItsConfigDescribes() {
        try (SentenceEncoder encoder = Pretrained.load(tinyModel("", shapes -> shapes))) {
            assertEquals("tiny-bert", encoder.name());
            assertEquals(FEATURES, encoder.dimension());
            assertEquals(POSITIONS, encoder.maxLength(), "no sentence_bert_config.json: every learned position");
            // token embeddings, positions, types and the norm, each block, the pooling and the unit length
            assertEquals(5 + BLOCKS + 2, encoder.model().layers().size());
            NDArray vectors = encoder.embed("this bagel is so bad", "I want a bagel so bad");
            float[] lengths = vectors.square().sum(new int[] {1}).sqrt().toFloatArray();
            assertArrayEquals(new float[] {1, 1}, lengths, 1e-5f, "modules.json asks for unit length");
            assertEquals(FEATURES * FEATURES + FEATURES, encoder.checkpointParameterCount() - encoder.parameterCount(),
                    "the pooler is in the checkpoint but not in the network");
        }
    }

    @Test
    void theWeightsLandInTheLayersTheyBelongTo() throws IOException {
        Path model = tinyModel("", shapes -> shapes);
        try (SentenceEncoder encoder = Pretrained.load(model);
             io.perceptron.dsl.io.SafeTensors weights = io.perceptron.dsl.io.SafeTensors.open(model.resolve("model.safetensors"));
             ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            NDArray published = weights.read("encoder.layer.1.intermediate.dense.weight", manager);
            NDArray inModel = encoder.model().network().layerBlock(5 + 1).getParameters().stream()
                    .filter(p -> p.getKey().endsWith("expand_weight")).findFirst().orElseThrow().getValue().getArray();
            assertArrayEquals(published.toFloatArray(), inModel.toFloatArray());
        }
    }

    @Test
    void checkpointsSavedFromTaskModelsWithABertPrefixLoadToo() {
        try (SentenceEncoder encoder = Pretrained.load(tinyModel("bert.", shapes -> shapes))) {
            assertEquals(FEATURES, encoder.dimension());
        }
    }

    @Test
    void aMissingTensorIsNamedWithTheShapeTheModelExpects() {
        String message = loadError(tinyModel("", shapes -> {
            shapes.remove("encoder.layer.1.output.dense.weight");
            return shapes;
        }));
        assertTrue(message.contains("do not fit model \"tiny-bert\", built from the folder's config.json: 1 tensor"
                + " missing: 'encoder.layer.1.output.dense.weight' (expected (8, 16))."), message);
    }

    @Test
    void aRenamedTensorIsBothMissingAndLeftOver() {
        String message = loadError(tinyModel("", shapes -> {
            long[] shape = shapes.remove("encoder.layer.0.attention.self.key.bias");
            shapes.put("encoder.layer.0.attention.self.keys.bias", shape);
            return shapes;
        }));
        assertTrue(message.contains("1 tensor missing: 'encoder.layer.0.attention.self.key.bias' (expected (8))."),
                message);
        assertTrue(message.contains("1 tensor not used by any layer: 'encoder.layer.0.attention.self.keys.bias' (8)."),
                message);
    }

    @Test
    void theReadmeQuotesTheRealMessageForARenamedTensor() {
        Path model = tinyModel("", shapes -> {
            long[] shape = shapes.remove("encoder.layer.0.attention.self.key.bias");
            shapes.put("encoder.layer.0.attention.self.keys.bias", shape);
            return shapes;
        });
        String message = loadError(model).replace(model.getParent().toString(), "/models");
        assertTrue(io.perceptron.dsl.Readme.section("Models").contains(message), message);
    }

    @Test
    void aReshapedTensorNamesTheShapeExpectedAndReceived() {
        String message = loadError(tinyModel("", shapes -> {
            shapes.put("encoder.layer.0.intermediate.dense.weight", new long[] {FEATURES, FEED_FORWARD});
            shapes.put("embeddings.word_embeddings.weight", new long[] {1000, FEATURES});
            return shapes;
        }));
        assertTrue(message.contains("2 tensors shaped otherwise than the model's layers:"
                + " 'embeddings.word_embeddings.weight' (expected (30522, 8), received (1000, 8)),"
                + " 'encoder.layer.0.intermediate.dense.weight' (expected (16, 8), received (8, 16))."), message);
    }

    @Test
    void aConfigurationTheLayersCannotBuildNamesTheField() throws IOException {
        Path model = tinyModel("", shapes -> shapes);
        Files.writeString(model.resolve("config.json"), Files.readString(model.resolve("config.json"))
                .replace("\"gelu\"", "\"silu\""));
        assertTrue(loadError(model).contains("config.json: hidden_act is \"silu\"; the DSL builds \"gelu\""),
                loadError(model));
    }

    @Test
    void aFolderWithoutItsTokenizerSaysWhatAModelFolderHolds() throws IOException {
        Path model = tinyModel("", shapes -> shapes);
        Files.delete(model.resolve("tokenizer.json"));
        assertTrue(loadError(model).contains("has no tokenizer.json (the tokenizer). A pretrained model folder holds"
                + " config.json, model.safetensors and tokenizer.json"), loadError(model));
    }

    @Test
    void anUnknownNameListsTheModelsKnownByName() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> Pretrained.load("bert-base"));
        assertTrue(error.getMessage().startsWith("No pretrained model is called 'bert-base'. Known by name:"
                + " all-MiniLM-L6-v2."), error.getMessage());
    }
}
