package io.perceptron.dsl.plot;

import ai.djl.ndarray.NDArray;
import io.perceptron.dsl.data.Examples;
import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Plots of tables, matrices, images and functions, drawn inline in a notebook. Every factory
 * returns a {@link Figure} with a title, axis titles and (for several series) a legend; shown as a
 * cell's value it draws, and it can be changed further ({@code .title(...)}, {@code .height(...)})
 * or combined ({@link #grid}, {@link Figure#overlay}).
 *
 * <pre>{@code
 * Plot.line(history, "epoch", "loss", "val_loss")
 * Plot.scatter(data, "x1", "x2", "label")
 * Plot.grid(Plot.histogram(data, "x1"), Plot.histogram(data, "x2"))
 * }</pre>
 *
 * <p>Columns are named as in the table (ignoring case, as Tablesaw does); an unknown name fails
 * with the list of the table's columns.
 */
public final class Plot {
    /** Points per curve for {@link #functions}: smooth at notebook width, small in JSON. */
    static final int FUNCTION_SAMPLES = 201;

    private Plot() {
    }

    /**
     * One line per column in {@code ys} against column {@code x}, each named after its column.
     * Missing values leave gaps. The x column may hold numbers, dates or text.
     *
     * <pre>{@code
     * Plot.line(history, "epoch", "loss", "val_loss")     // works
     * Plot.line(history, "epoch", "los")                  // fails: Unknown column 'los' ... The table has: epoch, loss, ...
     * }</pre>
     */
    public static Figure line(Table table, String x, String... ys) {
        String plot = "Plot.line";
        Column<?> xColumn = TableColumns.column(plot, table, x);
        if (ys.length == 0) {
            throw PlotErrors.noColumnsToPlot(plot, "Plot.line(history, \"" + x + "\", \"loss\", \"val_loss\")");
        }
        TableColumns.requireRows(plot, table);
        Object xValues = xValues(plot, table, xColumn);
        List<Trace> traces = new ArrayList<>();
        for (String y : ys) {
            double[] values = TableColumns.numbers(plot, table, y);
            traces.add(Trace.xy("line", TableColumns.column(plot, table, y).name(), xValues, values, values.length));
        }
        String yLabel = ys.length == 1 ? traces.get(0).name() : null;
        return Figure.single(Panel.of(titleOf(table, seriesTitle(traces) + " by " + xColumn.name()), traces,
                xColumn.name(), yLabel));
    }

    /**
     * Points {@code (x, y)}, one per row.
     *
     * <pre>{@code
     * Plot.scatter(data, "x1", "x2")
     * }</pre>
     */
    public static Figure scatter(Table table, String x, String y) {
        String plot = "Plot.scatter";
        double[] xs = TableColumns.numbers(plot, table, x);
        double[] ys = TableColumns.numbers(plot, table, y);
        TableColumns.requireRows(plot, table);
        String xName = TableColumns.column(plot, table, x).name();
        String yName = TableColumns.column(plot, table, y).name();
        Trace points = Trace.scatter(yName, xs, ys).attribute("marker", marker(Colors.of(0)));
        return Figure.single(Panel.of(titleOf(table, yName + " against " + xName), List.of(points), xName, yName));
    }

    /**
     * Points {@code (x, y)} coloured by column {@code colorBy}. A label column (text, booleans,
     * or a few whole numbers) gives one colour and legend entry per class; a column of
     * measurements gives a continuous colour scale.
     *
     * <pre>{@code
     * Plot.scatter(Datasets.moons(200, 0.1, 1), "x1", "x2", "label")
     * }</pre>
     */
    public static Figure scatter(Table table, String x, String y, String colorBy) {
        String plot = "Plot.scatter";
        double[] xs = TableColumns.numbers(plot, table, x);
        double[] ys = TableColumns.numbers(plot, table, y);
        Column<?> colors = TableColumns.column(plot, table, colorBy);
        TableColumns.requireRows(plot, table);
        String xName = TableColumns.column(plot, table, x).name();
        String yName = TableColumns.column(plot, table, y).name();
        String title = titleOf(table, yName + " against " + xName + ", by " + colors.name());
        Optional<Classes> classes = Classes.of(colors);
        if (classes.isEmpty()) {
            Trace trace = continuousColors(xs, ys, TableColumns.numbers(plot, table, colorBy), colors.name());
            return Figure.single(Panel.of(title, List.of(trace), xName, yName));
        }
        return Figure.single(Panel.of(title, classTraces(xs, ys, classes.get()), xName, yName))
                .withLayout("legend", legendTitled(colors.name()));
    }

    /**
     * One bar per row: the category in column {@code category}, its height in each column of
     * {@code values} (several columns give grouped bars).
     *
     * <pre>{@code
     * Plot.bar(weights, "feature", "weight")
     * }</pre>
     */
    public static Figure bar(Table table, String category, String... values) {
        String plot = "Plot.bar";
        Column<?> categories = TableColumns.column(plot, table, category);
        if (values.length == 0) {
            throw PlotErrors.noColumnsToPlot(plot, "Plot.bar(table, \"" + category + "\", \"weight\")");
        }
        TableColumns.requireRows(plot, table);
        List<String> labels = TableColumns.texts(categories);
        List<Trace> traces = new ArrayList<>();
        for (String value : values) {
            traces.add(Trace.bar(TableColumns.column(plot, table, value).name(), labels,
                    TableColumns.numbers(plot, table, value)));
        }
        String yLabel = values.length == 1 ? traces.get(0).name() : null;
        return Figure.single(Panel.of(titleOf(table, seriesTitle(traces) + " by " + categories.name()), traces,
                categories.name(), yLabel));
    }

    /**
     * The distribution of each column in {@code columns}, binned automatically; several columns
     * overlap, half transparent.
     *
     * <pre>{@code
     * Plot.histogram(data, "x1")
     * Plot.histogram(predictions, "p_dog", "p_cone")
     * }</pre>
     */
    public static Figure histogram(Table table, String... columns) {
        String plot = "Plot.histogram";
        if (columns.length == 0) {
            throw PlotErrors.noColumnsToPlot(plot, "Plot.histogram(data, \"x1\")");
        }
        List<Trace> traces = new ArrayList<>();
        for (String column : columns) {
            Trace trace = Trace.histogram(TableColumns.column(plot, table, column).name(),
                    TableColumns.numbers(plot, table, column));
            traces.add(columns.length > 1 ? trace.attribute("opacity", 0.6) : trace);
        }
        TableColumns.requireRows(plot, table);
        String xLabel = columns.length == 1 ? traces.get(0).name() : "value";
        Panel panel = Panel.of(titleOf(table, "Distribution of " + seriesTitle(traces)), traces, xLabel, "count");
        Figure figure = Figure.single(panel);
        return columns.length > 1 ? figure.withLayout("barmode", "overlay") : figure;
    }

    /**
     * The distribution of one column in {@code bins} bins.
     *
     * <pre>{@code
     * Plot.histogram(data, "x1", 30)
     * }</pre>
     */
    public static Figure histogram(Table table, String column, int bins) {
        Figure figure = histogram(table, column);
        Trace binned = figure.traces().get(0).attribute("nbinsx", Math.max(1, bins));
        return Figure.single(Panel.of(figure.title(), List.of(binned), binned.name(), "count"));
    }

    /**
     * A matrix drawn as coloured cells, row 0 at the top, with a colour scale.
     *
     * <pre>{@code
     * Plot.heatmap(arrayOf(doubleArrayOf(1.0, 0.5), doubleArrayOf(0.5, 1.0)))
     * }</pre>
     */
    public static Figure heatmap(double[][] values) {
        return Heatmaps.matrix("Plot.heatmap", values, null, null, "Heat map", null, null);
    }

    /**
     * A matrix drawn as coloured cells with a label under each column and beside each row (labels
     * may repeat, as words in a sentence do).
     *
     * <pre>{@code
     * Plot.heatmap(correlations, listOf("x1", "x2", "y"), listOf("x1", "x2", "y"))
     * }</pre>
     */
    public static Figure heatmap(double[][] values, List<String> columnLabels, List<String> rowLabels) {
        return Heatmaps.matrix("Plot.heatmap", values, columnLabels, rowLabels, "Heat map", null, null);
    }

    /**
     * A table drawn as coloured cells: one row per table row, labelled by column
     * {@code rowLabels}, and one column per other (numeric) column.
     *
     * <pre>{@code
     * Plot.heatmap(scores, "model")     // rows: models; columns: the score columns
     * }</pre>
     */
    public static Figure heatmap(Table table, String rowLabels) {
        return Heatmaps.table(table, rowLabels);
    }

    /**
     * Self-attention weights: row {@code i} says how much token {@code i} attends to each token.
     *
     * <pre>{@code
     * Plot.attention(weights, listOf("the", "cat", "sat", "on", "the", "mat"))
     * }</pre>
     */
    public static Figure attention(double[][] weights, List<String> tokens) {
        return attention(weights, tokens, tokens);
    }

    /**
     * Attention weights between two sequences: row {@code i} says how much query token {@code i}
     * (say, of the translation) attends to each key token (of the source sentence).
     *
     * <pre>{@code
     * Plot.attention(weights, listOf("katter", "är", "söta"), listOf("cats", "are", "cute"))
     * }</pre>
     */
    public static Figure attention(double[][] weights, List<String> queries, List<String> keys) {
        return Heatmaps.attention(weights, queries, keys);
    }

    /**
     * A confusion matrix: row = the true class, column = the predicted class, the count written
     * in each cell, and the accuracy in the title.
     *
     * <pre>{@code
     * Plot.confusionMatrix(arrayOf(intArrayOf(48, 2), intArrayOf(5, 45)), listOf("dog", "cone"))
     * }</pre>
     */
    public static Figure confusionMatrix(int[][] counts, List<String> classNames) {
        return Heatmaps.confusion(counts, classNames);
    }

    /**
     * The confusion matrix of a table with one row per example: the true class in column
     * {@code actual}, the predicted one in column {@code predicted}. Classes are the labels
     * found in either column.
     *
     * <pre>{@code
     * Plot.confusionMatrix(predictions, "label", "predicted")
     * }</pre>
     */
    public static Figure confusionMatrix(Table table, String actual, String predicted) {
        return Heatmaps.confusion(table, actual, predicted);
    }

    /**
     * A confusion matrix from a table of counts, as {@code run.confusionMatrix()} returns it: the
     * first column names the true class of each row, every other column is a predicted class.
     *
     * <pre>{@code
     * Plot.confusionMatrix(run.confusionMatrix())
     * }</pre>
     */
    public static Figure confusionMatrix(Table counts) {
        return Heatmaps.confusion(counts);
    }

    /**
     * A batch of images in a grid: {@code values} holds them one after another, shaped
     * {@code [count, height, width]} (grey), {@code [count, channels, height, width]} with 1 or 3
     * channels, or {@code [height, width]} for one image. Grey images show their values on hover,
     * each scaled to its own range, as filters and feature maps need.
     *
     * <pre>{@code
     * Plot.images(featureMaps, 8, 26, 26)      // 8 feature maps of 26x26
     * }</pre>
     */
    public static Figure images(float[] values, int... shape) {
        return ImageGrids.of(values, toLongs(shape), List.of());
    }

    /** As {@link #images(float[], int...)}, with a shape as DJL gives it ({@code array.shape.shape}). */
    public static Figure images(float[] values, long[] shape) {
        return ImageGrids.of(values, shape, List.of());
    }

    /**
     * As {@link #images(float[], int...)}, with a title above each image.
     *
     * <pre>{@code
     * Plot.images(pixels, listOf("dog", "cone", "dog"), 3, 28, 28)
     * }</pre>
     */
    public static Figure images(float[] values, List<String> titles, int... shape) {
        return ImageGrids.of(values, toLongs(shape), titles);
    }

    /**
     * The images in a DJL array shaped like those of {@link #images(float[], int...)}: a batch of
     * inputs, a layer's filters, or the feature maps of one example.
     *
     * <pre>{@code
     * Plot.images(conv.weights)     // e.g. [8, 1, 3, 3]: eight 3x3 filters
     * }</pre>
     */
    public static Figure images(NDArray array) {
        return ImageGrids.of(array);
    }

    /**
     * The first {@code count} examples of an image data set, each titled with its class.
     *
     * <pre>{@code
     * Plot.images(Datasets.dogsVsConesImages(200, 28, 7), 16)
     * }</pre>
     */
    public static Figure images(Examples examples, int count) {
        return ImageGrids.of(examples, count);
    }

    /**
     * Pictures (such as {@code BufferedImage}s) in a grid, each with its title (or none: pass an
     * empty list).
     *
     * <pre>{@code
     * Plot.images(listOf(ImageIO.read(File("dog.png"))), listOf("a dog"))
     * }</pre>
     */
    public static Figure images(List<? extends RenderedImage> pictures, List<String> titles) {
        return ImageGrids.of(pictures, titles);
    }

    /**
     * One function of x drawn from {@code from} to {@code to}.
     *
     * <pre>{@code
     * Plot.function("sigmoid", { x -> 1 / (1 + exp(-x)) }, -6.0, 6.0)
     * }</pre>
     */
    public static Figure function(String name, DoubleUnaryOperator function, double from, double to) {
        Map<String, DoubleUnaryOperator> one = new LinkedHashMap<>();
        one.put(name, function);
        return functions(one, from, to).title(name);
    }

    /**
     * Several functions of x on one plot, one line each, named by the map's keys (in its order):
     * activation functions side by side, say.
     *
     * <pre>{@code
     * Plot.functions(mapOf(
     *     "relu" to DoubleUnaryOperator { max(0.0, it) },
     *     "tanh" to DoubleUnaryOperator { tanh(it) }), -3.0, 3.0)
     * }</pre>
     */
    public static Figure functions(Map<String, DoubleUnaryOperator> functions, double from, double to) {
        if (functions.isEmpty()) {
            throw PlotErrors.noFunctions();
        }
        if (!(from < to)) {
            throw PlotErrors.emptyRange("Plot.functions", from, to);
        }
        double[] xs = new double[FUNCTION_SAMPLES];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = from + (to - from) * i / (xs.length - 1);
        }
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, DoubleUnaryOperator> entry : functions.entrySet()) {
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                ys[i] = entry.getValue().applyAsDouble(xs[i]);
            }
            traces.add(Trace.line(entry.getKey(), xs, ys));
        }
        return Figure.single(Panel.of(String.join(", ", functions.keySet()), traces, "x", "f(x)"));
    }

    /**
     * A two-feature classifier's decision regions, shaded under the scatter of the data it
     * classifies. {@code predict} receives a batch of points {@code [[x1, x2], ...]} and returns
     * one score per point: the probability of the second class (a two-class model; shaded from
     * one class's colour through white at 0.5 to the other's), or a class index (any number of
     * classes). Classes are numbered in the order of the legend: numbers ascending, text
     * alphabetically.
     *
     * <pre>{@code
     * Plot.decisionBoundary(data, "x1", "x2", "label") { points ->
     *     DoubleArray(points.size) { i -> if (points[i][0] + points[i][1] > 0) 1.0 else 0.0 }
     * }
     * }</pre>
     */
    public static Figure decisionBoundary(Table data, String x1, String x2, String label, Predictor predict) {
        return DecisionBoundaries.of(data, x1, x2, label, predict);
    }

    /**
     * A trained two-feature model's decision regions under the scatter of {@code data}: the
     * model predicts every point of a grid over the two feature columns (see
     * {@link Predictor#of(TablePredictor, String, String)}); a {@code Model} is a {@link TablePredictor}.
     *
     * <pre>{@code
     * model.fit(data).features("x1", "x2").label("label").train()
     * Plot.decisionBoundary(model, data, "x1", "x2", "label")
     * }</pre>
     */
    public static Figure decisionBoundary(TablePredictor model, Table data, String x1, String x2, String label) {
        return decisionBoundary(data, x1, x2, label, Predictor.of(model, x1, x2));
    }

    /**
     * A training history: losses on one plot and every other measure (accuracy, ...) on a second,
     * against the {@code epoch} column (or the first column when there is none).
     *
     * <pre>{@code
     * Plot.history(result.history())
     * }</pre>
     */
    public static Figure history(Table history) {
        String plot = "Plot.history";
        TableColumns.requireRows(plot, history);
        List<String> numeric = TableColumns.numericColumnNames(history);
        String x = numeric.stream().filter(n -> n.equalsIgnoreCase("epoch")).findFirst()
                .orElse(history.columnNames().get(0));
        List<String> losses = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String name : numeric) {
            if (!name.equals(x)) {
                (name.toLowerCase(Locale.ROOT).contains("loss") ? losses : others).add(name);
            }
        }
        if (losses.isEmpty() && others.isEmpty()) {
            throw PlotErrors.noColumnsToPlot(plot, "a history with columns epoch, loss, val_loss");
        }
        List<Figure> figures = new ArrayList<>();
        if (!losses.isEmpty()) {
            figures.add(line(history, x, losses.toArray(String[]::new)).title("loss").yLabel("loss"));
        }
        if (!others.isEmpty()) {
            figures.add(line(history, x, others.toArray(String[]::new)).title(String.join(", ", others)));
        }
        if (figures.size() == 1) {
            return figures.get(0).title("Training history");
        }
        return grid(figures.size(), figures.toArray(Figure[]::new)).title("Training history");
    }

    /**
     * Several figures in one, in a grid: one row for up to three, else about as many rows as
     * columns. A series keeps its colour in every plot and has one legend entry.
     *
     * <pre>{@code
     * Plot.grid(Plot.function("relu", relu, -3.0, 3.0), Plot.function("tanh", tanh, -3.0, 3.0))
     * }</pre>
     */
    public static Figure grid(Figure... figures) {
        int plots = Arrays.stream(figures).mapToInt(Figure::plots).sum();
        int columns = plots <= 3 ? Math.max(plots, 1) : (int) Math.ceil(Math.sqrt(plots));
        return grid(columns, figures);
    }

    /**
     * Several figures in one, {@code columns} to a row.
     *
     * <pre>{@code
     * Plot.grid(2, lossPlot, accuracyPlot, confusion, boundary)
     * }</pre>
     */
    public static Figure grid(int columns, Figure... figures) {
        return Figure.grid(Arrays.asList(figures), columns);
    }

    /**
     * Makes the next figure carry plotly.js again. Figures carry the library once per kernel
     * session; after reloading the notebook page (which forgets it) while the kernel keeps
     * running, call this and re-run a plot cell.
     *
     * <pre>{@code
     * Plot.embedLibraryAgain()
     * }</pre>
     */
    public static void embedLibraryAgain() {
        PlotlyLibrary.forget();
    }

    static Map<String, Object> marker(String color) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("color", color);
        marker.put("size", 7);
        marker.put("opacity", 0.85);
        marker.put("line", Map.of("width", 0.5, "color", "#ffffff"));
        return marker;
    }

    /** A legend headed by the column whose classes it names. */
    static Map<String, Object> legendTitled(String column) {
        return Map.of("title", Map.of("text", column));
    }

    /** One trace per class, in the class's colour, so the legend names the classes. */
    static List<Trace> classTraces(double[] xs, double[] ys, Classes classes) {
        List<Trace> traces = new ArrayList<>();
        for (int c = 0; c < classes.count(); c++) {
            int count = 0;
            for (int row = 0; row < classes.rows(); row++) {
                if (classes.indexOfRow(row) == c) count++;
            }
            double[] cx = new double[count];
            double[] cy = new double[count];
            int at = 0;
            for (int row = 0; row < classes.rows(); row++) {
                if (classes.indexOfRow(row) == c) {
                    cx[at] = xs[row];
                    cy[at++] = ys[row];
                }
            }
            traces.add(Trace.scatter(classes.names().get(c), cx, cy).attribute("marker", marker(Colors.of(c))));
        }
        return traces;
    }

    private static Trace continuousColors(double[] xs, double[] ys, double[] values, String name) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("color", values);
        marker.put("colorscale", "Viridis");
        marker.put("showscale", true);
        marker.put("colorbar", Map.of("title", Map.of("text", name)));
        marker.put("size", 7);
        return Trace.scatter(name, xs, ys).attribute("marker", marker);
    }

    private static Object xValues(String plot, Table table, Column<?> column) {
        return TableColumns.isNumeric(column)
                ? TableColumns.numbers(plot, table, column.name())
                : TableColumns.texts(column);
    }

    private static String seriesTitle(List<Trace> traces) {
        List<String> names = traces.stream().map(Trace::name).toList();
        if (names.size() <= 2) {
            return String.join(" and ", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** A title made of what is plotted, after the table's name when it has one. */
    static String titleOf(Table table, String plotted) {
        return table.name() == null || table.name().isBlank() ? plotted : table.name() + ": " + plotted;
    }

    private static long[] toLongs(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }
}
