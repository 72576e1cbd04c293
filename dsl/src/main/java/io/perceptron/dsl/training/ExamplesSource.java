package io.perceptron.dsl.training;

import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Signature;
import java.util.Arrays;
import java.util.List;

/**
 * Examples as training data: images shaped {@code (channels, height, width)}, token sequences,
 * multi-label vectors. Their class names decide the task: one class index per example is
 * classification, a 0/1 vector as long as the class names is multi-label, no class names is
 * regression. What {@code model.fit(examples)}, {@code validation(examples)} and
 * {@code evaluate(examples)} read through.
 */
record ExamplesSource(Examples examples) implements TrainingSource {

    @Override
    public TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize) {
        if (normalize) {
            throw TrainingErrors.normalizeNeedsTable(examples.name());
        }
        return read(examples, loss);
    }

    @Override
    public TrainingData read(Signature signature) {
        return read(examples, signature);
    }

    @Override
    public String toString() {
        return examples.toString();
    }

    /** Reads examples for training: their class names decide classification or multi-label. */
    static TrainingData read(Examples examples, Loss loss) {
        Loss.Task task = loss != null ? loss.task() : defaultTask(examples);
        List<String> classes = examples.classNames();
        if (task == Loss.Task.CLASSIFICATION && classes.isEmpty()) {
            classes = TrainingData.wholeNumberClasses(examples.labels(), TrainingData.lossName(loss, task));
        } else if (task == Loss.Task.MULTI_LABEL && classes.isEmpty()) {
            classes = TrainingData.numbered(Math.toIntExact(TrainingData.product(examples.labelShape())));
        } else if (task == Loss.Task.REGRESSION) {
            classes = List.of();
        }
        Loss chosen = loss != null ? loss : TrainingData.defaultLoss(task);
        List<String> labels = task == Loss.Task.MULTI_LABEL ? classes : List.of(TrainingData.DEFAULT_LABEL);
        Signature signature = new Signature(List.of(), examples.featureShape(), labels, task, classes,
                task == Loss.Task.CLASSIFICATION && examples.classNames().isEmpty() ? "integer" : "string",
                chosen.toString(), -1);
        return read(examples, signature);
    }

    /** Reads examples with the signature of an earlier fit. */
    static TrainingData read(Examples examples, Signature signature) {
        if (!Arrays.equals(examples.featureShape(), signature.featureShape())) {
            throw TrainingErrors.featureShapeChanged(examples.name(), examples.featureShape(), signature.featureShape());
        }
        float[] labels = examples.labels();
        switch (signature.task()) {
            case CLASSIFICATION -> {
                if (!examples.classNames().isEmpty() && !examples.classNames().equals(signature.classes())) {
                    throw TrainingErrors.classesChanged(examples.name(), examples.classNames(), signature.classes());
                }
                for (float label : labels) {
                    if (label != Math.rint(label) || label < 0 || label >= signature.classes().size()) {
                        throw TrainingErrors.classIndexOutOfRange(examples.name(), label, signature.classes());
                    }
                }
            }
            case MULTI_LABEL -> {
                if (TrainingData.product(examples.labelShape()) != signature.classes().size()) {
                    throw TrainingErrors.labelCountChanged(examples.name(), TrainingData.product(examples.labelShape()),
                            signature.classes());
                }
                for (float label : labels) {
                    if (label != 0 && label != 1) {
                        throw TrainingErrors.labelNotZeroOrOne(examples.name(), Float.toString(label), signature.loss());
                    }
                }
            }
            default -> {
            }
        }
        Signature read = examples.imageOptions() != null && signature.pictures() == null
                ? signature.withPictures(examples.imageOptions()) : signature;
        return new TrainingData(examples, read, examples.name() + " (" + examples.size() + " examples)");
    }

    private static Loss.Task defaultTask(Examples examples) {
        if (examples.classNames().isEmpty()) {
            return Loss.Task.REGRESSION;
        }
        long[] labelShape = examples.labelShape();
        if (labelShape.length == 1 && labelShape[0] == examples.classNames().size()) {
            boolean zeroOrOne = true;
            for (float label : examples.labels()) {
                zeroOrOne &= label == 0 || label == 1;
            }
            if (zeroOrOne) {
                return Loss.Task.MULTI_LABEL;
            }
        }
        return Loss.Task.CLASSIFICATION;
    }
}
