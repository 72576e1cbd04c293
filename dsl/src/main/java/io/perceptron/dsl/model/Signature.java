package io.perceptron.dsl.model;

import com.google.gson.Gson;
import io.perceptron.dsl.data.ImageOptions;
import io.perceptron.dsl.data.TableEncoding;
import io.perceptron.dsl.loss.Loss;
import java.util.Arrays;
import java.util.List;

/**
 * What a model was trained on, remembered with it so that {@code predict} and {@code evaluate}
 * read new data the same way and give answers in the user's terms: the feature columns, the
 * label columns, the classes in index order and the type of the original label column, and the
 * loss.
 *
 * <p>It travels as a property of the network's DJL model, so it is saved with the parameters.
 * Training writes it, prediction and evaluation read it, and a saved model carries it; a cell
 * never needs it (a model's {@code predict} answers in these terms).
 *
 * @param features     feature column names, in input order; empty when the data was not a table
 * @param featureShape the shape of one example's features
 * @param labels       label column names (several for multi-label or multi-output tables)
 * @param task         what the labels are: classes, yes/no labels, numbers
 * @param classes      class values in index order (classification), label names (multi-label),
 *                     or empty (regression)
 * @param classType    how to write a class back into a column: {@code string}, {@code integer},
 *                     {@code long}, {@code short}, {@code boolean}, {@code float} or {@code double}
 * @param loss         the loss as printed; {@link Loss#named(String)} turns it back into the loss
 * @param decoderStart for an encoder-decoder, the class index that starts the decoder's input
 *                     (the label sequence shifted right by one behind it: "teacher forcing");
 *                     -1 for a model with one input
 * @param encoding     for a table, how its feature columns become inputs (one-hot categories,
 *                     normalization statistics); {@code null} for other data
 * @param pictures     for pictures read from files, how a file becomes numbers (size, channels,
 *                     normalization); {@code null} for other data
 */
public record Signature(List<String> features, long[] featureShape, List<String> labels, Loss.Task task,
                 List<String> classes, String classType, String loss, int decoderStart, TableEncoding encoding,
                 ImageOptions pictures) {
    /** The DJL model property that holds the signature, as JSON. */
    private static final String PROPERTY = "perceptron.signature";

    private static final Gson GSON = new Gson();

    public Signature {
        features = List.copyOf(features);
        featureShape = featureShape.clone();
        labels = List.copyOf(labels);
        classes = List.copyOf(classes);
    }

    /** A signature without a table encoding or a picture format: examples, arrays, plain number columns. */
    public Signature(List<String> features, long[] featureShape, List<String> labels, Loss.Task task,
                     List<String> classes, String classType, String loss, int decoderStart) {
        this(features, featureShape, labels, task, classes, classType, loss, decoderStart, null, null);
    }

    /** This signature for an encoder-decoder whose decoder input starts with class {@code start}. */
    public Signature withDecoderStart(int start) {
        return new Signature(features, featureShape, labels, task, classes, classType, loss, start, encoding, pictures);
    }

    /** This signature with {@code classes} in place of its own (a later fit keeping an earlier class order). */
    public Signature withClasses(List<String> kept, String keptType) {
        return new Signature(features, featureShape, labels, task, kept, keptType, loss, decoderStart, encoding,
                pictures);
    }

    /** This signature remembering the picture format the examples were read with. */
    public Signature withPictures(ImageOptions format) {
        return new Signature(features, featureShape, labels, task, classes, classType, loss, decoderStart, encoding,
                format);
    }

    /** The signature as JSON, the form it is remembered and saved in. */
    public String toJson() {
        return GSON.toJson(this);
    }

    /** A signature read back from {@link #toJson()}'s form. */
    public static Signature fromJson(String json) {
        return GSON.fromJson(json, Signature.class);
    }

    /** The signature remembered by {@code djlModel}, or {@code null} if it was never trained. */
    public static Signature of(ai.djl.Model djlModel) {
        String json = djlModel.getProperty(PROPERTY);
        return json == null ? null : fromJson(json);
    }

    /** Makes {@code djlModel} remember this signature, replacing what it remembered before. */
    public void rememberIn(ai.djl.Model djlModel) {
        djlModel.setProperty(PROPERTY, toJson());
    }

    /** The loss the model was trained with. */
    public Loss lossFunction() {
        return Loss.named(loss);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Signature s && toJson().equals(s.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "Signature(features=" + features + " " + Arrays.toString(featureShape) + ", labels=" + labels
                + ", task=" + task + ", classes=" + classes + ", loss=" + loss + ")";
    }
}
