package io.perceptron.dsl.data;

import io.perceptron.dsl.PerceptronException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Every message the data package shows a user, in one place. Each factory names the problem in
 * the user's terms (a column, a count, a language), says what was expected and what was
 * received, and suggests the fix.
 *
 * <p>Other packages that read tables (training, evaluation) reuse {@link #unknownColumn} so an
 * unknown column reads the same wherever it is caught.
 *
 * <pre>{@code
 * Datasets.translations("german", 100, 1)
 * // Unknown language 'german'. Available: swedish, spanish. Pass one of those names ...
 * }</pre>
 */
public final class DataErrors {

    private DataErrors() {
    }

    /**
     * A column name that the table does not have, worded the same wherever the DSL reads a table
     * (training, tensors, plots, vocabularies): names the table, lists the columns it has, and says
     * where one of them goes.
     *
     * @param call where the name is passed, e.g. {@code "features(...)"}; null when there is no one place
     */
    public static PerceptronException unknownColumn(String column, Table table, String call) {
        String name = table.name();
        String where = name == null || name.isBlank() ? "" : " in table '" + name + "'";
        return new PerceptronException("Unknown column '" + column + "'" + where + ". The table has: "
                + String.join(", ", table.columnNames()) + ". Pass one of those names"
                + (call == null ? "." : " to " + call + "."));
    }

    /** A column that exists but holds the wrong kind of values for this use. */
    public static PerceptronException wrongColumnType(String column, String expected, String received) {
        return new PerceptronException("Column '" + column + "' holds " + received + ", but " + expected
                + " are needed here. Pick a column of " + expected + " or convert this one first.");
    }

    /** A count (examples, classes, pixels) below the smallest value that makes sense. */
    public static PerceptronException tooSmall(String what, long received, long minimum) {
        return new PerceptronException("The " + what + " must be at least " + minimum + ", but " + received
                + " was given. Pass " + minimum + " or more.");
    }

    /** A number (noise, fraction, factor) outside the range where it means something. */
    public static PerceptronException outOfRange(String what, double received, String range) {
        return new PerceptronException("The " + what + " must be " + range + ", but " + received
                + " was given.");
    }

    /** A language the translation grammar does not produce. */
    public static PerceptronException unknownLanguage(String language, Collection<String> available) {
        return new PerceptronException("Unknown language '" + language + "'. Available: "
                + String.join(", ", available) + ". Pass one of those names (or its two-letter code).");
    }

    /** More distinct sentences requested than the grammar holds in that part of the corpus. */
    public static PerceptronException tooManySentences(int requested, int available, String part) {
        return new PerceptronException("Asked for " + requested + " " + part + " sentences, but the grammar has only "
                + available + " distinct ones there. Ask for " + available + " or fewer.");
    }

    /** An example index past the end of a set of examples. */
    public static PerceptronException noSuchExample(int index, int size) {
        return new PerceptronException("There is no example " + index + ": the examples are numbered 0 to "
                + (size - 1) + ". Pass an index in that range.");
    }

    /** {@code relabeled(...)} with no class names. */
    public static PerceptronException noClassNames() {
        return new PerceptronException("relabeled(...) needs the names of the new classes, but the list was empty."
                + " For example: relabeled(listOf(\"none\", \"one\", \"two\")) { i -> ... }.");
    }

    /** {@code relabeled(...)} whose function gave a class index that names no class. */
    public static PerceptronException classOutOfRange(int example, int label, List<String> classNames) {
        return new PerceptronException("relabeled(...) gave example " + example + " class " + label + ", but there are "
                + classNames.size() + " classes " + classNames + ", numbered 0 to " + (classNames.size() - 1)
                + ". Return the index of the class in that list.");
    }

    /** Features whose shape is not an image (channels, height, width). */
    public static PerceptronException notImages(long[] shape) {
        return new PerceptronException("These examples are shaped " + Arrays.toString(shape)
                + ", not as images [channels, height, width] with 1 or 3 channels. "
                + "Images can be shown only for image data such as Datasets.dogsVsConesImages(...).");
    }

    /** A tensor that cannot be drawn as a picture or a grid of pictures. */
    public static PerceptronException notDrawable(long[] shape) {
        return new PerceptronException("A tensor shaped " + Arrays.toString(shape)
                + " cannot be drawn. Pass one picture [height, width] or [1, height, width], "
                + "or several [count, height, width] or [count, 1, height, width] for a grid.");
    }

    /** A text column with no text in it, so there is nothing to build a vocabulary from. */
    public static PerceptronException noTokens(String source) {
        return new PerceptronException("There are no tokens in " + source
                + ". A vocabulary needs at least one non-empty text.");
    }

    /** A token index that the vocabulary does not have. */
    public static PerceptronException unknownTokenIndex(long index, int size) {
        return new PerceptronException("Token index " + index + " is not in this vocabulary, which has indices 0 to "
                + (size - 1) + ". Decode indices made by the same vocabulary.");
    }

    /** A label column with fewer than two distinct values: nothing to classify. */
    public static PerceptronException oneClass(String column, Collection<String> values) {
        return new PerceptronException("The label column '" + column + "' has only " + values.size()
                + " distinct value " + values + ". Classification needs at least two classes: "
                + "check that the column is the label and that the data holds examples of each class.");
    }

    /** A flat feature array that does not divide into examples of the stated shape. */
    public static PerceptronException featuresNotWhole(int values, long[] featureShape) {
        return new PerceptronException("The features hold " + values + " numbers, which is not a whole number of "
                + "examples shaped " + Arrays.toString(featureShape) + ". Check the feature shape or the array.");
    }

    /** Labels whose count does not match the number of examples. */
    public static PerceptronException labelCountMismatch(long examples, long[] labelShape, int received) {
        long each = 1;
        for (long d : labelShape) each *= d;
        return new PerceptronException(examples + " examples need " + examples * each + " label numbers ("
                + (labelShape.length == 0 ? "one each" : Arrays.toString(labelShape) + " each") + "), but "
                + received + " were given. Pass one label per example.");
    }

    /** A projection of fewer than two vectors: there is no spread to show. */
    public static PerceptronException tooFewVectors(int received) {
        return new PerceptronException("A projection needs at least 2 vectors to find the directions in which they"
                + " differ, but " + received + " were given. Pass one vector per sentence (or example) to compare.");
    }

    /** Vectors of one-number length: nothing to project from. */
    public static PerceptronException tooFewDimensions(int received) {
        return new PerceptronException("A projection onto 2 dimensions needs vectors of at least 2 numbers, but"
                + " these have " + received + ". Pass the longer vectors a layer outputs, e.g. encoder.outputs(...).");
    }

    /** One vector of a different length from the first. */
    public static PerceptronException vectorLengthsDiffer(int row, int received, int expected) {
        return new PerceptronException("Vector " + row + " has " + received + " numbers, but vector 0 has "
                + expected + ". All vectors must have the same length: take them from the same layer.");
    }

    /** Labels that do not pair up with the vectors. */
    public static PerceptronException labelCountDiffers(int labels, int vectors) {
        return new PerceptronException("There are " + labels + " labels for " + vectors + " vectors. Pass one"
                + " label per vector, in the same order.");
    }
}
