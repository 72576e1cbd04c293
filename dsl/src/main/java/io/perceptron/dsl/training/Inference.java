package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.loss.Loss;
import io.perceptron.dsl.model.ModelErrors;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.model.NoGradient;
import io.perceptron.dsl.model.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Prediction and evaluation for a trained model, reading new data the way the training data was
 * read (same feature columns, same classes in the same order) and answering in the user's terms:
 * class values, not indices. Reached through {@code model.predict(...)},
 * {@code model.evaluate(...)} and {@code model.outputs(...)}, which hand over the model's network:
 * its methods are public only because {@code Model} lives in another package, and a cell, which
 * never holds a network, cannot call them.
 *
 * <pre>{@code
 * model.fit(data).label("label").train()
 * model.predict(data)      // predicted, p_0, p_1
 * model.evaluate(test)     // Evaluation on 200 examples: loss 0.0931, accuracy 0.9650
 * Model.sequential().input(2).dense(2).predict(data)   // PerceptronException: ... needs a model that has been trained
 * }</pre>
 */
public final class Inference {
    private Inference() {
    }

    static Signature signatureOf(ai.djl.Model djl, String what) {
        Signature signature = Signature.of(djl);
        if (signature == null) {
            throw TrainingErrors.notTrained(what);
        }
        return signature;
    }

    // ---------------------------------------------------------------- the public face

    /**
     * The model's answer for every row of {@code data}, which needs the feature columns the model
     * was trained on (other columns are ignored). For class labels: {@code predicted} (in the type
     * of the training label column) and one probability column {@code p_<class>} per class; for
     * yes/no labels, per label its 0/1 prediction and {@code p_<label>}; for numbers,
     * {@code predicted} (or {@code predicted_<label>} per label column).
     */
    public static Table predict(Network model, Table data) {
        ai.djl.Model djl = model.djl();
        return Threads.with(Threads.forBatch(model, BatchForward.BATCH), () -> predict(djl, data));
    }

    /**
     * The model's answer for every example, as a table like {@link #predict(Network, Table)}'s. An
     * encoder-decoder writes its output sequence one token at a time, each step reading the tokens
     * it chose before (greedy decoding); the {@code predicted} column holds the text.
     */
    public static Table predict(Network model, Examples data) {
        ai.djl.Model djl = model.djl();
        Signature signature = signatureOf(djl, "predict(examples)");
        // Decoding runs many small forward passes, where a second engine thread costs far more than
        // it gives on a busy machine: 100 sentences took 1.5-6 s with two threads, 0.1-0.3 s with one.
        return Threads.with(Threads.forBatch(model, BatchForward.BATCH), () -> signature.decoderStart() >= 0
                ? Generation.greedy(djl, data, signature, Math.toIntExact(model.inputShape().get(0)))
                : predict(djl, data));
    }

    /** The model's raw outputs (logits for classifiers) for {@code x}; the result belongs to {@code x}'s manager. */
    public static NDArray predict(Network model, NDArray x) {
        ai.djl.Model djl = model.djl();
        long batch = x.getShape().isScalar() ? 1 : x.getShape().get(0);
        return Threads.with(Threads.forBatch(model, batch), () -> predict(djl, x));
    }

    /**
     * What the model outputs for each example's features, one row of numbers per example (an
     * output with several axes is flattened). It needs no training of its own, so it reads an
     * encoder that learned as part of a decoder: its rows are the sentences' meaning vectors.
     */
    public static float[][] outputs(Network model, Examples data) {
        if (model.isDecoder()) {
            throw TrainingErrors.outputsOfDecoder(model.name());
        }
        if (!Arrays.equals(data.featureShape(), model.inputShape().getShape())) {
            throw ModelErrors.examplesDoNotFit(model.name(), model.inputShape(), data.name(), data.featureShape());
        }
        ai.djl.Model djl = model.djl();
        return Threads.with(Threads.forBatch(model, BatchForward.BATCH), () -> {
            float[][] rows = new float[data.size()][];
            forward(djl, data, null, -1, (out, labels, from, to) -> {
                float[] values = out.toFloatArray();
                int width = values.length / (to - from);
                for (int r = from; r < to; r++) {
                    rows[r] = Arrays.copyOfRange(values, (r - from) * width, (r - from + 1) * width);
                }
            });
            return rows;
        });
    }

    /** Loss and metrics on a held-out table, read with the training columns and classes. */
    public static Evaluation evaluate(Network model, Table data) {
        ai.djl.Model djl = model.djl();
        TrainingData read = new TableSource(data).read(signatureOf(djl, "evaluate(table)"));
        return Threads.with(Threads.forBatch(model, BatchForward.BATCH), () -> evaluate(djl, read));
    }

    /** Loss and metrics on held-out examples. */
    public static Evaluation evaluate(Network model, Examples data) {
        ai.djl.Model djl = model.djl();
        TrainingData read = new ExamplesSource(data).read(signatureOf(djl, "evaluate(examples)"));
        return Threads.with(Threads.forBatch(model, BatchForward.BATCH), () -> evaluate(djl, read));
    }

    /** Loss and metrics on held-out arrays: {@code x} the examples, {@code y} their labels. */
    public static Evaluation evaluate(Network model, NDArray x, NDArray y) {
        ai.djl.Model djl = model.djl();
        Signature signature = signatureOf(djl, "evaluate(x, y)");
        return evaluate(djl, ArraysSource.of(x, y).read(signature));
    }

    // ---------------------------------------------------------------- predict

    /** Predictions for the rows of {@code data}: see {@code Model.predict(Table)}. */
    static Table predict(ai.djl.Model djl, Table data) {
        Signature signature = signatureOf(djl, "predict(table)");
        if (signature.features().isEmpty()) {
            throw TrainingErrors.notTrained("predict(table) on a model trained on examples or arrays");
        }
        float[] features = TableSource.features(data, signature);
        Examples examples = Examples.of(nameOf(data), features, signature.featureShape(), new float[data.rowCount()],
                new long[0], List.of());
        return predictionTable(djl, examples, signature);
    }

    /** Predictions for examples (images, token sequences): see {@code Model.predict(Examples)}. */
    static Table predict(ai.djl.Model djl, Examples data) {
        Signature signature = signatureOf(djl, "predict(examples)");
        if (!Arrays.equals(data.featureShape(), signature.featureShape())) {
            throw TrainingErrors.featureShapeChanged(data.name(), data.featureShape(), signature.featureShape());
        }
        return predictionTable(djl, data, signature);
    }

    /**
     * The model's raw outputs for {@code x}, which holds examples along its first axis. The
     * result belongs to {@code x}'s manager; everything made on the way is freed.
     */
    static NDArray predict(ai.djl.Model djl, NDArray x) {
        NDManager owner = x.getManager();
        try (NDManager scope = djl.getNDManager().newSubManager(); NoGradient noGradient = NoGradient.enter()) {
            scope.tempAttachAll(x);
            NDArray input = x.getDevice().equals(scope.getDevice()) ? x : x.toDevice(scope.getDevice(), true);
            NDArray outputs = djl.getBlock().forward(new ParameterStore(scope, false), new NDList(input), false).head();
            outputs.attach(owner);
            return outputs;
        } catch (PerceptronException e) {
            throw e;
        } catch (RuntimeException e) {
            throw TrainingErrors.engineFailed("running the model on an array shaped " + x.getShape(), e);
        }
    }

    private static Table predictionTable(ai.djl.Model djl, Examples examples, Signature signature) {
        Loss loss = signature.lossFunction();
        int rows = examples.size();
        List<float[]> batches = new ArrayList<>();
        Shape[] outputShape = {new Shape(rows, 1)};
        forward(djl, examples, null, -1, (out, labels, from, to) -> {
            outputShape[0] = out.getShape();
            if (out.getShape().dimension() <= 2) {
                try (NDArray readable = loss.probabilities(out)) {
                    batches.add(readable.toFloatArray());
                }
            }
        });
        if (outputShape[0].dimension() > 2) {
            return sequencePredictions(djl, examples, signature);
        }
        int outputs = outputShape[0].dimension() == 2 ? Math.toIntExact(outputShape[0].get(1)) : 1;
        float[] scores = new float[rows * outputs];
        int offset = 0;
        for (float[] batch : batches) {
            System.arraycopy(batch, 0, scores, offset, batch.length);
            offset += batch.length;
        }
        Table table = Table.create("predictions of " + examples.name());
        switch (signature.task()) {
            case CLASSIFICATION -> {
                int[] predicted = new int[rows];
                for (int r = 0; r < rows; r++) {
                    predicted[r] = argMax(scores, r * outputs, outputs);
                }
                table.addColumns(classColumn("predicted", signature, predicted));
                for (int c = 0; c < outputs; c++) {
                    table.addColumns(DoubleColumn.create("p_" + signature.classes().get(c), column(scores, c, outputs)));
                }
            }
            case MULTI_LABEL -> {
                for (int c = 0; c < outputs; c++) {
                    double[] p = column(scores, c, outputs);
                    int[] yes = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        yes[r] = p[r] > 0.5 ? 1 : 0;
                    }
                    table.addColumns(zeroOneColumn(signature.classes().get(c), signature.classType(), yes));
                }
                for (int c = 0; c < outputs; c++) {
                    table.addColumns(DoubleColumn.create("p_" + signature.classes().get(c), column(scores, c, outputs)));
                }
            }
            default -> {
                if (outputs == 1) {
                    table.addColumns(DoubleColumn.create("predicted", column(scores, 0, 1)));
                } else {
                    for (int c = 0; c < outputs; c++) {
                        String label = c < signature.labels().size() ? signature.labels().get(c) : Integer.toString(c);
                        table.addColumns(DoubleColumn.create("predicted_" + label, column(scores, c, outputs)));
                    }
                }
            }
        }
        return table;
    }

    /** For models that output a class per position: the predicted classes of each example, joined by spaces. */
    private static Table sequencePredictions(ai.djl.Model djl, Examples examples, Signature signature) {
        List<String> lines = new ArrayList<>();
        forward(djl, examples, null, -1, (out, labels, from, to) -> {
            try (NDArray best = out.argMax(-1)) {
                long[] indices = best.toLongArray();
                int steps = (int) (indices.length / (to - from));
                for (int r = 0; r < to - from; r++) {
                    StringBuilder line = new StringBuilder();
                    for (int t = 0; t < steps; t++) {
                        line.append(t == 0 ? "" : " ").append(signature.classes().get((int) indices[r * steps + t]));
                    }
                    lines.add(line.toString());
                }
            }
        });
        return Table.create("predictions of " + examples.name(), StringColumn.create("predicted", lines));
    }

    // ---------------------------------------------------------------- evaluate

    /** Loss and metrics of the model on {@code data}, read with the model's signature. */
    static Evaluation evaluate(ai.djl.Model djl, TrainingData data) {
        Signature signature = data.signature();
        Loss loss = signature.lossFunction();
        Scores scores = BatchForward.score(djl, data, loss, BatchForward.BATCH);
        return new Evaluation(data.size(), loss.toString(), signature.task(), scores.asMap(""),
                scores.perLabelAccuracy(), () -> confusionMatrix(djl, data));
    }

    /** True class (rows) against predicted class (columns) on {@code data}. */
    static Table confusionMatrix(ai.djl.Model djl, TrainingData data) {
        Signature signature = data.signature();
        if (signature.task() != Loss.Task.CLASSIFICATION) {
            throw TrainingErrors.noConfusionMatrix(signature.loss());
        }
        List<String> classes = signature.classes();
        int k = classes.size();
        long[][] counts = new long[k][k];
        forward(djl, data.examples(), signature.lossFunction(), signature.decoderStart(), (out, labels, from, to) -> {
            try (NDArray best = out.argMax(-1)) {
                long[] predicted = best.toLongArray();
                long[] actual = labels.toLongArray();
                for (int i = 0; i < predicted.length; i++) {
                    counts[(int) actual[i]][(int) predicted[i]]++;
                }
            }
        });
        Table table = Table.create("confusion matrix (rows: actual, columns: predicted)",
                StringColumn.create("actual", classes));
        for (int p = 0; p < k; p++) {
            int[] column = new int[k];
            for (int a = 0; a < k; a++) {
                column[a] = (int) counts[a][p];
            }
            table.addColumns(IntColumn.create(classes.get(p), column));
        }
        return table;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs the model over {@code examples} in batches; with {@code labelsFor} the labels come along
     * (and feed an encoder-decoder's second input, as in training).
     */
    private static void forward(ai.djl.Model djl, Examples examples, Loss labelsFor, int decoderStart,
                                BatchForward.BatchAction action) {
        try (NDManager manager = djl.getNDManager().newSubManager()) {
            BatchForward.forEachBatch(djl, manager, new ParameterStore(manager, false), examples,
                    labelsFor == null ? null : labelsFor.labelType(), decoderStart, BatchForward.BATCH, action);
        }
    }

    private static int argMax(float[] values, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (values[offset + i] > values[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] column(float[] values, int column, int width) {
        double[] out = new double[values.length / width];
        for (int r = 0; r < out.length; r++) {
            out[r] = values[r * width + column];
        }
        return out;
    }

    /** The predicted classes written back in the type of the training label column. */
    private static Column<?> classColumn(String name, Signature signature, int[] predicted) {
        List<String> classes = signature.classes();
        int rows = predicted.length;
        return switch (signature.classType()) {
            case "integer" -> {
                int[] values = new int[rows];
                for (int r = 0; r < rows; r++) values[r] = (int) Double.parseDouble(classes.get(predicted[r]));
                yield IntColumn.create(name, values);
            }
            case "long" -> {
                long[] values = new long[rows];
                for (int r = 0; r < rows; r++) values[r] = (long) Double.parseDouble(classes.get(predicted[r]));
                yield LongColumn.create(name, values);
            }
            case "short" -> {
                short[] values = new short[rows];
                for (int r = 0; r < rows; r++) values[r] = (short) Double.parseDouble(classes.get(predicted[r]));
                yield ShortColumn.create(name, values);
            }
            case "double" -> {
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) values[r] = Double.parseDouble(classes.get(predicted[r]));
                yield DoubleColumn.create(name, values);
            }
            case "float" -> {
                float[] values = new float[rows];
                for (int r = 0; r < rows; r++) values[r] = Float.parseFloat(classes.get(predicted[r]));
                yield FloatColumn.create(name, values);
            }
            case "boolean" -> {
                BooleanColumn values = BooleanColumn.create(name);
                for (int r = 0; r < rows; r++) values.append(Boolean.parseBoolean(classes.get(predicted[r])));
                yield values;
            }
            default -> {
                String[] values = new String[rows];
                for (int r = 0; r < rows; r++) values[r] = classes.get(predicted[r]);
                yield StringColumn.create(name, values);
            }
        };
    }

    /** A yes/no prediction in the type of the training label columns (0/1 numbers or booleans). */
    private static Column<?> zeroOneColumn(String name, String classType, int[] yes) {
        return switch (classType) {
            case "boolean" -> {
                BooleanColumn values = BooleanColumn.create(name);
                for (int v : yes) values.append(v == 1);
                yield values;
            }
            case "double", "float" -> {
                double[] values = new double[yes.length];
                for (int r = 0; r < yes.length; r++) values[r] = yes[r];
                yield DoubleColumn.create(name, values);
            }
            default -> IntColumn.create(name, yes);
        };
    }

    private static String nameOf(Table table) {
        return table.name() == null || table.name().isBlank() ? "data" : table.name();
    }
}
