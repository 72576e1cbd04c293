package io.perceptron.dsl.io;

import io.perceptron.dsl.PerceptronException;
import java.nio.file.Path;

/** Every message a user sees when a model cannot be saved or loaded: what went wrong with which file, and what to do. */
final class SavedModelErrors {
    private SavedModelErrors() {
    }

    /** Saving parameters failed. */
    static PerceptronException cannotSave(Path path, Exception cause) {
        return new PerceptronException("Could not save the model to " + path + ": " + cause.getMessage()
                + ". Check that the folder exists and is writable.", cause);
    }

    /** Loading parameters failed. */
    static PerceptronException cannotLoad(Path path, String reason, Exception cause) {
        return new PerceptronException("Could not load parameters from " + path + ": " + reason + ".", cause);
    }

    /** A checkpoint was saved from a model with other layers or shapes. */
    static PerceptronException checkpointDoesNotFit(Path path, String reason) {
        return new PerceptronException("The parameters in " + path + " do not fit this model (" + reason + "). "
                + "Load them into a model built exactly like the one that saved them.");
    }

    /** An encoder-decoder, which a folder does not describe yet. */
    static PerceptronException decoderFolder(String name) {
        return new PerceptronException("Model \"" + name + "\" is a decoder with an encoder, which a saved folder"
                + " cannot describe yet. Save its weights with saveParameters(Path.of(\"" + name + ".params\")) and"
                + " load them into the same two models built again.");
    }

    /** Saving over something that is not a saved model: never replaced. */
    static PerceptronException notAModelToReplace(Path target) {
        return new PerceptronException(target + " exists and is not a saved model (it has no " + SavedModel.ARCHITECTURE
                + "), so model.save would not replace it. Choose another folder, or remove it first.");
    }

    /** Loading from a path that does not exist. */
    static PerceptronException noModelFolder(Path path) {
        return new PerceptronException("There is no saved model at " + path + ". Pass the folder that model.save(folder)"
                + " wrote; a relative path starts in " + Path.of("").toAbsolutePath() + ".");
    }

    /** Loading a folder from a single file. */
    static PerceptronException fileNotFolder(Path path) {
        return new PerceptronException(path + " is a file, not a saved model folder. A parameter file from"
                + " saveParameters(...) loads into a model built the same way: model.loadParameters(Path.of(\""
                + path.getFileName() + "\")).");
    }

    /** A folder that lacks one of a saved model's files. */
    static PerceptronException notAModelFolder(Path folder, String missing) {
        return new PerceptronException(folder + " is not a complete saved model: it has no " + missing + ". Pass a"
                + " folder written by model.save(folder), or save the model again.");
    }

    /** A file of a saved model that does not read. */
    static PerceptronException damaged(Path file, String problem) {
        return new PerceptronException("Could not load the saved model: " + file + " is damaged, " + problem + "."
                + " Save the model again.");
    }
}
