package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.loss.Loss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals of the loss and the metrics over the batches of one pass through the data (a
 * training epoch, a validation pass, an evaluation). Only counts cross over to the Java side; the
 * NDArrays each batch makes belong to that batch.
 *
 * <p>Metrics by task: accuracy for classes (the top-scoring class is the label; for sequences,
 * per position); for yes/no labels, accuracy over every label of every example (a logit above 0
 * says yes) and per label; none for regression, where the loss is the measure.
 */
final class Scores {
    private final Loss.Task task;
    private final List<String> labelNames;
    private double lossSum;
    private long examples;
    private long correct;
    private long judged;
    private final long[] correctPerLabel;

    Scores(Loss.Task task, List<String> labelNames) {
        this.task = task;
        this.labelNames = labelNames;
        this.correctPerLabel = new long[task == Loss.Task.MULTI_LABEL ? labelNames.size() : 0];
    }

    /** The metric names this task records, after {@code loss}. */
    static List<String> metricNames(Loss.Task task) {
        return task == Loss.Task.REGRESSION ? List.of("loss") : List.of("loss", "accuracy");
    }

    /**
     * Adds one batch: its mean loss, and the metrics computed from its outputs and labels. On the
     * CPU the outputs are read once and compared in Java, which costs a fraction of the three
     * small engine operations (arg-max, compare, count) it replaces; on a GPU those operations
     * run there and only the count comes back.
     */
    void add(float batchLoss, NDArray outputs, NDArray labels, int batchExamples) {
        lossSum += (double) batchLoss * batchExamples;
        examples += batchExamples;
        if (task == Loss.Task.REGRESSION) {
            return;
        }
        boolean onCpu = !outputs.getDevice().isGpu();
        if (task == Loss.Task.CLASSIFICATION) {
            if (onCpu) {
                countClassHits(outputs.toFloatArray(), labels.toLongArray());
            } else {
                try (NDArray predicted = outputs.argMax(-1); NDArray hits = predicted.eq(labels);
                     NDArray count = hits.countNonzero()) {
                    correct += count.getLong();
                }
            }
            judged += labels.size();
        } else {
            long[] perLabel;
            if (onCpu) {
                perLabel = labelHits(outputs.toFloatArray(), labels.toFloatArray());
            } else {
                try (NDArray yes = outputs.gt(0f); NDArray truth = labels.gt(0.5f);
                     NDArray hits = yes.eq(truth.reshape(yes.getShape())); NDArray counts = hits.countNonzero(0)) {
                    perLabel = counts.toLongArray();
                }
            }
            for (int i = 0; i < perLabel.length && i < correctPerLabel.length; i++) {
                correctPerLabel[i] += perLabel[i];
                correct += perLabel[i];
            }
            judged += labels.size();
        }
    }

    /** Counts rows (or sequence positions) whose highest score is at the label's index. */
    private void countClassHits(float[] scores, long[] labels) {
        int classes = scores.length / labels.length;
        for (int i = 0; i < labels.length; i++) {
            int offset = i * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (scores[offset + c] > scores[offset + best]) {
                    best = c;
                }
            }
            if (best == labels[i]) {
                correct++;
            }
        }
    }

    /** Per label, how many examples got it right: a logit above 0 says yes, a label above 0.5 is yes. */
    private long[] labelHits(float[] logits, float[] labels) {
        long[] hits = new long[correctPerLabel.length];
        for (int i = 0; i < logits.length; i++) {
            if ((logits[i] > 0) == (labels[i] > 0.5f)) {
                hits[i % hits.length]++;
            }
        }
        return hits;
    }

    /** How many examples have been added. */
    int examples() {
        return (int) examples;
    }

    double loss() {
        return examples == 0 ? Double.NaN : lossSum / examples;
    }

    double accuracy() {
        return judged == 0 ? Double.NaN : (double) correct / judged;
    }

    /** The accuracy of each yes/no label, in label order (multi-label only). */
    Map<String, Double> perLabelAccuracy() {
        Map<String, Double> accuracies = new LinkedHashMap<>();
        for (int i = 0; i < correctPerLabel.length; i++) {
            accuracies.put(labelNames.get(i), examples == 0 ? Double.NaN : (double) correctPerLabel[i] / examples);
        }
        return accuracies;
    }

    /** {@code loss} and, for class labels, {@code accuracy}, each name prefixed (e.g. "val_"). */
    Map<String, Double> asMap(String prefix) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(prefix + "loss", loss());
        if (task != Loss.Task.REGRESSION) {
            metrics.put(prefix + "accuracy", accuracy());
        }
        return metrics;
    }
}
