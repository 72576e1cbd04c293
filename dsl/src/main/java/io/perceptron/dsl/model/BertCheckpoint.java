package io.perceptron.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.perceptron.dsl.io.SafeTensors;
import io.perceptron.dsl.layer.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads a Hugging Face BERT checkpoint (the tensor names of {@code BertModel}) into a sentence
 * encoder built by {@link Architectures#sentenceEncoder}. Every parameter of the model has exactly
 * one tensor, and every tensor's shape is checked against its parameter before anything is read:
 * tensors missing, shaped otherwise or left over are all named in one message. Two kinds of tensor
 * are known and left unread: {@code embeddings.position_ids} (a buffer of 0, 1, 2, ..., not learned)
 * and BERT's pooler, a dense layer on the [CLS] token that mean pooling does not use.
 *
 * <pre>{@code
 * BertCheckpoint.load(model, config, weights)   // fills every parameter, or says which tensors do not fit
 * }</pre>
 */
final class BertCheckpoint {
    /** The layers {@link Architectures#sentenceEncoder} puts before the first transformer block. */
    private static final int WORDS = 0;
    private static final int POSITIONS = 1;
    private static final int TOKEN_TYPES = 2;
    private static final int EMBEDDING_NORM = 3;
    private static final int FIRST_BLOCK = 5;

    /** One parameter of the model and the tensor of the checkpoint that fills it. */
    private record Slot(String tensor, Parameter parameter) {
    }

    private BertCheckpoint() {
    }

    /**
     * Fills every parameter of {@code model} (built, so that its parameters exist) from {@code weights}.
     *
     * @return how many numbers the checkpoint holds that the model does not use (BERT's pooler)
     * @throws io.perceptron.dsl.PerceptronException naming every missing, misshaped and extra tensor
     */
    static long load(Model model, BertConfig config, SafeTensors weights) {
        String prefix = prefix(weights);
        List<Slot> slots = slots(model, config, prefix, weights);
        Map<String, Shape> unused = unused(config, prefix);
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        for (Slot slot : slots) {
            Shape expected = slot.parameter().getArray().getShape();
            if (!weights.contains(slot.tensor())) {
                missing.add(quoted(slot.tensor()) + " (expected " + Shapes.text(expected) + ")");
            } else if (!weights.shape(slot.tensor()).equals(expected)) {
                misshaped.add(quoted(slot.tensor()) + " (expected " + Shapes.text(expected) + ", received "
                        + Shapes.text(weights.shape(slot.tensor())) + ")");
            }
        }
        Set<String> used = new LinkedHashSet<>();
        slots.forEach(slot -> used.add(slot.tensor()));
        List<String> extra = new ArrayList<>();
        long unusedNumbers = 0;
        for (String name : weights.names()) {
            if (used.contains(name)) {
                continue;
            }
            Shape known = unused.get(name);
            if (known == null) {
                extra.add(quoted(name) + " " + Shapes.text(weights.shape(name)));
            } else if (!weights.shape(name).equals(known)) {
                misshaped.add(quoted(name) + " (expected " + Shapes.text(known) + ", received "
                        + Shapes.text(weights.shape(name)) + ")");
            } else if (!name.endsWith("position_ids")) {
                unusedNumbers += known.size();
            }
        }
        if (!missing.isEmpty() || !misshaped.isEmpty() || !extra.isEmpty()) {
            throw CheckpointErrors.mismatch(weights.file(), "model \"" + model.name() + "\"", missing, misshaped, extra);
        }
        for (Slot slot : slots) {
            NDArray target = slot.parameter().getArray();
            try (NDManager scratch = target.getManager().newSubManager()) {
                NDArray values = weights.read(slot.tensor(), scratch);
                if (values.getDataType() != DataType.FLOAT32) {
                    values = values.toType(DataType.FLOAT32, false);
                }
                values.copyTo(target);
            }
        }
        return unusedNumbers;
    }

    /** Checkpoints saved from a task model (BertForSequenceClassification, ...) put "bert." before every name. */
    private static String prefix(SafeTensors weights) {
        return !weights.contains("embeddings.word_embeddings.weight")
                && weights.contains("bert.embeddings.word_embeddings.weight") ? "bert." : "";
    }

    private static List<Slot> slots(Model model, BertConfig config, String prefix, SafeTensors weights) {
        List<Slot> slots = new ArrayList<>();
        String embeddings = prefix + "embeddings.";
        slots.add(new Slot(embeddings + "word_embeddings.weight", parameter(model, WORDS, "weight")));
        slots.add(new Slot(embeddings + "position_embeddings.weight", parameter(model, POSITIONS, "weight")));
        slots.add(new Slot(embeddings + "token_type_embeddings.weight", parameter(model, TOKEN_TYPES, "weight")));
        norm(slots, weights, embeddings + "LayerNorm", model, EMBEDDING_NORM, "");
        for (int i = 0; i < config.blocks(); i++) {
            String hf = prefix + "encoder.layer." + i + ".";
            int layer = FIRST_BLOCK + i;
            dense(slots, hf + "attention.self.query", model, layer, "selfAttention.query");
            dense(slots, hf + "attention.self.key", model, layer, "selfAttention.key");
            dense(slots, hf + "attention.self.value", model, layer, "selfAttention.value");
            dense(slots, hf + "attention.output.dense", model, layer, "selfAttention.output");
            norm(slots, weights, hf + "attention.output.LayerNorm", model, layer, "selfNorm.");
            dense(slots, hf + "intermediate.dense", model, layer, "expand");
            dense(slots, hf + "output.dense", model, layer, "contract");
            norm(slots, weights, hf + "output.LayerNorm", model, layer, "feedForwardNorm.");
        }
        return slots;
    }

    /** The tensors the model does not use, with the shapes they must have all the same. */
    private static Map<String, Shape> unused(BertConfig config, String prefix) {
        Map<String, Shape> unused = new LinkedHashMap<>();
        unused.put(prefix + "embeddings.position_ids", new Shape(1, config.maxPositions()));
        unused.put(prefix + "pooler.dense.weight", new Shape(config.features(), config.features()));
        unused.put(prefix + "pooler.dense.bias", new Shape(config.features()));
        return unused;
    }

    private static void dense(List<Slot> slots, String tensor, Model model, int layer, String path) {
        slots.add(new Slot(tensor + ".weight", parameter(model, layer, path + ".weight")));
        slots.add(new Slot(tensor + ".bias", parameter(model, layer, path + ".bias")));
    }

    /** Layer norms are saved as weight and bias, or, in checkpoints converted from TensorFlow, gamma and beta. */
    private static void norm(List<Slot> slots, SafeTensors weights, String tensor, Model model, int layer, String path) {
        boolean tensorFlowNames = !weights.contains(tensor + ".weight") && weights.contains(tensor + ".gamma");
        slots.add(new Slot(tensor + (tensorFlowNames ? ".gamma" : ".weight"), parameter(model, layer, path + "gamma")));
        slots.add(new Slot(tensor + (tensorFlowNames ? ".beta" : ".bias"), parameter(model, layer, path + "beta")));
    }

    /**
     * A parameter of layer {@code layer}'s block by its path, the DJL child names without their
     * numbering: {@code selfAttention.query.weight} for {@code 01selfAttention_01query_weight}.
     */
    private static Parameter parameter(Model model, int layer, String path) {
        Block block = model.network().layerBlock(layer);
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (path(entry.getKey()).equals(path)) {
                return entry.getValue();
            }
        }
        throw new IllegalStateException("Layer #" + layer + " (" + model.layers().get(layer) + ") of " + model.name()
                + " has no parameter " + path + "; its parameters: " + block.getParameters().keys());
    }

    private static String path(String djlName) {
        String[] parts = djlName.split("_");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replaceFirst("^\\d+", "");
        }
        return String.join(".", parts);
    }

    private static String quoted(String name) {
        return "'" + name + "'";
    }
}
