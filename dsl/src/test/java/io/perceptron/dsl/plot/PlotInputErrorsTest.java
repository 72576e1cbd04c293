package io.perceptron.dsl.plot;

import static io.perceptron.dsl.plot.PlotTest.history;
import static io.perceptron.dsl.plot.PlotTest.points;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Input a plot cannot draw fails with advice in the user's terms. */
class PlotInputErrorsTest {

    @Test
    void anUnknownColumnIsNamedWithTheColumnsTheTableHas() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.line(history(), "epoch", "los"));

        assertEquals("Unknown column 'los' in table 'history'. The table has: epoch, loss, val_loss, accuracy. "
                + "Pass one of those names to Plot.line(...).", error.getMessage());
    }

    @Test
    void anUnknownColumnInAnyPlotListsTheColumns() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.scatter(points(), "x1", "x2", "colour"));

        assertTrue(error.getMessage().contains("Unknown column 'colour'"), error.getMessage());
        assertTrue(error.getMessage().contains("x1, x2, label, animal"), error.getMessage());
        assertTrue(error.getMessage().contains("Plot.scatter(...)"), error.getMessage());
    }

    @Test
    void columnNamesMatchIgnoringCaseAsTablesawDoes() {
        Figure figure = Plot.line(history(), "Epoch", "LOSS");

        assertEquals("loss", figure.traces().get(0).name());
    }

    @Test
    void aTextColumnWhereNumbersAreNeededIsNamedWithTheNumericColumns() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.scatter(points(), "x1", "animal"));

        assertEquals("Column 'animal' holds string values, but Plot.scatter needs numbers there. "
                + "Numeric columns in this table: x1, x2, label. Pass one of those, or convert this column "
                + "to numbers first.", error.getMessage());
    }

    @Test
    void anEmptyTableSaysThereIsNothingToDraw() {
        Table empty = Table.create("history", DoubleColumn.create("epoch"), DoubleColumn.create("loss"));

        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.line(empty, "epoch", "loss"));

        assertTrue(error.getMessage().startsWith("Table 'history' has no rows, so Plot.line has nothing to draw."),
                error.getMessage());
    }

    @Test
    void aLineWithoutValueColumnsShowsHowToNameThem() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> Plot.line(history(), "epoch"));

        assertEquals("Plot.line needs at least one column of values to plot. For example: "
                + "Plot.line(history, \"epoch\", \"loss\", \"val_loss\").", error.getMessage());
    }

    @Test
    void imageValuesThatDoNotFitTheShapeSayHowManyTheShapeNeeds() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.images(new float[700], 10, 28, 28));

        assertTrue(error.getMessage().startsWith("Plot.images was given 700 values, but the shape [10, 28, 28] "
                + "needs 7840."), error.getMessage());
    }

    @Test
    void imagesWithManyChannelsAreToldHowToDrawEachChannel() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.images(new float[2 * 8 * 9], 2, 8, 3, 3));

        assertTrue(error.getMessage().contains("[count * channels, height, width]"), error.getMessage());
    }

    @Test
    void aRaggedMatrixNamesTheRowThatDiffers() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.heatmap(new double[][] {{1, 2}, {3}}));

        assertEquals("Plot.heatmap needs a rectangular matrix: row 0 has 2 values but row 1 has 1. "
                + "Give every row the same length.", error.getMessage());
    }

    @Test
    void aConfusionMatrixNeedsOneNamePerClass() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.confusionMatrix(new int[][] {{1, 0}, {0, 1}}, List.of("dog")));

        assertEquals("Plot.confusionMatrix got 1 label, but the matrix has 2 classes. Pass exactly one label per class.",
                error.getMessage());
    }

    @Test
    void aPredictorReturningTheWrongNumberOfScoresIsToldHowManyWereNeeded() {
        int grid = DecisionBoundaries.STEPS * DecisionBoundaries.STEPS;

        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.decisionBoundary(points(), "x1", "x2", "label", p -> new double[3]));

        assertTrue(error.getMessage().startsWith("The prediction function given to Plot.decisionBoundary returned 3 "
                + "scores for " + grid + " points."), error.getMessage());
    }

    @Test
    void aFunctionRangeMustGoUp() {
        PerceptronException error = assertThrows(PerceptronException.class,
                () -> Plot.functions(Map.of("relu", x -> Math.max(0, x)), 3, -3));

        assertTrue(error.getMessage().contains("from < to"), error.getMessage());
    }

    @Test
    void anEmptyGridAsksForFigures() {
        PerceptronException error = assertThrows(PerceptronException.class, () -> Plot.grid());

        assertTrue(error.getMessage().startsWith("Plot.grid was given no figures."), error.getMessage());
    }
}
