package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * Labelled examples held as dense arrays: images, token sequences, or any tensor data that does
 * not fit a table's one-number-per-column shape. The counterpart of a Tablesaw {@code Table}
 * for {@code model.fit(...)}.
 *
 * <p>Example {@code i}'s features are {@code features[i*featureSize .. (i+1)*featureSize)},
 * shaped {@link #featureShape()}; its label is {@code labels[i*labelSize .. (i+1)*labelSize)},
 * shaped {@link #labelShape()} (an empty shape means one class index or one number per
 * example).
 *
 * <pre>{@code
 * val images = Datasets.dogsVsConesImages(200, 28, 7)   // Examples of 1x28x28 images
 * images.size()          // 200
 * images.featureShape()  // [1, 28, 28]
 * }</pre>
 */
public final class Examples {
    private final String name;
    private final float[] features;
    private final long[] featureShape;
    private final float[] labels;
    private final long[] labelShape;
    private final List<String> classNames;

    private Examples(String name, float[] features, long[] featureShape, float[] labels, long[] labelShape,
                     List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.featureShape = featureShape.clone();
        this.labels = Objects.requireNonNull(labels, "labels");
        this.labelShape = labelShape.clone();
        this.classNames = List.copyOf(classNames);
        long featureSize = product(featureShape);
        long labelSize = product(labelShape);
        if (featureSize == 0 || features.length % featureSize != 0) {
            throw DataErrors.featuresNotWhole(features.length, featureShape);
        }
        long count = features.length / featureSize;
        if (labels.length != count * labelSize) {
            throw DataErrors.labelCountMismatch(count, labelShape, labels.length);
        }
    }

    /**
     * Creates examples from flat arrays.
     *
     * @param name         what these examples are, shown in printouts
     * @param features     all features, example after example
     * @param featureShape the shape of one example's features, e.g. {@code [1, 28, 28]}
     * @param labels       all labels, example after example
     * @param labelShape   the shape of one example's label; empty for one class index
     * @param classNames   names of the classes (index order), or of the labels for multi-label
     *                     data; empty when labels are numbers to regress
     */
    public static Examples of(String name, float[] features, long[] featureShape, float[] labels, long[] labelShape,
                              List<String> classNames) {
        return new Examples(name, features, featureShape, labels, labelShape, classNames);
    }

    /** What these examples are, as shown in printouts. */
    public String name() {
        return name;
    }

    /** How many examples there are. */
    public int size() {
        return (int) (features.length / product(featureShape));
    }

    /** All features, example after example (not a copy: do not modify). */
    public float[] features() {
        return features;
    }

    /** The shape of one example's features. */
    public long[] featureShape() {
        return featureShape.clone();
    }

    /** All labels, example after example (not a copy: do not modify). */
    public float[] labels() {
        return labels;
    }

    /** The shape of one example's label; empty for a single class index or number. */
    public long[] labelShape() {
        return labelShape.clone();
    }

    /** The class (or label) names in index order; empty for regression targets. */
    public List<String> classNames() {
        return classNames;
    }

    /** The examples at {@code indices}, in that order (for splits and shuffles). */
    public Examples select(int[] indices) {
        int fs = (int) product(featureShape);
        int ls = (int) product(labelShape);
        float[] f = new float[indices.length * fs];
        float[] l = new float[indices.length * ls];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * fs, f, i * fs, fs);
            System.arraycopy(labels, indices[i] * ls, l, i * ls, ls);
        }
        return new Examples(name, f, featureShape, l, labelShape, classNames);
    }

    /**
     * The features of example {@code index}, a copy shaped as {@link #featureShape()} read row by
     * row.
     *
     * <pre>{@code
     * images.features(0).size   // 784 for a 1x28x28 image
     * }</pre>
     */
    public float[] features(int index) {
        checkIndex(index);
        int fs = (int) product(featureShape);
        return Arrays.copyOfRange(features, index * fs, (index + 1) * fs);
    }

    /**
     * The label of example {@code index} in words: its class name for class labels, the names of
     * the labels that are on (joined by "+", or "none") for multi-label data, else the number.
     *
     * <pre>{@code
     * Datasets.dogsVsConesImages(10, 28, 1).labelName(0)   // "dog" or "cone"
     * Datasets.multiLabelImages(10, 32, 1).labelName(0)    // "dog", "cone", "dog+cone" or "none"
     * }</pre>
     */
    public String labelName(int index) {
        checkIndex(index);
        int ls = (int) product(labelShape);
        if (labelShape.length == 0 && !classNames.isEmpty()) {
            int label = Math.round(labels[index]);
            return label >= 0 && label < classNames.size() ? classNames.get(label) : String.valueOf(labels[index]);
        }
        if (ls == classNames.size() && ls > 0) {
            List<String> on = new ArrayList<>();
            for (int j = 0; j < ls; j++) {
                if (labels[index * ls + j] >= 0.5f) on.add(classNames.get(j));
            }
            return on.isEmpty() ? "none" : String.join("+", on);
        }
        return ls == 1 ? String.valueOf(labels[index])
                : Arrays.toString(Arrays.copyOfRange(labels, index * ls, (index + 1) * ls));
    }

    /**
     * The same examples with new class labels: {@code classOf} gives example {@code i}'s class as
     * an index into {@code classNames}. For a second task on the same pictures, such as counting
     * what a multi-label scene holds.
     *
     * <pre>{@code
     * val counted = scenes.relabeled(listOf("none", "one", "two")) { i ->
     *     scenes.labelName(i).split("+").count { it != "none" }    // "dog+cone" -> 2
     * }
     * scenes.relabeled(listOf("no", "yes")) { 2 }                  // fails: class 2 of 2 classes, numbered 0 to 1
     * }</pre>
     */
    public Examples relabeled(List<String> classNames, IntUnaryOperator classOf) {
        if (classNames.isEmpty()) {
            throw DataErrors.noClassNames();
        }
        float[] classes = new float[size()];
        for (int i = 0; i < classes.length; i++) {
            int label = classOf.applyAsInt(i);
            if (label < 0 || label >= classNames.size()) {
                throw DataErrors.classOutOfRange(i, label, classNames);
            }
            classes[i] = label;
        }
        return new Examples(name, features, featureShape, classes, new long[0], classNames);
    }

    /**
     * The first {@code count} examples (all of them when there are fewer).
     *
     * <pre>{@code
     * images.head(16)
     * }</pre>
     */
    public Examples head(int count) {
        int n = Math.max(0, Math.min(count, size()));
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) indices[i] = i;
        return select(indices);
    }

    /**
     * The same examples in a random order; the same seed gives the same order.
     *
     * <pre>{@code
     * val mixed = images.shuffled(42)
     * }</pre>
     */
    public Examples shuffled(long seed) {
        return select(Shuffle.order(size(), new Random(seed)));
    }

    /**
     * Splits the examples at random into two: the first holds {@code fraction} of them, the
     * second the rest. The same seed gives the same split.
     *
     * <pre>{@code
     * val (train, test) = Datasets.dogsVsConesImages(1000, 28, 1).split(0.8, 42)   // 800 and 200
     * }</pre>
     *
     * @param fraction share of examples in the first part, between 0 and 1
     */
    public List<Examples> split(double fraction, long seed) {
        Datasets.requireFraction(fraction);
        int[] order = Shuffle.order(size(), new Random(seed));
        int first = (int) Math.round(fraction * size());
        return List.of(select(Arrays.copyOfRange(order, 0, first)),
                select(Arrays.copyOfRange(order, first, order.length)));
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size()) {
            throw DataErrors.noSuchExample(index, size());
        }
    }

    static long product(long[] shape) {
        long p = 1;
        for (long d : shape) p *= d;
        return p;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " examples, features " + Arrays.toString(featureShape)
                + ", labels " + (labelShape.length == 0 ? "one per example" : Arrays.toString(labelShape))
                + (classNames.isEmpty() ? "" : ", classes " + classNames);
    }
}
