package io.perceptron.dsl.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The sizes of a BERT-shaped encoder, as Hugging Face's {@code config.json} gives them: vocabulary,
 * features, blocks, heads, feed-forward size, learned positions, segment types, the layer norms'
 * epsilon, the dropout and the feed-forward activation. {@link #read(Path)} checks each against what
 * the DSL's layers can build and names the field that does not fit.
 *
 * <pre>{@code
 * val config = BertConfig.read(Path.of(folder, "config.json"))
 * config.blocks()        // 6 for all-MiniLM-L6-v2
 * BertConfig.miniLmL6()  // the same numbers, without the file
 * }</pre>
 *
 * @param vocabularySize    token ids below this ({@code vocab_size})
 * @param features          numbers per token ({@code hidden_size})
 * @param blocks            transformer blocks ({@code num_hidden_layers})
 * @param heads             attention heads per block ({@code num_attention_heads})
 * @param feedForwardSize   hidden units of each block's feed-forward network ({@code intermediate_size})
 * @param maxPositions      learned positions, the longest input ({@code max_position_embeddings})
 * @param tokenTypes        segment types ({@code type_vocab_size})
 * @param layerNormEpsilon  added to the variance in every layer norm ({@code layer_norm_eps})
 * @param dropout           dropout rate ({@code hidden_dropout_prob}, which BERT also uses for attention)
 * @param activation        the feed-forward activation: {@code "gelu"} (exact, with erf) or {@code "relu"}
 */
public record BertConfig(int vocabularySize, int features, int blocks, int heads, int feedForwardSize,
                         int maxPositions, int tokenTypes, double layerNormEpsilon, double dropout,
                         String activation) {

    /** all-MiniLM-L6-v2's config.json (a MiniLM of 6 blocks, 384 features, 12 heads). */
    public static BertConfig miniLmL6() {
        return new BertConfig(30_522, 384, 6, 12, 1_536, 512, 2, 1e-12, 0.1, "gelu");
    }

    /**
     * Reads and checks a {@code config.json}.
     *
     * @throws io.perceptron.dsl.PerceptronException when the file is missing or unreadable, is not a
     *     BERT configuration, or asks for something the DSL's layers do not build (the message names the field)
     */
    public static BertConfig read(Path file) {
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file));
            if (!parsed.isJsonObject()) {
                throw CheckpointErrors.badConfig(file, "it is not a JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw CheckpointErrors.unreadable(file, e);
        } catch (JsonParseException e) {
            throw CheckpointErrors.badConfig(file, "it is not valid JSON: " + e.getMessage());
        }
        String type = text(json, "model_type", "bert");
        if (!type.equals("bert")) {
            throw CheckpointErrors.badConfig(file, "model_type is \"" + type + "\"; the DSL loads \"bert\" encoders");
        }
        String positions = text(json, "position_embedding_type", "absolute");
        if (!positions.equals("absolute")) {
            throw CheckpointErrors.badConfig(file, "position_embedding_type is \"" + positions
                    + "\"; the DSL's positional embedding is \"absolute\" (one learned vector per position)");
        }
        String activation = text(json, "hidden_act", "gelu").toLowerCase(Locale.ROOT);
        if (!activation.equals("gelu") && !activation.equals("relu")) {
            throw CheckpointErrors.badConfig(file, "hidden_act is \"" + activation + "\"; the DSL builds \"gelu\""
                    + " (exact, with erf, as BERT) and \"relu\"");
        }
        BertConfig config = new BertConfig(
                whole(file, json, "vocab_size"), whole(file, json, "hidden_size"), whole(file, json, "num_hidden_layers"),
                whole(file, json, "num_attention_heads"), whole(file, json, "intermediate_size"),
                whole(file, json, "max_position_embeddings"), whole(file, json, "type_vocab_size"),
                number(file, json, "layer_norm_eps", 1e-12), number(file, json, "hidden_dropout_prob", 0.1), activation);
        if (config.features() % config.heads() != 0) {
            throw CheckpointErrors.badConfig(file, "hidden_size " + config.features() + " does not split across "
                    + config.heads() + " num_attention_heads");
        }
        return config;
    }

    /** Every block's parameters: attention (4 projections), feed-forward (2 dense layers) and 2 layer norms. */
    long blockParameterCount() {
        long f = features;
        return 4 * (f * f + f) + (f * feedForwardSize + feedForwardSize) + (feedForwardSize * f + f) + 4 * f;
    }

    private static String text(JsonObject json, String field, String missing) {
        JsonElement value = json.get(field);
        return value == null || value.isJsonNull() ? missing : value.getAsString();
    }

    private static int whole(Path file, JsonObject json, String field) {
        JsonElement value = json.get(field);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw CheckpointErrors.badConfig(file, "it needs " + field + ", a whole number of at least 1");
        }
        double number = value.getAsDouble();
        if (number < 1 || number != Math.rint(number) || number > Integer.MAX_VALUE) {
            throw CheckpointErrors.badConfig(file, field + " is " + value + "; it must be a whole number of at least 1");
        }
        return (int) number;
    }

    private static double number(Path file, JsonObject json, String field, double missing) {
        JsonElement value = json.get(field);
        if (value == null) {
            return missing;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw CheckpointErrors.badConfig(file, field + " is " + value + "; it must be a number");
        }
        return value.getAsDouble();
    }
}
