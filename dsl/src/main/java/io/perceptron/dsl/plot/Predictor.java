package io.perceptron.dsl.plot;

import java.util.function.DoubleBinaryOperator;

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
}
