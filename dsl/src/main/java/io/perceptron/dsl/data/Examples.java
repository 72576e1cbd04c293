package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
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
    private final FeatureStore features;
    private final long[] featureShape;
    private final float[] labels;
    private final long[] labelShape;
    private final List<String> classNames;

    private Examples(String name, FeatureStore features, long[] featureShape, float[] labels, long[] labelShape,
                     List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.features = Objects.requireNonNull(features, "features");
        this.featureShape = featureShape.clone();
        this.labels = Objects.requireNonNull(labels, "labels");
        this.labelShape = labelShape.clone();
        this.classNames = List.copyOf(classNames);
        long count = features.size();
        long labelSize = product(labelShape);
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
        Objects.requireNonNull(features, "features");
        long featureSize = product(featureShape);
        if (featureSize == 0 || features.length % featureSize != 0) {
            throw DataErrors.featuresNotWhole(features.length, featureShape);
        }
        return new Examples(name, new FeatureStore.InMemory(features, (int) featureSize), featureShape, labels,
                labelShape, classNames);
    }

    /** Examples whose features are read from {@code store} (image files) when they are needed. */
    static Examples of(String name, FeatureStore store, long[] featureShape, float[] labels, long[] labelShape,
                       List<String> classNames) {
        return new Examples(name, store, featureShape, labels, labelShape, classNames);
    }

    /** What these examples are, as shown in printouts. */
    public String name() {
        return name;
    }

    /** How many examples there are. */
    public int size() {
        return features.size();
    }

    /**
     * All features, example after example (not a copy: do not modify). Examples read from image
     * files decode every file for this; {@link #load()} keeps the result.
     */
    public float[] features() {
        if (features instanceof FeatureStore.InMemory memory) {
            return memory.values();
        }
        return decodeAll(null);
    }

    /**
     * Whether the features are held in memory; {@code false} for images read from a folder, which
     * are decoded when a batch needs them.
     *
     * <pre>{@code
     * Datasets.imageFolder("data/pets", 64).isInMemory()          // false
     * Datasets.imageFolder("data/pets", 64).load().isInMemory()   // true
     * }</pre>
     */
    public boolean isInMemory() {
        return features instanceof FeatureStore.InMemory;
    }

    /**
     * The same examples with every feature decoded and held in memory (these examples when they
     * already are). Quicker to train on many times when the images fit in memory: {@code count x
     * channels x height x width x 4} bytes. Shows a progress bar while it decodes; an image that
     * fails to decode stops it with a message naming the file, and nothing is kept.
     *
     * <pre>{@code
     * val pets = Datasets.imageFolder("data/pets", 64).load()     // 1,000 pictures of 3 x 64 x 64: 49 MB
     * }</pre>
     */
    public Examples load() {
        if (isInMemory()) {
            return this;
        }
        ScanProgress progress = ScanProgress.start("Decoding " + name, size());
        float[] all = decodeAll(progress);
        progress.finish("Decoded " + size() + " images of " + name + " into memory");
        return Examples.of(name, all, featureShape, labels, labelShape, classNames);
    }

    private float[] decodeAll(ScanProgress progress) {
        int featureSize = (int) product(featureShape);
        float[] all = new float[Math.multiplyExact(size(), featureSize)];
        for (int i = 0; i < size(); i++) {
            features.copy(i, all, i * featureSize);
            if (progress != null) {
                progress.step(i + 1);
            }
        }
        return all;
    }

    /**
     * How the pictures were read from their files (size, channels, normalization), or
     * {@code null} for examples that were not read from image files. A trained model keeps it, so a
     * saved model says what pictures it expects.
     */
    public ImageOptions imageOptions() {
        return features instanceof ImageFiles files ? files.options() : null;
    }

    /**
     * Copies example {@code index}'s features into {@code into} from {@code offset}, decoding its
     * file for examples read from a folder. Safe to call from several threads at once: training
     * uses it to prepare the next batches while the current one trains.
     */
    public void copyFeatures(int index, float[] into, int offset) {
        checkIndex(index);
        features.copy(index, into, offset);
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
        int ls = (int) product(labelShape);
        float[] l = new float[indices.length * ls];
        for (int i = 0; i < indices.length; i++) {
            checkIndex(indices[i]);
            System.arraycopy(labels, indices[i] * ls, l, i * ls, ls);
        }
        return new Examples(name, features.select(indices), featureShape, l, labelShape, classNames);
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
        float[] one = new float[(int) product(featureShape)];
        features.copy(index, one, 0);
        return one;
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
     * These examples' features with {@code targets}' features as the labels to produce: example
     * {@code i} of {@code targets} becomes what the model should output for example {@code i} here.
     * For models that draw: {@code images.withTargets(images)} teaches an autoencoder to give back
     * its input, and sentences with their pictures as targets teach a decoder to draw a sentence.
     * The labels are numbers (no classes), so training picks {@code Loss.mse()} by default.
     *
     * <pre>{@code
     * val images = Datasets.dogsVsConesImages(600, 20, 42)
     * autoencoder.fit(images.withTargets(images)).epochs(10).train()
     * images.withTargets(images.head(10))     // fails: there are 600 examples and 10 targets
     * }</pre>
     */
    public Examples withTargets(Examples targets) {
        Objects.requireNonNull(targets, "targets");
        if (targets.size() != size()) {
            throw DataErrors.targetCountDiffers(name, size(), targets.name(), targets.size());
        }
        String named = targets.name().equals(name) ? name + " (each its own target)" : name + " → " + targets.name();
        return new Examples(named, features, featureShape, targets.features().clone(), targets.featureShape,
                List.of());
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

    /**
     * Splits the examples at random into two that keep the class proportions: each class (or, for
     * yes/no labels, each combination of labels) is split in the same ratio, so a class with 10%
     * of the examples has 10% of each part. The same seed gives the same split; each part comes
     * shuffled.
     *
     * <pre>{@code
     * val (train, validation) = Datasets.imageFolder("data/pets", 64).stratifiedSplit(0.8, 42)
     * Datasets.digits().stratifiedSplit(0.8, 1)     // 1,437 and 360, every digit 80 / 20
     * }</pre>
     *
     * @param fraction share of each class in the first part, between 0 and 1
     */
    public List<Examples> stratifiedSplit(double fraction, long seed) {
        Datasets.requireFraction(fraction);
        if (classNames.isEmpty()) {
            throw DataErrors.noClassesToStratify(name);
        }
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            byClass.computeIfAbsent(labelName(i), k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (List<Integer> members : byClass.values()) {
            Collections.shuffle(members, random);
            int take = (int) Math.round(fraction * members.size());
            first.addAll(members.subList(0, take));
            second.addAll(members.subList(take, members.size()));
        }
        Collections.shuffle(first, random);
        Collections.shuffle(second, random);
        return List.of(select(first.stream().mapToInt(Integer::intValue).toArray()),
                select(second.stream().mapToInt(Integer::intValue).toArray()));
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
                + (classNames.isEmpty() ? "" : ", classes " + classNames)
                + (features.origin().isEmpty() ? "" : ", " + features.origin());
    }
}
