package io.perceptron.dsl.training;

import io.perceptron.dsl.PerceptronException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every message a user sees when training, evaluating, predicting or loading a checkpoint goes
 * wrong: what happened in the user's terms, what was expected and received, and what to do.
 */
public final class TrainingErrors {
    private TrainingErrors() {
    }

    // ------------------------------------------------------------ columns and labels

    /** {@code label(...)} was not called and the table has no column called {@code defaultLabel}. */
    public static PerceptronException noLabel(String defaultLabel, List<String> existing) {
        return new PerceptronException("Which column is the label? The table has no column called '"
                + defaultLabel + "' (it has: " + String.join(", ", existing)
                + "). Name it with .label(\"...\").");
    }

    /** No numeric columns are left for features once the label columns are taken out. */
    public static PerceptronException noFeatures(List<String> existing, List<String> labels) {
        return new PerceptronException("No numeric feature columns: apart from the label " + labels
                + " the table has only " + String.join(", ", existing)
                + ". Add numeric columns, or convert text columns to numbers first.");
    }

    /** The same column was named as a feature and as the label. */
    public static PerceptronException labelAmongFeatures(String column) {
        return new PerceptronException("Column '" + column + "' is both a feature and the label: the model would "
                + "just copy the answer. Leave it out of features(...).");
    }

    /** Feature columns hold something other than numbers (or true/false). */
    public static PerceptronException featuresNotNumeric(List<String> columnsWithTypes) {
        return new PerceptronException("Features must be numbers, but " + String.join(", ", columnsWithTypes)
                + (columnsWithTypes.size() == 1 ? " is not" : " are not")
                + ". Leave such columns out of features(...), or turn them into numbers first "
                + "(for categories: one 0/1 column per category).");
    }

    /** Every example has the same label, so there is nothing to tell apart. */
    public static PerceptronException oneClass(String column, String onlyValue, int rows) {
        return new PerceptronException("The label '" + column + "' has only one class ('" + onlyValue + "') in all "
                + rows + " rows: there is nothing to learn to tell apart. Classification needs at least two "
                + "different label values; check the data or the label column.");
    }

    /** Cross-entropy was asked for with several label columns. */
    public static PerceptronException oneLabelColumnForClasses(List<String> labels, String loss) {
        return new PerceptronException(loss + " takes one label column holding the class, but " + labels.size()
                + " were given (" + String.join(", ", labels) + "). For several yes/no labels per example use "
                + "Loss.binaryCrossEntropy(); for several numbers, Loss.mse().");
    }

    /** A multi-label loss met a label that is not 0 or 1. */
    public static PerceptronException labelNotZeroOrOne(String column, String value, String loss) {
        return new PerceptronException(loss + " needs labels that are 0 or 1 (or true/false), but '" + column
                + "' holds " + value + ". For classes use Loss.crossEntropy(); for numbers, Loss.mse().");
    }

    /** A regression loss met a label column holding text. */
    public static PerceptronException labelNotNumeric(String column, String type, String loss) {
        return new PerceptronException(loss + " predicts numbers, but the label '" + column + "' holds " + type
                + " values. For classes use Loss.crossEntropy().");
    }

    /** Labels given as numbers are not class indices 0, 1, 2, ... */
    public static PerceptronException labelNotClassIndex(float value, String loss) {
        return new PerceptronException(loss + " needs class indices 0, 1, 2, ... as labels, but found "
                + value + ". For numbers to predict use Loss.mse().");
    }

    /** Validation or test data holds a class the model never saw in training. */
    public static PerceptronException unknownClass(String column, String value, List<String> classes) {
        return new PerceptronException("The label '" + column + "' holds '" + value + "', a class the model was not "
                + "trained on. It knows: " + preview(classes) + ". Remove those rows or retrain with them.");
    }

    /** Examples with class names other than the ones the model was trained on. */
    public static PerceptronException classesChanged(String data, List<String> received, List<String> expected) {
        return new PerceptronException(data + " has classes " + received + " but the model was trained on "
                + expected + ". Use data with the same classes in the same order.");
    }

    /** A class index outside the known classes. */
    public static PerceptronException classIndexOutOfRange(String data, float value, List<String> classes) {
        return new PerceptronException(data + " has the label " + value + ", but the classes are indices 0 to "
                + (classes.size() - 1) + " (" + preview(classes) + ").");
    }

    /** Multi-label examples with another number of labels than in training. */
    public static PerceptronException labelCountChanged(String data, long received, List<String> expected) {
        return new PerceptronException(data + " has " + received + " labels per example but the model was trained on "
                + expected.size() + " (" + String.join(", ", expected) + ").");
    }

    /** x and y disagree on the number of examples. */
    public static PerceptronException arraysDisagree(String xShape, String yShape) {
        return new PerceptronException("x and y must hold the same number of examples along their first axis, "
                + "but x is " + xShape + " and y is " + yShape + ".");
    }

    // ------------------------------------------------------------ model versus data

    /** The model does not know what shape its input has. */
    public static PerceptronException inputShapeUnknown(String model) {
        return new PerceptronException("The model's input shape is unknown, so it cannot be trained: " + model
                + ". Start it with input(...), e.g. Model.sequential().input(2).dense(16).relu().dense(2).");
    }

    /** The model's input size differs from the number of feature columns. */
    public static PerceptronException inputSizeMismatch(long[] modelInput, List<String> features, List<String> inputs) {
        if (inputs.size() != features.size()) {
            // Text columns became one input per category: say so, with the number the model needs.
            return new PerceptronException("The model takes " + describe(modelInput) + " per example (input("
                    + joined(modelInput) + ")) but the " + features.size() + " feature columns (" + String.join(", ", features)
                    + ") make " + inputs.size() + " inputs, each text column one 0/1 input per category: "
                    + String.join(", ", inputs) + ". Change the model to input(" + inputs.size()
                    + ") or choose other columns with features(...).");
        }
        return new PerceptronException("The model takes " + describe(modelInput) + " per example (input("
                + joined(modelInput) + ")) but " + features.size() + " feature column" + (features.size() == 1 ? " was" : "s were")
                + " chosen: " + String.join(", ", features) + ". Choose " + joined(modelInput) + " columns with "
                + "features(...) or change the model to input(" + features.size() + ").");
    }

    /** {@code normalize()} on data that is not a table. */
    public static PerceptronException normalizeNeedsTable(String data) {
        return new PerceptronException("normalize() works on tables: it brings each number column to mean 0 and"
                + " standard deviation 1. " + data + " is not a table; for pictures read from files pass"
                + " ImageOptions.size(...).normalize(mean, std) to Datasets.imageFolder, or scale the values yourself.");
    }

    /** The model's input shape differs from the shape of one example (images, sequences, arrays). */
    public static PerceptronException inputShapeMismatch(long[] modelInput, long[] examples, String data) {
        return new PerceptronException("The model takes inputs shaped " + Arrays.toString(modelInput) + " but each "
                + "example of " + data + " is shaped " + Arrays.toString(examples) + ". Change the model's input("
                + joined(examples) + ") or reshape the data.");
    }

    /** The number of model outputs differs from the number of classes or labels. */
    public static PerceptronException outputSizeMismatch(long outputs, String labels, long expected, String task) {
        return new PerceptronException("The model outputs " + outputs + " number" + (outputs == 1 ? "" : "s")
                + " per example but " + labels + " " + task + " " + expected + ". End the model with dense("
                + expected + ").");
    }

    /** An encoder-decoder was given data that is not pairs of token sequences. */
    public static PerceptronException decoderNeedsTokenSequences(String model, String data) {
        return new PerceptronException("The decoder '" + model + "' learns to write token sequences, but " + data
                + " does not hold one sequence of tokens per example with the start token among the classes. "
                + "Make the examples with vocabulary.encodePairs(...).");
    }

    /** The decoder's input length differs from the length of the target sequences. */
    public static PerceptronException decoderInputMismatch(long[] decoderInput, long[] labels) {
        return new PerceptronException("The decoder takes input(" + joined(decoderInput) + ") but the target "
                + "sequences are " + Arrays.toString(labels) + " long. Give the decoder input(" + joined(labels)
                + ") or encode the targets to that length.");
    }

    /** Validation or test examples are shaped differently from the training examples. */
    public static PerceptronException featureShapeChanged(String data, long[] received, long[] expected) {
        return new PerceptronException(data + " has examples shaped " + Arrays.toString(received)
                + " but the model was trained on " + Arrays.toString(expected) + ".");
    }

    /** {@code outputs(...)} asked of a decoder, which needs a second input. */
    public static PerceptronException outputsOfDecoder(String decoder) {
        return new PerceptronException("outputs(examples) runs a model on its examples alone, but " + decoder
                + " is a decoder: it also needs the target sentence so far. Ask its encoder instead: "
                + "encoder.outputs(examples) gives the meaning vector of every source sentence.");
    }

    // ------------------------------------------------------------ settings

    /** A training setting out of range. */
    public static PerceptronException badSetting(String setting, String expected, Object received) {
        return new PerceptronException(setting + "(...) needs " + expected + ", received " + received + ".");
    }

    /** The validation split leaves no examples on one side. */
    public static PerceptronException splitTooSmall(int examples, double split) {
        return new PerceptronException("validationSplit(" + split + ") of " + examples + " examples leaves "
                + (Math.round(examples * split) == 0 ? "no validation examples" : "no training examples")
                + ". Use more data or a split between " + String.format(Locale.ROOT, "%.2f", 1.0 / Math.max(2, examples))
                + " and 0.5.");
    }

    /** Early stopping or checkpoints watch a metric that this run does not record. */
    public static PerceptronException unknownMetric(String metric, List<String> recorded) {
        return new PerceptronException("This run does not record '" + metric + "'. It records: "
                + String.join(", ", recorded) + ".");
    }

    /** {@code TrainingRun.compare(...)} was given no runs. */
    public static PerceptronException noRunsToCompare(String metric) {
        return new PerceptronException("TrainingRun.compare(...) needs at least one run to show '" + metric
                + "' for, but the map is empty. Pass the runs by name, e.g. mapOf(\"lr 0.1\" to run1, \"lr 1\" to run2).");
    }

    /** A run passed to {@code TrainingRun.compare(...)} does not record the metric asked for. */
    public static PerceptronException metricMissingFromRun(String run, String metric, List<String> recorded) {
        return new PerceptronException("Run '" + run + "' does not record '" + metric + "'. It records: "
                + String.join(", ", recorded) + ". Compare a metric every run records (runs without validation"
                + " data have no val_ columns).");
    }

    /** A run passed to {@code TrainingRun.compare(...)} is named like the table's epoch column. */
    public static PerceptronException runNamedEpoch(String run) {
        return new PerceptronException("A run cannot be called '" + run + "' in TrainingRun.compare(...): the table's"
                + " first column is already 'epoch'. Name the run after what sets it apart, e.g. \"lr 0.1\".");
    }

    /** A metric that only makes sense for class labels was asked of a regression model. */
    public static PerceptronException noAccuracy(String loss) {
        return new PerceptronException("Accuracy is measured for class labels, but this model was trained with "
                + loss + " on numbers. Look at loss() instead.");
    }

    /** A confusion matrix was asked of a model without classes. */
    public static PerceptronException noConfusionMatrix(String loss) {
        return new PerceptronException("A confusion matrix counts classes, but this model was trained with "
                + loss + ", which has none. It exists for models trained with Loss.crossEntropy().");
    }

    /** A GAN's run has two networks and no classes, so no confusion matrix. */
    static PerceptronException noGanConfusionMatrix() {
        return new PerceptronException("A confusion matrix counts classes, but a GAN's run has none: its history"
                + " holds the two losses and the discriminator's scores. To see which class the generated pictures"
                + " belong to, train a classifier and ask it: classifier.predict(gan.sample(16, 1)).");
    }

    /** The real pictures of a GAN are not shaped like the generator's pictures. */
    static PerceptronException realPicturesDiffer(String data, long[] pictures, long[] made, String generator) {
        return new PerceptronException("The GAN learns to make pictures like those of " + data + ", shaped "
                + Arrays.toString(pictures) + ", but generator " + generator + " makes pictures shaped "
                + Arrays.toString(made) + ". End the generator with reshape(" + joined(pictures) + ") after a dense"
                + " layer of " + Arrays.stream(pictures).reduce(1, (a, b) -> a * b) + " units, or train on pictures of"
                + " its size.");
    }

    /** A GAN of which one network has nothing left to learn. */
    static PerceptronException nothingToTrain(String network) {
        return new PerceptronException("Model " + network + " has no weights that can learn (it is frozen), so the"
                + " GAN cannot train it. Call unfreeze() on it first.");
    }

    /** Predict or evaluate before training, on data the model cannot read without a signature. */
    public static PerceptronException notTrained(String what) {
        return new PerceptronException(what + " needs a model that has been trained (or loaded), so that it knows "
                + "which columns to read and what the classes are. Call model.fit(data)...train() first.");
    }

    /** gradientNorms() on a decoder, whose block holds its encoder too, so its parts are not numbered by layer. */
    public static PerceptronException gradientNormsOfDecoder(String model) {
        return new PerceptronException("gradientNorms() gives one row per layer of a sequential model, but \"" + model
                + "\" is a decoder, whose layers and encoder share one block. Measure the encoder as a sequential"
                + " model of its own, or read the gradients from model.djl().block after a backward pass.");
    }

    // ------------------------------------------------------------ while training

    /** The loss became NaN or infinite. */
    public static PerceptronException nanLoss(float loss, int epoch, int batch, int batchesPerEpoch, String optimizer,
                                              double learningRate) {
        return new PerceptronException("Training stopped: the loss became " + (Float.isNaN(loss) ? "NaN" : loss)
                + " at epoch " + epoch + ", batch " + batch + " of " + batchesPerEpoch + ", so the weights stopped "
                + "meaning anything. This usually means the learning rate (" + learningRate + ") is too high: try "
                + "one ten times lower, e.g. Optimizer." + optimizer + "(" + learningRate / 10 + "). Also check the data for "
                + "huge or missing values. The model keeps the weights from before that batch.");
    }

    /** The engine failed in a way the checks before training did not foresee. */
    public static PerceptronException engineFailed(String during, RuntimeException cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : firstLine(cause.getMessage());
        return new PerceptronException("The deep-learning engine failed while " + during + ": " + detail
                + ". Check that the model's layers fit the data (model.summary()).", cause);
    }

    /** Classes for messages and printouts: the first ten, then how many there are. */
    static String preview(List<String> values) {
        return String.join(", ", values.subList(0, Math.min(values.size(), 10)))
                + (values.size() > 10 ? ", ... (" + values.size() + " in all)" : "");
    }

    private static String describe(long[] shape) {
        return shape.length == 1 ? shape[0] + " number" + (shape[0] == 1 ? "" : "s") : "inputs shaped " + Arrays.toString(shape);
    }

    private static String joined(long[] shape) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return text.toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
