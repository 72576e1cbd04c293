package io.perceptron.dsl.plot;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A classifier of two-feature points, as {@link Plot#decisionBoundary} needs it: given a batch of
 * points {@code [[x1, x2], ...]}, one score per point, either the probability of the second
 * class or a class index. A batch rather than one point at a time, so that a model predicts the
 * whole grid in one call.
 *
 * <pre>{@code
 * val byHand = Predictor { points -> DoubleArray(points.size) { i -> if (points[i][1] > 0.5) 1.0 else 0.0 } }
 * val onePointAtATime = Predictor.pointwise { x1, x2 -> 1 / (1 + exp(-(x1 + x2))) }
 * }</pre>
 */
@FunctionalInterface
public interface Predictor {

    /** One score per point of {@code points}, each point being {@code {x1, x2}}. */
    double[] predict(double[][] points);

    /**
     * A predictor made of a function of one point: {@code (x1, x2) -> score}.
     *
     * <pre>{@code
     * Plot.decisionBoundary(data, "x1", "x2", "label", Predictor.pointwise { x1, x2 -> if (x1 > x2) 1.0 else 0.0 })
     * }</pre>
     */
    static Predictor pointwise(DoubleBinaryOperator score) {
        return points -> {
            double[] scores = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                scores[i] = score.applyAsDouble(points[i][0], points[i][1]);
            }
            return scores;
        };
    }

    /**
     * A trained model (any {@link TablePredictor}) as a predictor: the points become a table with
     * the two feature columns the model was trained on, and {@code model.predict} scores them all
     * at once. A two-class model
     * gives the probability of its second class; a model with more classes gives the index of
     * the most probable one.
     *
     * <pre>{@code
     * Plot.decisionBoundary(data, "x1", "x2", "label", Predictor.of(model, "x1", "x2"))
     * }</pre>
     */
    static Predictor of(TablePredictor model, String x1, String x2) {
        return points -> {
            double[] first = new double[points.length];
            double[] second = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                first[i] = points[i][0];
                second[i] = points[i][1];
            }
            Table predicted = model.predict(Table.create("grid", DoubleColumn.create(x1, first), DoubleColumn.create(x2, second)));
            List<String> probabilities = predicted.columnNames().stream().filter(name -> name.startsWith("p_")).toList();
            if (probabilities.size() == 2) {
                return predicted.numberColumn(probabilities.get(1)).asDoubleArray();
            }
            double[] classes = new double[points.length];
            for (int row = 0; row < points.length; row++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < probabilities.size(); c++) {
                    double p = predicted.numberColumn(probabilities.get(c)).getDouble(row);
                    if (p > best) {
                        best = p;
                        classes[row] = c;
                    }
                }
            }
            return classes;
        };
    }
}
