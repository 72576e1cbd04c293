package io.perceptron.dsl.plot;

import io.perceptron.dsl.PerceptronException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every message a plot shows when it cannot draw what it was given: what went wrong in the
 * user's terms, what was expected and received, and what to do.
 */
final class PlotErrors {
    private PlotErrors() {
    }

    static PerceptronException notNumeric(String plot, String column, String type, List<String> numericColumns) {
        return new PerceptronException("Column '" + column + "' holds " + type.toLowerCase(Locale.ROOT).replace('_', ' ')
                + " values, but " + plot + " needs numbers there. "
                + (numericColumns.isEmpty()
                        ? "The table has no numeric columns; convert the values to numbers first."
                        : "Numeric columns in this table: " + String.join(", ", numericColumns)
                                + ". Pass one of those, or convert this column to numbers first."));
    }

    static PerceptronException emptyTable(String plot, String tableName) {
        return new PerceptronException(capitalize(describeTable(tableName)) + " has no rows, so " + plot
                + " has nothing to draw. Plot it once it holds data (a training history has rows after the first epoch).");
    }

    static PerceptronException noColumnsToPlot(String plot, String example) {
        return new PerceptronException(plot + " needs at least one column of values to plot. For example: " + example + ".");
    }

    static PerceptronException emptyMatrix(String plot) {
        return new PerceptronException(plot + " was given a matrix with no rows or no columns: there is nothing to draw.");
    }

    static PerceptronException raggedMatrix(String plot, int row, int expected, int received) {
        return new PerceptronException(plot + " needs a rectangular matrix: row 0 has " + expected
                + " values but row " + row + " has " + received + ". Give every row the same length.");
    }

    static PerceptronException labelCount(String plot, String thing, int expected, int received) {
        String things = thing.endsWith("s") ? thing + "es" : thing + "s";
        return new PerceptronException(plot + " got " + received + (received == 1 ? " label" : " labels")
                + ", but the matrix has " + expected + " " + (expected == 1 ? thing : things)
                + ". Pass exactly one label per " + thing + ".");
    }

    static PerceptronException notSquare(String plot, int rows, int columns) {
        return new PerceptronException(plot + " needs a square matrix (one row and one column per class), but got "
                + rows + " rows and " + columns + " columns.");
    }

    static PerceptronException imageValues(int received, long[] shape, long expected) {
        return new PerceptronException("Plot.images was given " + received + " values, but the shape "
                + Arrays.toString(shape) + " needs " + expected + ". Pass the shape of the whole batch: "
                + "[count, height, width] or [count, channels, height, width].");
    }

    static PerceptronException imageShape(long[] shape) {
        return new PerceptronException("Plot.images cannot draw the shape " + Arrays.toString(shape)
                + ". It draws [height, width], [count, height, width] or [count, channels, height, width] with 1 "
                + "(grey) or 3 (red, green, blue) channels. For feature maps or filters with more channels, pass "
                + "them as [count * channels, height, width] so each channel is drawn as its own grey image.");
    }

    static PerceptronException notImages(String name, long[] featureShape) {
        return new PerceptronException("Plot.images needs examples whose features are images, but '" + name
                + "' has features shaped " + Arrays.toString(featureShape) + ". Image features are shaped "
                + "[height, width] or [channels, height, width]; to look at table-like features use Plot.scatter.");
    }

    static PerceptronException titleCount(int images, int titles) {
        return new PerceptronException("Plot.images got " + titles + " titles for " + images
                + " images. Pass one title per image, or none.");
    }

    static PerceptronException noImages() {
        return new PerceptronException("Plot.images was given no images: there is nothing to draw.");
    }

    static PerceptronException emptyRange(String plot, double from, double to) {
        return new PerceptronException(plot + " needs from < to to draw over a range, but got from = "
                + from + " and to = " + to + ". For example: Plot.functions(fns, -5.0, 5.0).");
    }

    static PerceptronException noFunctions() {
        return new PerceptronException("Plot.functions was given no functions. Pass a map from a name to a function, "
                + "e.g. mapOf(\"relu\" to DoubleUnaryOperator { max(0.0, it) }).");
    }

    static PerceptronException scoreCount(int expected, int received) {
        return new PerceptronException("The prediction function given to Plot.decisionBoundary returned "
                + received + " scores for " + expected + " points. Return one score per point: a class index, "
                + "or the probability of the second class.");
    }

    static PerceptronException notALabel(String plot, String column) {
        return new PerceptronException("Column '" + column + "' does not look like class labels: " + plot
                + " colours points by class, and labels are text, booleans or whole numbers with at most "
                + Classes.MAX_CLASSES + " distinct values. Pass the column that holds each example's class.");
    }

    static PerceptronException nothingToGrid() {
        return new PerceptronException("Plot.grid was given no figures. Pass the figures to place side by side, "
                + "e.g. Plot.grid(lossPlot, accuracyPlot).");
    }

    static PerceptronException badColumnCount(int columns) {
        return new PerceptronException("Plot.grid needs at least one column, but got " + columns + ".");
    }

    static PerceptronException tablesawFigureUnreadable(Exception cause) {
        return new PerceptronException("Could not read a tablesaw-jsplot figure as Plotly JSON (" + cause.getMessage()
                + "). Build the plot with Plot.* instead, or report this with the code that made the figure.", cause);
    }

    static PerceptronException badHeight(int pixels) {
        return new PerceptronException("A figure's height must be at least 50 pixels, but got " + pixels + ".");
    }

    static PerceptronException plotlyMissing(String webjar) {
        return new PerceptronException("plotly.js is missing from the class path, so figures cannot be drawn as HTML. "
                + "Add the org.webjars.npm:" + webjar + " jar (the DSL depends on it; a hand-made class path may have "
                + "left it out).");
    }

    private static String describeTable(String tableName) {
        return tableName == null || tableName.isBlank() ? "the table" : "table '" + tableName + "'";
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
