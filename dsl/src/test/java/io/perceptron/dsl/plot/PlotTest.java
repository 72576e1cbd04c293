package io.perceptron.dsl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** What each of Plot's factories draws, read back from the Plotly JSON a front end receives. */
class PlotTest {

    static JsonObject plotly(Figure figure) {
        return JsonParser.parseString(figure.json()).getAsJsonObject();
    }

    static JsonArray data(Figure figure) {
        return plotly(figure).getAsJsonArray("data");
    }

    static JsonObject layout(Figure figure) {
        return plotly(figure).getAsJsonObject("layout");
    }

    static String titleText(JsonObject owner) {
        return owner.getAsJsonObject("title").get("text").getAsString();
    }

    static Table history() {
        return Table.create("history",
                IntColumn.create("epoch", 1, 2, 3, 4),
                DoubleColumn.create("loss", 0.9, 0.6, 0.4, 0.3),
                DoubleColumn.create("val_loss", 1.0, 0.7, Double.NaN, 0.5),
                DoubleColumn.create("accuracy", 0.5, 0.7, 0.8, 0.9));
    }

    static Table points() {
        return Table.create(
                DoubleColumn.create("x1", 0.1, 0.2, 0.9, 1.0, 0.5, 0.4),
                DoubleColumn.create("x2", 1.0, 0.8, 0.1, 0.2, 0.6, 0.3),
                IntColumn.create("label", 0, 0, 1, 1, 0, 1),
                StringColumn.create("animal", "dog", "dog", "cone", "cone", "dog", "cone"));
    }

    @Test
    void lineDrawsOneNamedLinePerColumnWithAxisTitlesAndATitle() {
        Figure figure = Plot.line(history(), "epoch", "loss", "val_loss");

        JsonArray data = data(figure);
        assertEquals(2, data.size());
        JsonObject loss = data.get(0).getAsJsonObject();
        assertEquals("scatter", loss.get("type").getAsString());
        assertTrue(loss.get("mode").getAsString().startsWith("lines"));
        assertEquals("loss", loss.get("name").getAsString());
        assertEquals(4, loss.getAsJsonArray("x").size());
        assertEquals(0.3, loss.getAsJsonArray("y").get(3).getAsDouble(), 1e-12);
        assertEquals("val_loss", data.get(1).getAsJsonObject().get("name").getAsString());
        JsonObject layout = layout(figure);
        assertEquals("epoch", titleText(layout.getAsJsonObject("xaxis")));
        assertEquals("history: loss and val_loss by epoch", titleText(layout));
    }

    @Test
    void lineLeavesAGapWhereAValueIsMissing() {
        JsonArray valLoss = data(Plot.line(history(), "epoch", "val_loss")).get(0).getAsJsonObject().getAsJsonArray("y");

        assertTrue(valLoss.get(2).isJsonNull(), "a missing value is null, which Plotly draws as a gap");
        assertEquals(0.5, valLoss.get(3).getAsDouble(), 1e-12);
    }

    @Test
    void lineWithOneColumnTitlesTheYAxisAfterIt() {
        JsonObject layout = layout(Plot.line(history(), "epoch", "loss"));

        assertEquals("loss", titleText(layout.getAsJsonObject("yaxis")));
    }

    @Test
    void scatterByALabelColumnDrawsOneColouredTracePerClassForTheLegend() {
        JsonArray data = data(Plot.scatter(points(), "x1", "x2", "label"));

        assertEquals(2, data.size());
        JsonObject zero = data.get(0).getAsJsonObject();
        JsonObject one = data.get(1).getAsJsonObject();
        assertEquals("0", zero.get("name").getAsString());
        assertEquals("1", one.get("name").getAsString());
        assertEquals("markers", zero.get("mode").getAsString());
        assertEquals(3, zero.getAsJsonArray("x").size());
        assertEquals(3, one.getAsJsonArray("x").size());
        assertEquals("label", titleText(layout(Plot.scatter(points(), "x1", "x2", "label")).getAsJsonObject("legend")));
        String zeroColor = zero.getAsJsonObject("marker").get("color").getAsString();
        String oneColor = one.getAsJsonObject("marker").get("color").getAsString();
        assertFalse(zeroColor.equals(oneColor), "each class has its own colour");
    }

    @Test
    void scatterByATextColumnNamesTheClassesAfterTheText() {
        JsonArray data = data(Plot.scatter(points(), "x1", "x2", "animal"));

        assertEquals("cone", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("dog", data.get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void scatterByAMeasurementUsesAColourScaleWithATitledColourBar() {
        Table table = points().addColumns(DoubleColumn.create("height", 1.5, 2.25, 3.75, 0.5, 1.125, 2.875));

        JsonArray data = data(Plot.scatter(table, "x1", "x2", "height"));

        assertEquals(1, data.size());
        JsonObject marker = data.get(0).getAsJsonObject().getAsJsonObject("marker");
        assertEquals(6, marker.getAsJsonArray("color").size());
        assertTrue(marker.get("showscale").getAsBoolean());
        assertEquals("height", titleText(marker.getAsJsonObject("colorbar")));
    }

    @Test
    void barDrawsOneBarPerRowNamedByTheCategory() {
        Table weights = Table.create(StringColumn.create("feature", "is orange", "has fur", "cone-shaped"),
                DoubleColumn.create("weight", 0.4, -2.5, 1.2));

        Figure figure = Plot.bar(weights, "feature", "weight");

        JsonObject bar = data(figure).get(0).getAsJsonObject();
        assertEquals("bar", bar.get("type").getAsString());
        assertEquals("has fur", bar.getAsJsonArray("x").get(1).getAsString());
        assertEquals(-2.5, bar.getAsJsonArray("y").get(1).getAsDouble(), 1e-12);
        assertEquals("feature", titleText(layout(figure).getAsJsonObject("xaxis")));
        assertEquals("weight", titleText(layout(figure).getAsJsonObject("yaxis")));
    }

    @Test
    void histogramBinsAColumnAndCountsOnTheYAxis() {
        Figure figure = Plot.histogram(points(), "x1");

        JsonObject histogram = data(figure).get(0).getAsJsonObject();
        assertEquals("histogram", histogram.get("type").getAsString());
        assertEquals(6, histogram.getAsJsonArray("x").size());
        assertEquals("count", titleText(layout(figure).getAsJsonObject("yaxis")));
        assertEquals("Distribution of x1", titleText(layout(figure)));
    }

    @Test
    void histogramsOfSeveralColumnsOverlapHalfTransparent() {
        Figure figure = Plot.histogram(points(), "x1", "x2");

        assertEquals(2, data(figure).size());
        assertEquals("overlay", layout(figure).get("barmode").getAsString());
        assertEquals(0.6, data(figure).get(1).getAsJsonObject().get("opacity").getAsDouble(), 1e-12);
    }

    @Test
    void histogramTakesABinCount() {
        JsonObject histogram = data(Plot.histogram(points(), "x1", 3)).get(0).getAsJsonObject();

        assertEquals(3, histogram.get("nbinsx").getAsInt());
    }

    @Test
    void heatmapDrawsTheMatrixWithRowZeroAtTheTopAndItsLabelsOnTheAxes() {
        double[][] values = {{1, 2, 3}, {4, 5, 6}};

        Figure figure = Plot.heatmap(values, List.of("a", "b", "c"), List.of("first", "second"));

        JsonObject heatmap = data(figure).get(0).getAsJsonObject();
        assertEquals("heatmap", heatmap.get("type").getAsString());
        assertEquals(6, heatmap.getAsJsonArray("z").get(1).getAsJsonArray().get(2).getAsDouble(), 1e-12);
        JsonObject layout = layout(figure);
        assertEquals("reversed", layout.getAsJsonObject("yaxis").get("autorange").getAsString());
        assertEquals("[\"a\",\"b\",\"c\"]", layout.getAsJsonObject("xaxis").getAsJsonArray("ticktext").toString());
        assertEquals("[\"first\",\"second\"]", layout.getAsJsonObject("yaxis").getAsJsonArray("ticktext").toString());
    }

    @Test
    void heatmapOfATableHasOneRowPerTableRowAndOneColumnPerNumericColumn() {
        Table scores = Table.create(StringColumn.create("model", "mlp", "cnn"),
                DoubleColumn.create("train", 0.9, 0.95), DoubleColumn.create("test", 0.8, 0.93));

        Figure figure = Plot.heatmap(scores, "model");

        JsonArray z = data(figure).get(0).getAsJsonObject().getAsJsonArray("z");
        assertEquals(2, z.size());
        assertEquals(0.93, z.get(1).getAsJsonArray().get(1).getAsDouble(), 1e-12);
        assertEquals("[\"train\",\"test\"]", layout(figure).getAsJsonObject("xaxis").getAsJsonArray("ticktext").toString());
        assertEquals("[\"mlp\",\"cnn\"]", layout(figure).getAsJsonObject("yaxis").getAsJsonArray("ticktext").toString());
    }

    @Test
    void attentionKeepsRepeatedTokensAsSeparateRowsAndColumns() {
        List<String> tokens = List.of("the", "cat", "saw", "the", "dog");
        double[][] weights = new double[5][5];
        for (int i = 0; i < 5; i++) weights[i][i] = 1;

        Figure figure = Plot.attention(weights, tokens);

        JsonObject heatmap = data(figure).get(0).getAsJsonObject();
        assertEquals(5, heatmap.getAsJsonArray("x").size(), "cells sit at positions, so both 'the' keep a column");
        JsonObject layout = layout(figure);
        assertEquals(5, layout.getAsJsonObject("xaxis").getAsJsonArray("ticktext").size());
        assertEquals("the", layout.getAsJsonObject("yaxis").getAsJsonArray("ticktext").get(3).getAsString());
        assertEquals("key", titleText(layout.getAsJsonObject("xaxis")));
        assertEquals("query", titleText(layout.getAsJsonObject("yaxis")));
        assertEquals("x", layout.getAsJsonObject("yaxis").get("scaleanchor").getAsString(), "square cells");
    }

    @Test
    void confusionMatrixWritesTheCountsInTheCellsAndTheAccuracyInTheTitle() {
        Figure figure = Plot.confusionMatrix(new int[][] {{48, 2}, {5, 45}}, List.of("dog", "cone"));

        JsonObject heatmap = data(figure).get(0).getAsJsonObject();
        assertEquals("%{z}", heatmap.get("texttemplate").getAsString());
        assertEquals(5, heatmap.getAsJsonArray("z").get(1).getAsJsonArray().get(0).getAsInt());
        JsonObject layout = layout(figure);
        assertEquals("Confusion matrix: accuracy 93.0% (93 of 100)", titleText(layout));
        assertEquals("predicted", titleText(layout.getAsJsonObject("xaxis")));
        assertEquals("actual", titleText(layout.getAsJsonObject("yaxis")));
        assertEquals("[\"dog\",\"cone\"]", layout.getAsJsonObject("xaxis").getAsJsonArray("ticktext").toString());
    }

    @Test
    void confusionMatrixOfATableCountsEachPairOfActualAndPredictedClass() {
        Table predictions = Table.create(StringColumn.create("label", "dog", "dog", "cone", "cone", "cone"),
                StringColumn.create("predicted", "dog", "cone", "cone", "cone", "dog"));

        Figure figure = Plot.confusionMatrix(predictions, "label", "predicted");

        JsonArray z = data(figure).get(0).getAsJsonObject().getAsJsonArray("z");
        // Classes in alphabetical order: cone, dog. Row = actual, column = predicted.
        assertEquals("[[2,1],[1,1]]", z.toString());
        assertEquals("Confusion matrix: accuracy 60.0% (3 of 5)", titleText(layout(figure)));
    }

    @Test
    void confusionMatrixOfACountsTableReadsTheClassesFromItsFirstColumn() {
        Table counts = Table.create("confusion matrix (rows: actual, columns: predicted)",
                StringColumn.create("actual", "cone", "dog"), IntColumn.create("cone", 40, 3), IntColumn.create("dog", 10, 47));

        Figure figure = Plot.confusionMatrix(counts);

        assertEquals("[[40,10],[3,47]]", data(figure).get(0).getAsJsonObject().getAsJsonArray("z").toString());
        assertEquals("[\"cone\",\"dog\"]", layout(figure).getAsJsonObject("yaxis").getAsJsonArray("ticktext").toString());
        assertEquals("Confusion matrix: accuracy 87.0% (87 of 100)", figure.title());
    }

    @Test
    void functionsDrawEachFunctionOverTheRangeNamedByItsKey() {
        Map<String, DoubleUnaryOperator> functions = new LinkedHashMap<>();
        functions.put("relu", x -> Math.max(0, x));
        functions.put("tanh", Math::tanh);

        Figure figure = Plot.functions(functions, -3, 3);

        JsonArray data = data(figure);
        assertEquals(2, data.size());
        JsonObject relu = data.get(0).getAsJsonObject();
        assertEquals("relu", relu.get("name").getAsString());
        JsonArray x = relu.getAsJsonArray("x");
        JsonArray y = relu.getAsJsonArray("y");
        assertEquals(-3, x.get(0).getAsDouble(), 1e-12);
        assertEquals(3, x.get(x.size() - 1).getAsDouble(), 1e-12);
        assertEquals(0, y.get(0).getAsDouble(), 1e-12);
        assertEquals(3, y.get(y.size() - 1).getAsDouble(), 1e-12);
        assertEquals("relu, tanh", titleText(layout(figure)));
    }

    @Test
    void functionOfOneIsTitledByItsName() {
        Figure figure = Plot.function("sigmoid", x -> 1 / (1 + Math.exp(-x)), -6, 6);

        assertEquals("sigmoid", figure.title());
        double middle = data(figure).get(0).getAsJsonObject().getAsJsonArray("y").get(Plot.FUNCTION_SAMPLES / 2).getAsDouble();
        assertEquals(0.5, middle, 1e-12);
    }

    @Test
    void decisionBoundaryShadesProbabilitiesUnderTheDataItClassifies() {
        List<double[][]> asked = new ArrayList<>();
        Predictor aboveTheDiagonal = points -> {
            asked.add(points);
            double[] scores = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                scores[i] = 1 / (1 + Math.exp(-10 * (points[i][0] - points[i][1])));
            }
            return scores;
        };

        Figure figure = Plot.decisionBoundary(points(), "x1", "x2", "label", aboveTheDiagonal);

        assertEquals(1, asked.size(), "the whole grid is predicted in one call");
        JsonArray data = data(figure);
        JsonObject regions = data.get(0).getAsJsonObject();
        assertEquals("contour", regions.get("type").getAsString());
        assertEquals(DecisionBoundaries.STEPS, regions.getAsJsonArray("z").size());
        assertEquals(0, regions.get("zmin").getAsDouble(), 1e-12);
        assertEquals(1, regions.get("zmax").getAsDouble(), 1e-12);
        assertEquals(3, data.size(), "the regions, then one scatter per class");
        assertEquals("0", data.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals("1", data.get(2).getAsJsonObject().get("name").getAsString());
        assertTrue(titleText(layout(figure)).contains("probability of label 1"));
        JsonArray gridX = regions.getAsJsonArray("x");
        assertTrue(gridX.get(0).getAsDouble() < 0.1 && gridX.get(gridX.size() - 1).getAsDouble() > 1.0,
                "the grid covers the data with a margin");
    }

    @Test
    void decisionBoundaryOfClassIndicesDrawsOneBandPerClass() {
        Table three = Table.create(DoubleColumn.create("x1", 0, 1, 2), DoubleColumn.create("x2", 0, 1, 2),
                IntColumn.create("label", 0, 1, 2));

        Figure figure = Plot.decisionBoundary(three, "x1", "x2", "label",
                Predictor.pointwise((x1, x2) -> x1 < 0.5 ? 0 : x1 < 1.5 ? 1 : 2));

        JsonObject regions = data(figure).get(0).getAsJsonObject();
        assertEquals(-0.5, regions.get("zmin").getAsDouble(), 1e-12);
        assertEquals(2.5, regions.get("zmax").getAsDouble(), 1e-12);
        assertEquals(6, regions.getAsJsonArray("colorscale").size(), "two stops per class band");
        assertEquals(4, data(figure).size());
    }

    @Test
    void historyPutsLossesAndOtherMeasuresOnTwoPlots() {
        Figure figure = Plot.history(history());

        assertEquals(2, figure.plots());
        JsonArray data = data(figure);
        assertEquals(3, data.size());
        assertEquals("x", data.get(0).getAsJsonObject().get("xaxis").getAsString());
        assertEquals("x2", data.get(2).getAsJsonObject().get("xaxis").getAsString());
        assertEquals("accuracy", data.get(2).getAsJsonObject().get("name").getAsString());
        assertEquals("Training history", titleText(layout(figure)));
    }

    @Test
    void figuresPrintTheirTitleAndWhatTheyDraw() {
        String text = Plot.line(history(), "epoch", "loss", "val_loss").toString();

        assertEquals("history: loss and val_loss by epoch\n  loss: line, 4 points\n  val_loss: line, 4 points", text);
    }

    @Test
    void titleAndAxisLabelsCanBeReplaced() {
        Figure figure = Plot.line(history(), "epoch", "loss").title("Loss").xLabel("pass").yLabel("error");

        JsonObject layout = layout(figure);
        assertEquals("Loss", titleText(layout));
        assertEquals("pass", titleText(layout.getAsJsonObject("xaxis")));
        assertEquals("error", titleText(layout.getAsJsonObject("yaxis")));
    }

    @Test
    void overlayDrawsAnotherFiguresTracesOnTheSameAxes() {
        Figure fit = Plot.function("fit", x -> x, 0, 1).overlay(Plot.scatter(points(), "x1", "x2"));

        JsonArray data = data(fit);
        assertEquals(2, data.size());
        assertNull(data.get(1).getAsJsonObject().get("xaxis"), "one plot: every trace on the default axes");
        assertEquals("fit", fit.title());
    }

    @Test
    void figureOfTracesDrawsThemAsGiven() {
        Figure figure = Figure.of(Trace.line("squares", new double[] {0, 1, 2}, new double[] {0, 1, 4}),
                Trace.scatter("measured", new double[] {1}, new double[] {1.1}).attribute("opacity", 0.5));

        JsonArray data = data(figure);
        assertEquals("squares", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals(0.5, data.get(1).getAsJsonObject().get("opacity").getAsDouble(), 1e-12);
    }
}
