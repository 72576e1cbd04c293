package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A two-feature classifier's decision regions under the data: the classifier scores a grid of
 * points covering the data, the scores are drawn as a filled contour in the classes' light
 * colours, and the data as a scatter in their full colours.
 */
final class DecisionBoundaries {
    /** Grid points per axis: 80 x 80 = 6,400 predictions draw a smooth boundary and stay small in JSON. */
    static final int STEPS = 80;
    /** The grid reaches this fraction of the data's range beyond it on every side. */
    private static final double MARGIN = 0.05;

    private DecisionBoundaries() {
    }

    static Figure of(Table data, String x1, String x2, String label, Predictor predictor) {
        String plot = "Plot.decisionBoundary";
        double[] xs = TableColumns.numbers(plot, data, x1);
        double[] ys = TableColumns.numbers(plot, data, x2);
        Column<?> labels = TableColumns.column(plot, data, label);
        TableColumns.requireRows(plot, data);
        Optional<Classes> found = Classes.of(labels);
        if (found.isEmpty()) {
            throw PlotErrors.notALabel(plot, labels.name());
        }
        Classes classes = found.get();
        double[] gridX = axis(xs);
        double[] gridY = axis(ys);
        double[][] points = new double[STEPS * STEPS][];
        for (int j = 0; j < STEPS; j++) {
            for (int i = 0; i < STEPS; i++) {
                points[j * STEPS + i] = new double[] {gridX[i], gridY[j]};
            }
        }
        double[] scores = predictor.predict(points);
        if (scores == null || scores.length != points.length) {
            throw PlotErrors.scoreCount(points.length, scores == null ? 0 : scores.length);
        }
        double[][] z = new double[STEPS][STEPS];
        boolean probabilities = true;
        for (int j = 0; j < STEPS; j++) {
            for (int i = 0; i < STEPS; i++) {
                double score = scores[j * STEPS + i];
                z[j][i] = score;
                probabilities &= score >= 0 && score <= 1;
            }
        }
        // Scores of 0 and 1 only read as either kind; two classes shade the same both ways.
        boolean twoClasses = classes.count() <= 2;
        Trace regions = probabilities && twoClasses ? probabilityRegions(gridX, gridY, z) :
                classRegions(gridX, gridY, z, Math.max(classes.count(), maxClass(scores) + 1));
        String xName = TableColumns.column(plot, data, x1).name();
        String yName = TableColumns.column(plot, data, x2).name();
        List<Trace> traces = new ArrayList<>();
        traces.add(regions);
        traces.addAll(Plot.classTraces(xs, ys, classes));
        String title = Plot.titleOf(data, "Decision boundary" + (probabilities && twoClasses
                ? " (shade: probability of " + labels.name() + " " + classes.names().get(classes.count() - 1) + ")"
                : ""));
        return Figure.single(Panel.of(title, traces, xName, yName)).withLayout("legend", Plot.legendTitled(labels.name()));
    }

    private static Trace probabilityRegions(double[] gridX, double[] gridY, double[][] z) {
        Map<String, Object> contours = new LinkedHashMap<>();
        contours.put("coloring", "heatmap");
        contours.put("start", 0.1);
        contours.put("end", 0.9);
        contours.put("size", 0.1);
        return contour(gridX, gridY, z, contours)
                .attribute("colorscale", Colors.twoClassShades())
                .attribute("zmin", 0.0)
                .attribute("zmax", 1.0)
                .attribute("hovertemplate", "probability %{z:.2f}<extra></extra>");
    }

    private static Trace classRegions(double[] gridX, double[] gridY, double[][] z, int classes) {
        Map<String, Object> contours = new LinkedHashMap<>();
        contours.put("coloring", "heatmap");
        // Lines half-way between class indices: exactly where the predicted class changes.
        contours.put("start", 0.5);
        contours.put("end", Math.max(0.5, classes - 1.5));
        contours.put("size", 1.0);
        return contour(gridX, gridY, z, contours)
                .attribute("colorscale", Colors.classBands(classes))
                .attribute("zmin", -0.5)
                .attribute("zmax", classes - 0.5)
                .attribute("hovertemplate", "class %{z}<extra></extra>");
    }

    private static Trace contour(double[] gridX, double[] gridY, double[][] z, Map<String, Object> contours) {
        Map<String, Object> a = Trace.start("contour", "");
        a.put("x", gridX);
        a.put("y", gridY);
        a.put("z", z);
        a.put("contours", contours);
        a.put("line", Map.of("width", 0.5, "color", "rgba(0,0,0,0.35)"));
        a.put("showscale", false);
        a.put("showlegend", false);
        return new Trace(a, STEPS * STEPS);
    }

    private static double[] axis(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (!Double.isFinite(min)) {
            min = 0;
            max = 1;
        }
        double pad = max > min ? (max - min) * MARGIN : 1;
        double from = min - pad;
        double to = max + pad;
        double[] grid = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
            grid[i] = from + (to - from) * i / (STEPS - 1);
        }
        return grid;
    }

    private static int maxClass(double[] scores) {
        double max = 0;
        for (double s : scores) {
            if (Double.isFinite(s)) max = Math.max(max, s);
        }
        return (int) Math.round(max);
    }
}
