package io.perceptron.dsl.model;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.layer.ShapeMismatch;
import io.perceptron.dsl.layer.Shapes;
import java.util.Arrays;
import java.util.List;

/**
 * Every message a model gives a user, in one place. Layer-level messages (an argument out of
 * range, a shape a layer cannot take) live in {@link io.perceptron.dsl.layer.LayerErrors}; the
 * model adds where in the stack the layer sits.
 */
public final class ModelErrors {
    private ModelErrors() {
    }

    /** A GAN's generator that does not start from a vector of noise. */
    static PerceptronException generatorNeedsNoise(String generator, Shape input) {
        return new PerceptronException("A GAN's generator turns a vector of random numbers into a picture, but "
                + quoted(generator) + " takes " + Shapes.text(input) + ". Start it with input(size), e.g."
                + " Model.sequential(\"generator\").input(16).dense(128).relu().dense(400).sigmoid().reshape(1, 20, 20).");
    }

    /** A GAN whose discriminator cannot read what its generator makes. */
    static PerceptronException discriminatorCannotRead(String generator, Shape made, String discriminator, Shape reads) {
        return new PerceptronException("The discriminator judges the generator's pictures, but " + quoted(generator)
                + " makes " + Shapes.text(made) + " and " + quoted(discriminator) + " takes " + Shapes.text(reads)
                + ". Give the discriminator input" + Shapes.text(made) + ", or end the generator with reshape"
                + Shapes.text(reads) + ".");
    }

    /** A GAN's discriminator that does not end in one score per picture. */
    static PerceptronException discriminatorNeedsOneScore(String discriminator, Shape output) {
        return new PerceptronException("A GAN's discriminator gives each picture one score (how real it looks, as a"
                + " logit), but " + quoted(discriminator) + " outputs " + Shapes.text(output) + ". End it with"
                + " dense(1), without a sigmoid: the loss applies it.");
    }

    /** A count of pictures below 1. */
    static PerceptronException badCount(String call, int count) {
        return new PerceptronException(call + ": count must be at least 1, but was " + count + ". For example:"
                + " gan.sample(16, 1).");
    }

    /** The same model as generator and discriminator. */
    static PerceptronException ganNeedsTwoModels(String model) {
        return new PerceptronException("A GAN trains two models against each other, but " + quoted(model)
                + " was given as both the generator and the discriminator. Build two models.");
    }

    /** A layer received a shape it cannot take; {@code position} is its index in the summary. */
    public static PerceptronException layerDoesNotFit(String model, int position, ShapeMismatch mismatch) {
        return new PerceptronException("Layer #" + position + " of " + quoted(model) + " does not fit: "
                + mismatch.getMessage(), mismatch);
    }

    /** Something needs shapes, but the model was never told what one example looks like. */
    public static PerceptronException noInputShape(String model, String wanted) {
        return new PerceptronException(subject(model) + " has no input shape, so its " + wanted
                + " cannot be worked out. Call input(...) first with the shape of one example: input(2) for two"
                + " numbers per row, input(1, 28, 28) for 28x28 grey images, input(12) for 12 token ids.");
    }

    /** {@code input(...)} with no sizes, or a size below 1. */
    public static PerceptronException invalidInputShape(long[] dims) {
        return new PerceptronException("input" + Arrays.toString(dims).replace('[', '(').replace(']', ')')
                + ": every size must be a whole number of at least 1, and there must be at least one. For example:"
                + " input(2), or input(3, 32, 32) for colour 32x32 images.");
    }

    /** {@code input(...)} called twice. */
    public static PerceptronException inputAlreadySet(String model, Shape existing) {
        return new PerceptronException(subject(model) + " already has the input shape " + Shapes.text(existing)
                + ". A model takes one input shape: build a new model with Model.sequential() for another.");
    }

    /** A layer added after the model was built for real. */
    public static PerceptronException alreadyBuilt(String model, String change) {
        return new PerceptronException("Cannot " + change + ": " + quoted(model) + " has already been built for DJL"
                + " (its block exists and may hold trained parameters). Build a new model; to reuse this one's trained layers, add it as a part:"
                + " Model.sequential().input(...).add(model.first(n)).dense(...).");
    }

    /** {@code freeze(i)} or {@code first(n)} with a layer number that does not exist. */
    public static PerceptronException noSuchLayer(String model, int index, int count) {
        return new PerceptronException(subject(model) + " has no layer #" + index + ": it has " + count
                + (count == 1 ? " layer, #0." : " layers, #0 to #" + (count - 1) + ".")
                + " The numbers are those in the '#' column of summary().");
    }

    /** {@code first(0)}, or more layers than there are. */
    public static PerceptronException invalidPartSize(String model, int count, int layers) {
        return new PerceptronException("first(" + count + "): count must be from 1 to the number of layers of "
                + quoted(model) + ", " + layers + ".");
    }

    /** A model added to itself, directly or through a part. */
    public static PerceptronException partOfItself(String model) {
        return new PerceptronException(subject(model) + " cannot contain itself. Add another model as a part.");
    }

    /** A decoder added as a part of another model. */
    public static PerceptronException decoderAsPart(String decoder) {
        return new PerceptronException(subject(decoder) + " is a decoder: it takes two inputs (the encoder's and"
                + " its own), so it cannot be one step of a stack. Use it as a model of its own.");
    }

    /** A part whose input shape differs from what it receives in the stack. */
    public static ShapeMismatch partExpectsOtherInput(String part, Shape expected, Shape received) {
        return new ShapeMismatch(part, received, part + " was built for examples shaped " + Shapes.text(expected)
                + ", but receives " + Shapes.text(received) + ". Put it where its input shape arrives, or give"
                + " the outer model input" + Shapes.text(expected) + ".");
    }

    /** {@code Model.decoder(encoder)} with an encoder that cannot serve. */
    public static PerceptronException unusableEncoder(String encoder, String why) {
        return new PerceptronException(subject(encoder) + " cannot be an encoder: " + why);
    }

    /** A device name that is neither cpu, gpu nor auto. */
    public static PerceptronException unknownDevice(String name) {
        return new PerceptronException("There is no device called '" + name
                + "'. Use \"cpu\", \"gpu\" (the first GPU), \"gpu1\" (the second), or \"auto\".");
    }

    /** A GPU was asked for but the engine sees none (or fewer). */
    public static PerceptronException gpuNotAvailable(Device wanted, int gpus) {
        return new PerceptronException("The model was asked to run on " + wanted + ", but the engine sees "
                + (gpus == 0 ? "no GPU" : "only " + gpus + " GPU" + (gpus == 1 ? "" : "s"))
                + ". Use device(\"cpu\") or device(\"auto\"); a GPU needs a CUDA machine and the CUDA build of"
                + " PyTorch on the class path.");
    }

    /** The device changed after parameters were placed on the old one. */
    public static PerceptronException deviceAfterBuild(String model, Device current) {
        return new PerceptronException(subject(model) + " has already been built on " + current
                + "; choose the device before its first use, e.g. Model.sequential().device(\"gpu\").input(...).");
    }

    /** A closed model used again. */
    public static PerceptronException closed(String model) {
        return new PerceptronException(subject(model) + " was closed and its parameters freed. Build it again to"
                + " use it.");
    }

    /** The engine could not start at all. */
    public static PerceptronException engineUnavailable(RuntimeException cause) {
        return new PerceptronException("The deep-learning engine (PyTorch) could not start: " + cause.getMessage()
                + ". Check that PyTorch for this machine is on the class path.", cause);
    }

    /** The engine failed to start or place the parameters. */
    public static PerceptronException engineFailed(String model, RuntimeException cause) {
        return new PerceptronException("The deep-learning engine could not build " + quoted(model) + ": "
                + cause.getMessage() + ". Check that PyTorch for this machine is on the class path.", cause);
    }

    /** {@code filters(i)} on a layer that is not a convolution. */
    public static PerceptronException notAConvolution(String model, int index, String layer, List<String> convolutions) {
        return new PerceptronException("Layer #" + index + " (" + layer + ") of " + quoted(model)
                + " is not a convolution, so it has no filters to show. " + (convolutions.isEmpty()
                        ? "The model has no conv2d(...) layer of its own."
                        : "Convolution layers: " + String.join(", ", convolutions) + ". Pass one of those numbers.")
                + " A dense layer's weights come as a table from weights(" + index + ").");
    }

    /** {@code filters(i)} on a layer that is a whole model used as a part. */
    public static PerceptronException filtersOfPart(String model, int index, String part) {
        return new PerceptronException("Layer #" + index + " of " + quoted(model) + " is " + quoted(part)
                + ", a part with layers of its own. Ask the part: filters(0) on the model you added gives its layer"
                + " #0's filters.");
    }

    /** {@code outputOf(...)} on a decoder, whose layers also read the encoder's output. */
    public static PerceptronException outputOfDecoder(String decoder) {
        return new PerceptronException("outputOf(...) runs the layers of a plain stack, but " + quoted(decoder)
                + " is a decoder: its layers also read the encoder's output. Call outputOf(...) on the encoder.");
    }

    /** {@code outputOf(...)} with examples shaped differently from the model's input. */
    public static PerceptronException examplesDoNotFit(String model, Shape input, String examples, long[] shape) {
        return new PerceptronException("The examples '" + examples + "' are shaped "
                + Arrays.toString(shape).replace('[', '(').replace(']', ')') + ", but " + quoted(model)
                + " takes examples shaped " + Shapes.text(input) + ". Pass examples of that shape.");
    }

    // ---------------------------------------------------------------- reading weights

    /** {@code weights(i)} with a layer number the model does not have. */
    public static PerceptronException noLayerForWeights(String model, int layer, int count, List<String> dense) {
        return new PerceptronException("Model \"" + model + "\" has no layer #" + layer + ": it has " + count
                + (count == 1 ? " layer, #0" : " layers, #0 to #" + (count - 1)) + " (the '#' column of summary())."
                + weightsAdvice(dense));
    }

    /** {@code weights(i)} on a layer that is not {@code dense(...)}. */
    public static PerceptronException layerHasNoWeightTable(String model, int layer, String kind, List<String> dense) {
        return new PerceptronException("weights(" + layer + ") shows a dense layer's weights as a table, but layer #"
                + layer + " of model \"" + model + "\" is " + kind + "." + weightsAdvice(dense)
                + " A conv2d layer's filters come from model.filters(" + layer + "); other layers' parameters from"
                + " model.djl().block.");
    }

    /** {@code weights(i)} on an encoder-decoder, whose block also holds the encoder. */
    public static PerceptronException weightsOfDecoder(String model) {
        return new PerceptronException("weights(...) reads the layers of a sequential model, but \"" + model
                + "\" is a decoder. Ask its encoder (encoder().weights(i)), or read the decoder's parameters from"
                + " model.djl().block.");
    }

    private static String weightsAdvice(List<String> dense) {
        return dense.isEmpty() ? " This model has no dense layer."
                : " Its dense layers: " + String.join(", ", dense) + ".";
    }

    private static String subject(String model) {
        return "Model \"" + model + "\"";
    }

    private static String quoted(String model) {
        return "model \"" + model + "\"";
    }

    /** {@code inputEncoding()} on a model not trained on a table. */
    static PerceptronException noInputEncoding(String name) {
        return new PerceptronException("Model \"" + name + "\" has no input encoding: it is made when the model is"
                + " trained on a table (model.fit(table)...train()), from the table's feature columns. Train it on a"
                + " table first.");
    }

    /** A layer that marks padding (token id 0) anywhere but first in a plain stack. */
    public static PerceptronException maskingNotFirst(String model, String layer) {
        return new PerceptronException(layer + " must be the first layer of model \"" + model + "\" (and not in a"
                + " decoder): it reads the token ids, where id 0 marks padding, and the mask it makes goes to the"
                + " layers after it. Start a model with it: Model.sequential().input(16).add(Layers." + layer
                + ")...");
    }
}
