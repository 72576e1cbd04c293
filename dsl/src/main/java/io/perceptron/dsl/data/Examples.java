package io.perceptron.dsl.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
            throw new IllegalArgumentException("features hold " + features.length
                    + " numbers, not a whole number of examples shaped " + Arrays.toString(featureShape));
        }
        long count = features.length / featureSize;
        if (labels.length != count * labelSize) {
            throw new IllegalArgumentException(count + " examples need " + count * labelSize
                    + " label numbers shaped " + Arrays.toString(labelShape) + ", got " + labels.length);
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
