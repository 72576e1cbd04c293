package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Matrices drawn as coloured cells: plain heat maps, confusion matrices, attention weights. */
final class Heatmaps {
    /** Small matrices get their values written in the cells; larger ones only on hover. */
    private static final int WRITE_VALUES_UP_TO = 12;
    /** ColorBrewer's lightest and darkest blue: a confusion matrix's empty and full cells. */
    private static final List<List<Object>> BLUES = List.of(List.of(0.0, "#f7fbff"), List.of(1.0, "#08306b"));

    private Heatmaps() {
    }

    /**
     * A matrix as coloured cells, row 0 at the top. Cells sit at whole-number positions labelled
     * by tick text, so labels may repeat (a word twice in a sentence) without merging cells.
     */
    static Figure matrix(String plot, double[][] values, List<String> columnLabels, List<String> rowLabels,
                         String title, String xLabel, String yLabel) {
        return Figure.single(matrixPanel(plot, values, columnLabels, rowLabels, title, xLabel, yLabel));
    }

    private static Panel matrixPanel(String plot, double[][] values, List<String> columnLabels, List<String> rowLabels,
                                     String title, String xLabel, String yLabel) {
        int rows = values.length;
        if (rows == 0 || values[0].length == 0) {
            throw PlotErrors.emptyMatrix(plot);
        }
        int columns = values[0].length;
        for (int r = 1; r < rows; r++) {
            if (values[r].length != columns) {
                throw PlotErrors.raggedMatrix(plot, r, columns, values[r].length);
            }
        }
        List<String> xs = labels(plot, "column", columnLabels, columns);
        List<String> ys = labels(plot, "row", rowLabels, rows);
        List<List<String>> hover = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                line.add((yLabel == null ? "" : yLabel + " ") + ys.get(r) + ", "
                        + (xLabel == null ? "" : xLabel + " ") + xs.get(c));
            }
            hover.add(line);
        }
        Trace trace = Trace.heatmap("", values)
                .attribute("x", positions(columns))
                .attribute("y", positions(rows))
                .attribute("text", hover)
                .attribute("hovertemplate", "%{text}: %{z}<extra></extra>")
                .attribute("colorscale", "Viridis");
        if (rows <= WRITE_VALUES_UP_TO && columns <= WRITE_VALUES_UP_TO) {
            trace = trace.attribute("texttemplate", "%{z:.2f}");
        }
        Map<String, Object> xAxis = ticks(xs);
        Map<String, Object> yAxis = ticks(ys);
        yAxis.put("autorange", "reversed");
        return Panel.of(title, List.of(trace), xLabel, yLabel).axes(xAxis, yAxis, false);
    }

    static Figure attention(double[][] weights, List<String> queries, List<String> keys) {
        Panel panel = matrixPanel("Plot.attention", weights, keys, queries, "Attention weights", "key", "query");
        return Figure.single(panel.mapTraces(trace -> trace.attribute("zmin", 0.0)).square());
    }

    static Figure confusion(int[][] counts, List<String> classNames) {
        String plot = "Plot.confusionMatrix";
        int classes = counts.length;
        if (classes == 0) {
            throw PlotErrors.emptyMatrix(plot);
        }
        for (int[] row : counts) {
            if (row.length != classes) {
                throw PlotErrors.notSquare(plot, classes, row.length);
            }
        }
        if (classNames.size() != classes) {
            throw PlotErrors.labelCount(plot, "class", classes, classNames.size());
        }
        double[][] z = new double[classes][classes];
        long total = 0;
        long right = 0;
        for (int r = 0; r < classes; r++) {
            for (int c = 0; c < classes; c++) {
                z[r][c] = counts[r][c];
                total += counts[r][c];
                if (r == c) right += counts[r][c];
            }
        }
        String title = total == 0 ? "Confusion matrix (no examples)"
                : String.format(Locale.ROOT, "Confusion matrix: accuracy %.1f%% (%d of %d)",
                        100.0 * right / total, right, total);
        Panel panel = matrixPanel(plot, z, classNames, classNames, title, "predicted", "actual");
        return Figure.single(panel.mapTraces(trace -> trace
                .attribute("colorscale", BLUES)
                .attribute("texttemplate", "%{z}")
                .attribute("hovertemplate", "%{text}: %{z} examples<extra></extra>")).square());
    }

    static Figure confusion(Table table, String actual, String predicted) {
        String plot = "Plot.confusionMatrix";
        Column<?> actualColumn = TableColumns.column(plot, table, actual);
        Column<?> predictedColumn = TableColumns.column(plot, table, predicted);
        TableColumns.requireRows(plot, table);
        List<String> actualTexts = TableColumns.texts(actualColumn);
        List<String> predictedTexts = TableColumns.texts(predictedColumn);
        boolean numeric = TableColumns.isNumeric(actualColumn) && TableColumns.isNumeric(predictedColumn);
        Comparator<String> order = numeric
                ? Comparator.comparingDouble(Heatmaps::numericSortKey)
                : Comparator.naturalOrder();
        TreeSet<String> names = new TreeSet<>(order);
        names.addAll(actualTexts);
        names.addAll(predictedTexts);
        List<String> classNames = new ArrayList<>(names);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            index.put(classNames.get(i), i);
        }
        int[][] counts = new int[classNames.size()][classNames.size()];
        for (int row = 0; row < actualTexts.size(); row++) {
            counts[index.get(actualTexts.get(row))][index.get(predictedTexts.get(row))]++;
        }
        return confusion(counts, classNames);
    }

    static Figure confusion(Table counts) {
        String plot = "Plot.confusionMatrix";
        TableColumns.requireRows(plot, counts);
        List<String> classNames = TableColumns.texts(counts.column(0));
        int classes = counts.columnCount() - 1;
        if (classes != counts.rowCount()) {
            throw PlotErrors.notSquare(plot, counts.rowCount(), classes);
        }
        int[][] matrix = new int[classes][classes];
        for (int c = 0; c < classes; c++) {
            double[] column = TableColumns.numbers(plot, counts, counts.column(c + 1).name());
            for (int r = 0; r < classes; r++) {
                matrix[r][c] = (int) Math.round(column[r]);
            }
        }
        return confusion(matrix, classNames);
    }

    static Figure table(Table table, String rowLabels) {
        String plot = "Plot.heatmap";
        Column<?> labelColumn = TableColumns.column(plot, table, rowLabels);
        TableColumns.requireRows(plot, table);
        List<String> columnNames = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (String name : table.columnNames()) {
            if (!name.equals(labelColumn.name())) {
                columnNames.add(name);
                columns.add(TableColumns.numbers(plot, table, name));
            }
        }
        if (columns.isEmpty()) {
            throw PlotErrors.noColumnsToPlot(plot, "a table with a label column and one or more numeric columns");
        }
        double[][] z = new double[table.rowCount()][columns.size()];
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < columns.size(); c++) {
                z[r][c] = columns.get(c)[r];
            }
        }
        return matrix(plot, z, columnNames, TableColumns.texts(labelColumn),
                Plot.titleOf(table, "Heat map by " + labelColumn.name()), null, labelColumn.name());
    }

    private static List<String> labels(String plot, String axis, List<String> labels, int count) {
        if (labels == null) {
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < count; i++) numbers.add(String.valueOf(i));
            return numbers;
        }
        if (labels.size() != count) {
            throw PlotErrors.labelCount(plot, axis, count, labels.size());
        }
        return List.copyOf(labels);
    }

    private static int[] positions(int count) {
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) positions[i] = i;
        return positions;
    }

    private static Map<String, Object> ticks(List<String> labels) {
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("tickmode", "array");
        axis.put("tickvals", positions(labels.size()));
        axis.put("ticktext", labels);
        axis.put("showgrid", false);
        axis.put("zeroline", false);
        return axis;
    }

    private static double numericSortKey(String text) {
        return "missing".equals(text) ? Double.MAX_VALUE : Double.parseDouble(text);
    }
}
