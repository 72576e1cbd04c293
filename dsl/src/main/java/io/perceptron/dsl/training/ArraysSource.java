package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.Signature;
import java.util.Arrays;
import java.util.List;

/**
 * NDArrays as training data, copied into examples: {@code model.fit(x, y)}, {@code validation(x, y)}
 * and {@code evaluate(x, y)}. Integer labels are class indices, floating-point labels numbers to predict.
 *
 * @param examples      the arrays' copy, one example per row of {@code x}
 * @param integerLabels whether {@code y} held integers (class indices) rather than numbers
 */
record ArraysSource(Examples examples, boolean integerLabels) implements TrainingSource {

    /**
     * Arrays as a source: {@code x} holds the examples along its first axis, {@code y} the labels.
     * They are copied here, so the caller may close them as soon as the fit is set up.
     */
    static ArraysSource of(NDArray x, NDArray y) {
        long[] xShape = x.getShape().getShape();
        long[] yShape = y.getShape().getShape();
        if (xShape.length == 0 || yShape.length == 0 || xShape[0] != yShape[0]) {
            throw TrainingErrors.arraysDisagree(x.getShape().toString(), y.getShape().toString());
        }
        float[] features;
        float[] labels;
        try (NDArray xf = x.toType(DataType.FLOAT32, true); NDArray yf = y.toType(DataType.FLOAT32, true)) {
            features = xf.toFloatArray();
            labels = yf.toFloatArray();
        }
        Examples copied = Examples.of("arrays", features, Arrays.copyOfRange(xShape, 1, xShape.length), labels,
                Arrays.copyOfRange(yShape, 1, yShape.length), List.of());
        return new ArraysSource(copied, y.getDataType().isInteger());
    }

    /**
     * Reads the arrays for training. Integer labels of one number per example are class indices;
     * others are numbers to regress, unless a loss says otherwise.
     */
    @Override
    public TrainingData read(List<String> features, List<String> labels, Loss loss, boolean normalize) {
        if (normalize) {
            throw TrainingErrors.normalizeNeedsTable("arrays");
        }
        Loss.Task task;
        if (loss != null) {
            task = loss.task();
        } else {
            task = integerLabels && examples.labelShape().length == 0 ? Loss.Task.CLASSIFICATION : Loss.Task.REGRESSION;
        }
        List<String> classes = switch (task) {
            case CLASSIFICATION -> TrainingData.wholeNumberClasses(examples.labels(), TrainingData.lossName(loss, task));
            case MULTI_LABEL -> TrainingData.numbered(Math.toIntExact(TrainingData.product(examples.labelShape())));
            case REGRESSION -> List.of();
        };
        Loss chosen = loss != null ? loss : TrainingData.defaultLoss(task);
        Signature signature = new Signature(List.of(), examples.featureShape(),
                task == Loss.Task.MULTI_LABEL ? classes : List.of(TrainingData.DEFAULT_LABEL), task, classes, "integer",
                chosen.toString(), -1);
        return ExamplesSource.read(examples, signature);
    }

    @Override
    public TrainingData read(Signature signature) {
        return ExamplesSource.read(examples, signature);
    }

    @Override
    public String toString() {
        return "arrays (" + examples.size() + " examples)";
    }
}
