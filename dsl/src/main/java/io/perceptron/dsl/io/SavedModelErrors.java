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
}
