package io.perceptron.dsl.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.perceptron.dsl.io.InstalledModels;
import io.perceptron.dsl.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Published weights, loaded into a model built from the DSL's own layers. A pretrained sentence
 * encoder is a folder as Hugging Face publishes it: {@code config.json} (the BERT's sizes),
 * {@code model.safetensors} (the weights), {@code tokenizer.json} (the tokenizer) and, for a
 * sentence-transformers model, its pooling and normalization settings. Nothing is downloaded: a
 * name is looked up among the models the project installs (see {@link InstalledModels}), and any
 * other folder can be given by path.
 *
 * <pre>{@code
 * val encoder = Pretrained.load("all-MiniLM-L6-v2")
 * encoder.embed("this bagel is so bad", "I want a bagel so bad")   // an NDArray (2, 384)
 * Pretrained.load(Path.of("/models/my-bert"))                     // any BERT-shaped checkpoint folder
 * Pretrained.load("bert-base")   // fails: no pretrained model of that name, and the names there are
 * }</pre>
 */
public final class Pretrained {
    private static final String CONFIG = "config.json";
    private static final String WEIGHTS = "model.safetensors";
    private static final String TOKENIZER = "tokenizer.json";

    private Pretrained() {
    }

    /** The names {@link #load(String)} knows. */
    public static Set<String> names() {
        return InstalledModels.names();
    }

    /**
     * Loads a pretrained sentence encoder by name from the project's environment, e.g.
     * {@code "all-MiniLM-L6-v2"}.
     *
     * @throws io.perceptron.dsl.PerceptronException when the name is unknown or the model is not installed; the message
     *     says where it looked and how to install it
     */
    public static SentenceEncoder load(String name) {
        return load(InstalledModels.folder(name), InstalledModels.canonicalName(name));
    }

    /**
     * Loads a BERT-shaped sentence encoder from a folder holding {@code config.json},
     * {@code model.safetensors} and {@code tokenizer.json}; named after the folder.
     *
     * @throws io.perceptron.dsl.PerceptronException when a file is missing, the configuration is not a BERT the DSL
     *     builds, or the weights do not fit it (every missing, extra or misshaped tensor is named)
     */
    public static SentenceEncoder load(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return load(folder, name == null ? folder.toString() : name.toString());
    }

    private static SentenceEncoder load(Path folder, String name) {
        Path config = require(folder, CONFIG, "the BERT's sizes");
        Path weightsFile = require(folder, WEIGHTS, "the weights");
        Path tokenizerFile = require(folder, TOKENIZER, "the tokenizer");
        BertConfig bert = BertConfig.read(config);
        int maxLength = Math.min(bert.maxPositions(), maxSequenceLength(folder, bert.maxPositions()));
        checkMeanPooling(folder);
        Model model = Architectures.sentenceEncoder(name, bert, maxLength, normalizes(folder));
        HuggingFaceTokenizer tokenizer = tokenizer(tokenizerFile, maxLength);
        try (SafeTensors weights = SafeTensors.open(weightsFile)) {
            model.djl();
            long unused = BertCheckpoint.load(model, bert, weights);
            return new SentenceEncoder(name, folder, bert, model, tokenizer, maxLength, unused);
        } catch (RuntimeException e) {
            model.close();
            tokenizer.close();
            throw e;
        }
    }

    private static Path require(Path folder, String file, String holds) {
        Path path = folder.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw CheckpointErrors.missingFile(folder, file, holds);
        }
        return path;
    }

    /**
     * sentence-transformers reads at most {@code max_seq_length} tokens (sentence_bert_config.json;
     * 256 for all-MiniLM-L6-v2), fewer than the positions BERT learned; without that file, all of them.
     */
    private static int maxSequenceLength(Path folder, int positions) {
        JsonElement length = json(folder.resolve("sentence_bert_config.json")).get("max_seq_length");
        return length == null || !length.isJsonPrimitive() ? positions : length.getAsInt();
    }

    private static void checkMeanPooling(Path folder) {
        Path pooling = folder.resolve("1_Pooling").resolve(CONFIG);
        Map<String, JsonElement> settings = json(pooling).asMap();
        for (Map.Entry<String, JsonElement> setting : settings.entrySet()) {
            boolean on = setting.getValue().isJsonPrimitive() && setting.getValue().getAsJsonPrimitive().isBoolean()
                    && setting.getValue().getAsBoolean();
            if (setting.getKey().startsWith("pooling_mode_") && on && !setting.getKey().equals("pooling_mode_mean_tokens")) {
                throw CheckpointErrors.unsupportedPooling(pooling, setting.getKey());
            }
        }
    }

    /** sentence-transformers lists a Normalize module in modules.json when the vectors are scaled to length 1. */
    private static boolean normalizes(Path folder) {
        Path modules = folder.resolve("modules.json");
        if (!Files.isRegularFile(modules)) {
            return false;
        }
        try {
            return Files.readString(modules).contains("sentence_transformers.models.Normalize");
        } catch (IOException e) {
            throw CheckpointErrors.unreadable(modules, e);
        }
    }

    /** A JSON object from a settings file; empty when there is no such file. */
    private static JsonObject json(Path file) {
        if (!Files.isRegularFile(file)) {
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file));
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (IOException e) {
            throw CheckpointErrors.unreadable(file, e);
        } catch (RuntimeException e) {
            throw CheckpointErrors.badConfig(file, "it is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * The folder's tokenizer, cutting sentences at {@code maxLength} tokens ([CLS] and [SEP]
     * included) and padding nothing: the encoder pads each batch itself, with id 0.
     */
    private static HuggingFaceTokenizer tokenizer(Path file, int maxLength) {
        try {
            return HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(true)
                    .optTruncation(true).optMaxLength(maxLength).optPadding(false).build();
        } catch (IOException | RuntimeException e) {
            throw CheckpointErrors.badTokenizer(file, e);
        }
    }
}
