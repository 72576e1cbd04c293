package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;

/**
 * Every message a layer gives a user, in one place: an argument out of range, an input shape the
 * layer cannot work on (an activation name nobody knows gets the message of
 * {@link io.perceptron.dsl.names.Names}). Each names the layer as the user wrote it,
 * what was expected, what was received, and what to do.
 */
public final class LayerErrors {
    private LayerErrors() {
    }

    /** An argument to a layer is out of range, e.g. {@code dense(0)}. */
    static PerceptronException invalidArgument(String call, String argument, String expected,
                                                      Object received, String example) {
        return new PerceptronException(call + ": " + argument + " must be " + expected + ", but was " + received
                + ". For example: " + example + ".");
    }

    static ShapeMismatch needsImages(Layer layer, Shape received) {
        return mismatch(layer, received, "works on images shaped (channels, height, width)",
                "Start the model with input(channels, height, width), e.g. input(1, 28, 28) for grey 28x28"
                        + " images, and put flatten() only after the last convolution or pooling layer.");
    }

    static ShapeMismatch needsVectors(Layer layer, Shape received) {
        return mismatch(layer, received, "works on a vector of features (or a sequence of vectors)",
                "Add flatten() before it to turn each " + Shapes.text(received) + " example into one vector of "
                        + received.size() + " numbers.");
    }

    static ShapeMismatch needsSequence(Layer layer, Shape received) {
        return mismatch(layer, received, "works on sequences shaped (steps, features)",
                "For token ids shaped (steps), put embedding(vocabularySize, dimension) before it; for numbers,"
                        + " give the model input(steps, features).");
    }

    static ShapeMismatch needsTokenIds(Layer layer, Shape received) {
        return mismatch(layer, received, "turns a sequence of token ids shaped (steps) into vectors",
                "Put it first, right after input(steps), and feed whole-number token ids.");
    }

    static ShapeMismatch needsNumbers(Layer layer, Shape received) {
        return mismatch(layer, received, "needs examples with at least one axis",
                "Give the model an input shape such as input(2).");
    }

    static ShapeMismatch windowTooLarge(Layer layer, Shape received, String window, long height, long width) {
        return mismatch(layer, received, "slides a " + window + " window over the image",
                "The window does not fit in the " + height + "x" + width + " image it receives: use a smaller"
                        + " window, add padding, or remove a pooling layer before it.");
    }

    static ShapeMismatch headsDoNotDivide(Layer layer, Shape received, int heads, long features) {
        return mismatch(layer, received, "splits the " + features + " features of each step evenly across "
                        + heads + " heads",
                features + " is not divisible by " + heads + ": choose a number of heads that divides "
                        + features + ", or make the embedding size a multiple of " + heads + ".");
    }

    static ShapeMismatch longerThanMaxLength(Layer layer, Shape received, long maxLength) {
        return mismatch(layer, received, "has learned positions for at most " + maxLength + " steps",
                "Make maxLength at least " + received.get(0) + ", or shorten the input sequences.");
    }

    static ShapeMismatch bodyChangesShape(Layer layer, Shape received, Shape bodyOutput) {
        return mismatch(layer, received, "adds its input to what its body computes, so the body must keep the"
                        + " shape " + Shapes.text(received),
                "The body produces " + Shapes.text(bodyOutput) + ": end it with a layer that gives back "
                        + Shapes.text(received) + ", e.g. dense(" + received.get(received.dimension() - 1) + ").");
    }

    static ShapeMismatch reshapeSizeDiffers(Layer layer, Shape received, Shape wanted) {
        return mismatch(layer, received, "lays the " + received.size() + " numbers of each example out as "
                        + Shapes.text(wanted) + ", which holds " + wanted.size(),
                "Choose sizes that multiply to " + received.size() + ", or change the layer before it to give "
                        + wanted.size() + " numbers, e.g. dense(" + wanted.size() + ").");
    }

    static ShapeMismatch contextDoesNotFit(Layer layer, Shape received, Shape context, String expected) {
        return mismatch(layer, received, "reads the encoder's output, which must be " + expected,
                "The encoder produces " + Shapes.text(context) + ": make the two sizes match.");
    }

    /** A layer that only works inside a decoder was put in a plain stack. */
    public static PerceptronException needsEncoder(Layer layer) {
        return new PerceptronException(layer + " attends to what an encoder produced, but this model has no"
                + " encoder. Build it with Model.decoder(encoder), or use transformerEncoder(...) for"
                + " self-attention only.");
    }

    static PerceptronException tokenIdOutOfRange(Layer layer, long id, long vocabularySize) {
        return new PerceptronException(layer + " knows token ids 0 to " + (vocabularySize - 1) + ", but received id "
                + id + ". Make the vocabulary size at least " + (id + 1) + ", or check how the text was encoded.");
    }

    static PerceptronException sequenceTooLong(Layer layer, long steps, long maxLength) {
        return new PerceptronException(layer + " has learned positions for at most " + maxLength
                + " steps, but received a sequence of " + steps + ". Shorten the sequence or use a larger maxLength.");
    }

    private static ShapeMismatch mismatch(Layer layer, Shape received, String expects, String advice) {
        return new ShapeMismatch(layer.toString(), received,
                layer + " " + expects + ", but receives " + Shapes.text(received) + ". " + advice);
    }

    /** A layer of the user's own that cannot be written down, so a model holding it cannot be saved. */
    public static PerceptronException notDescribable(Layer layer) {
        return new PerceptronException("Layer " + layer + " (" + layer.getClass().getName() + ") cannot be written down,"
                + " so a model holding it cannot be saved as a folder. Implement describe() in it (and read it back"
                + " yourself), or save only the weights with model.save(Path.of(\"model.params\")).");
    }

    /** A layer description that lacks a setting its layer needs. */
    public static PerceptronException badDescription(LayerDescription description, String wanted) {
        return new PerceptronException("The layer description " + description.toJson() + " lacks " + wanted
                + ". It was probably edited by hand: write it as Layer.describe() does, or save the model again.");
    }

    /** A layer description naming no layer the DSL knows. */
    public static PerceptronException unknownLayerKind(LayerDescription description) {
        return new PerceptronException("The layer description " + description.toJson() + " names an unknown layer '"
                + description.layer() + "'. Known layers are the calls of Layers (dense, conv2d, lstm, ...); a model"
                + " saved by a newer Perceptron may use layers this one lacks.");
    }
}
