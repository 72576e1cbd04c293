package io.perceptron.dsl.training;

import io.perceptron.dsl.loss.Loss;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How well a model does on held-out data: the loss and, for class labels, accuracy, the
 * confusion matrix, and for yes/no labels the accuracy of each label.
 *
 * <pre>{@code
 * val (train, test) = Datasets.split(data, 0.8, 1)
 * model.fit(train).label("label").train()
 * val score = model.evaluate(test)
 * score.accuracy()           // 0.96
 * score.confusionMatrix()    // actual | 0 | 1 ...
 * score                      // Evaluation on 200 examples: loss 0.1032, accuracy 0.9600
 * }</pre>
 */
public final class Evaluation {
    private final int examples;
    private final String loss;
    private final Loss.Task task;
    private final Map<String, Double> metrics;
    private final Map<String, Double> perLabel;
    private final Supplier<Table> confusionMatrix;

    Evaluation(int examples, String loss, Loss.Task task, Map<String, Double> metrics, Map<String, Double> perLabel,
               Supplier<Table> confusionMatrix) {
        this.examples = examples;
        this.loss = loss;
        this.task = task;
        this.metrics = new LinkedHashMap<>(metrics);
        this.perLabel = new LinkedHashMap<>(perLabel);
        this.confusionMatrix = confusionMatrix;
    }

    /** The mean loss over the examples. */
    public double loss() {
        return metrics.get("loss");
    }

    /**
     * The share of right answers: of classes (classification) or of yes/no labels (multi-label).
     *
     * <pre>{@code
     * model.evaluate(test).accuracy()       // 0.96
     * regressor.evaluate(test).accuracy()   // PerceptronException: accuracy is measured for class labels
     * }</pre>
     */
    public double accuracy() {
        if (task == Loss.Task.REGRESSION) {
            throw TrainingErrors.noAccuracy(loss);
        }
        return metrics.get("accuracy");
    }

    /** {@code loss} and, where it applies, {@code accuracy}, by name. */
    public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
    }

    /** How many examples were scored. */
    public int examples() {
        return examples;
    }

    /**
     * For yes/no labels: a table of each label with its accuracy ({@code label}, {@code accuracy});
     * for other models a table with no rows.
     */
    public Table perLabelAccuracy() {
        Table table = Table.create("per-label accuracy", StringColumn.create("label"), DoubleColumn.create("accuracy"));
        perLabel.forEach((label, accuracy) -> {
            table.stringColumn("label").append(label);
            table.doubleColumn("accuracy").append(accuracy);
        });
        return table;
    }

    /** True class (rows) against predicted class (columns), as counts. Only for class labels. */
    public Table confusionMatrix() {
        return confusionMatrix.get();
    }

    /** One row: {@code examples}, {@code loss}, {@code accuracy} and per-label accuracies. */
    public Table table() {
        Table table = Table.create("evaluation", DoubleColumn.create("examples", new double[] {examples}));
        metrics.forEach((name, value) -> table.addColumns(DoubleColumn.create(name, new double[] {value})));
        perLabel.forEach((name, value) -> table.addColumns(DoubleColumn.create("accuracy_" + name, new double[] {value})));
        return table;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Evaluation on ").append(examples).append(" examples");
        String separator = ": ";
        for (Map.Entry<String, Double> metric : metrics.entrySet()) {
            text.append(separator).append(metric.getKey()).append(' ').append(Formats.metric(metric.getValue()));
            separator = ", ";
        }
        perLabel.forEach((name, value) -> text.append(", accuracy of ").append(name).append(' ')
                .append(Formats.metric(value)));
        return text.toString();
    }
}
