package io.perceptron.dsl.training;

import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Signature;
import java.util.ArrayList;
import java.util.List;

/**
 * Training data in the one form the training loop reads: dense {@link Examples} (features and
 * labels as flat float arrays, class labels as indices) together with the {@link Signature} that
 * says how they were read. Every {@link TrainingSource} (a table, examples, arrays) reads into it,
 * with the helpers they share here: the default label name and loss, class indices.
 *
 * <p>The first source a model is fitted on decides the signature (which columns, which classes
 * in which order); validation and test data are then read with that signature, so class "dog" is
 * the same index everywhere.
 */
final class TrainingData {
    /** The label column used when {@code label(...)} was not called. */
    static final String DEFAULT_LABEL = "label";

    private final Examples examples;
    private final Signature signature;
    private final String description;

    TrainingData(Examples examples, Signature signature, String description) {
        this.examples = examples;
        this.signature = signature;
        this.description = description;
    }

    Examples examples() {
        return examples;
    }

    Signature signature() {
        return signature;
    }

    int size() {
        return examples.size();
    }

    /** Where the data came from, for printouts: "table moons (1000 rows)". */
    String description() {
        return description;
    }

    TrainingData with(Signature newSignature) {
        return new TrainingData(examples, newSignature, description);
    }

    TrainingData select(int[] rows) {
        return new TrainingData(examples.select(rows), signature, description);
    }

    /** The loss used when none was chosen: cross-entropy for classes, BCE for yes/no labels, MSE for numbers. */
    static Loss defaultLoss(Loss.Task task) {
        return switch (task) {
            case CLASSIFICATION -> Loss.crossEntropy();
            case MULTI_LABEL -> Loss.binaryCrossEntropy();
            case REGRESSION -> Loss.mse();
        };
    }

    static String lossName(Loss loss, Loss.Task task) {
        return (loss != null ? loss : defaultLoss(task)).toString();
    }

    /** Whole numbers print without ".0" so that class 1 of an int column and of a double column read alike. */
    static String numberKey(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Classes for labels that are already indices: "0", "1", ... up to the largest label. */
    static List<String> wholeNumberClasses(float[] labels, String loss) {
        float max = 0;
        for (float label : labels) {
            if (label != Math.rint(label) || label < 0) {
                throw TrainingErrors.labelNotClassIndex(label, loss);
            }
            max = Math.max(max, label);
        }
        if (max < 1) {
            throw TrainingErrors.oneClass("label", numberKey(max), labels.length);
        }
        return numbered((int) max + 1);
    }

    static List<String> numbered(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    static long product(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }
}
