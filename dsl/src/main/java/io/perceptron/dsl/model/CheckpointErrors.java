package io.perceptron.dsl.model;

import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every message about loading published weights into a model: a configuration the DSL's layers do
 * not build, a model folder with a file missing, and a checkpoint whose tensors do not match the
 * model (missing, extra or shaped otherwise, each named with the shape expected and received).
 */
public final class CheckpointErrors {
    /** How many tensors of each kind a mismatch message names before it says how many more there are. */
    private static final int LISTED = 6;

    private CheckpointErrors() {
    }

    static PerceptronException unreadable(Path file, IOException cause) {
        return new PerceptronException("Could not read " + file + ": " + cause.getMessage(), cause);
    }

    static PerceptronException badConfig(Path file, String problem) {
        return new PerceptronException("Cannot build a BERT encoder from " + file + ": " + problem + ".");
    }

    static PerceptronException missingFile(Path folder, String file, String holds) {
        return new PerceptronException("The model folder " + folder + " has no " + file + " (" + holds + "). A"
                + " pretrained model folder holds config.json, model.safetensors and tokenizer.json, as Hugging Face"
                + " publishes them.");
    }

    /**
     * The checkpoint's tensors do not match the model built from its configuration. Each list holds
     * lines already worded, such as {@code 'encoder.layer.0.output.dense.weight' (expected (384, 1536))}.
     */
    static PerceptronException mismatch(Path file, String model, List<String> missing, List<String> misshaped,
                                        List<String> extra) {
        StringBuilder message = new StringBuilder("The weights in " + file + " do not fit " + model + ", built from"
                + " the folder's config.json:");
        section(message, "missing", missing);
        section(message, "shaped otherwise than the model's layers", misshaped);
        section(message, "not used by any layer", extra);
        return new PerceptronException(message.append(" Check that config.json belongs to these weights; a"
                + " checkpoint of another architecture (not BERT-shaped) cannot be loaded this way.").toString());
    }

    private static void section(StringBuilder message, String what, List<String> tensors) {
        if (tensors.isEmpty()) {
            return;
        }
        message.append(' ').append(tensors.size()).append(tensors.size() == 1 ? " tensor " : " tensors ").append(what)
                .append(": ").append(String.join(", ", tensors.subList(0, Math.min(LISTED, tensors.size()))));
        if (tensors.size() > LISTED) {
            message.append(" and ").append(tensors.size() - LISTED).append(" more");
        }
        message.append('.');
    }

    static PerceptronException unsupportedPooling(Path file, String found) {
        return new PerceptronException("The sentence encoder in " + file.getParent() + " pools its token vectors by "
                + found + "; the DSL builds mean pooling (pooling_mode_mean_tokens), the pooling of"
                + " all-MiniLM-L6-v2 and most sentence-transformers models.");
    }

    static PerceptronException badTokenizer(Path file, Exception cause) {
        return new PerceptronException("Could not read the tokenizer " + file + ": " + cause.getMessage()
                + ". It should be a Hugging Face tokenizer.json, as published with the model.", cause);
    }
}
