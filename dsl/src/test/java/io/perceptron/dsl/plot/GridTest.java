package io.perceptron.dsl.plot;

import static io.perceptron.dsl.plot.PlotTest.data;
import static io.perceptron.dsl.plot.PlotTest.history;
import static io.perceptron.dsl.plot.PlotTest.layout;
import static io.perceptron.dsl.plot.PlotTest.titleText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several plots in one figure. */
class GridTest {

    @Test
    void gridGivesEachPlotItsOwnAxesAndLaysThemOutInOneRow() {
        Figure grid = Plot.grid(
                Plot.function("relu", x -> Math.max(0, x), -3, 3),
                Plot.function("tanh", Math::tanh, -3, 3),
                Plot.line(history(), "epoch", "loss"));

        JsonArray data = data(grid);
        assertEquals("x", data.get(0).getAsJsonObject().get("xaxis").getAsString());
        assertEquals("y2", data.get(1).getAsJsonObject().get("yaxis").getAsString());
        assertEquals("x3", data.get(2).getAsJsonObject().get("xaxis").getAsString());
        JsonObject layout = layout(grid);
        JsonObject gridLayout = layout.getAsJsonObject("grid");
        assertEquals(1, gridLayout.get("rows").getAsInt());
        assertEquals(3, gridLayout.get("columns").getAsInt());
        assertEquals("epoch", titleText(layout.getAsJsonObject("xaxis3")));
        assertEquals("f(x)", titleText(layout.getAsJsonObject("yaxis2")));
    }

    @Test
    void eachPlotOfAGridKeepsItsTitleAboveIt() {
        Figure grid = Plot.grid(Plot.function("relu", x -> Math.max(0, x), -3, 3),
                Plot.function("tanh", Math::tanh, -3, 3));

        JsonArray annotations = layout(grid).getAsJsonArray("annotations");
        assertEquals(2, annotations.size());
        JsonObject second = annotations.get(1).getAsJsonObject();
        assertEquals("tanh", second.get("text").getAsString());
        assertEquals("x2 domain", second.get("xref").getAsString());
        assertEquals("y2 domain", second.get("yref").getAsString());
    }

    @Test
    void fourPlotsMakeTwoRowsOfTwoAndAColumnCountCanBeGiven() {
        Figure plot = Plot.function("f", x -> x, 0, 1);

        assertEquals(2, layout(Plot.grid(plot, plot, plot, plot)).getAsJsonObject("grid").get("rows").getAsInt());
        JsonObject oneColumn = layout(Plot.grid(1, plot, plot, plot)).getAsJsonObject("grid");
        assertEquals(3, oneColumn.get("rows").getAsInt());
        assertEquals(1, oneColumn.get("columns").getAsInt());
    }

    @Test
    void aSeriesInSeveralPlotsKeepsOneColourAndOneLegendEntry() {
        Figure grid = Plot.grid(Plot.line(history(), "epoch", "loss", "val_loss"), Plot.line(history(), "epoch", "loss"));

        JsonArray data = data(grid);
        JsonObject firstLoss = data.get(0).getAsJsonObject();
        JsonObject valLoss = data.get(1).getAsJsonObject();
        JsonObject secondLoss = data.get(2).getAsJsonObject();
        String lossColor = firstLoss.getAsJsonObject("line").get("color").getAsString();
        assertEquals(lossColor, secondLoss.getAsJsonObject("line").get("color").getAsString());
        assertFalse(lossColor.equals(valLoss.getAsJsonObject("line").get("color").getAsString()));
        assertFalse(secondLoss.get("showlegend").getAsBoolean(), "the second 'loss' shares the first one's entry");
        assertEquals("loss", secondLoss.get("legendgroup").getAsString());
    }

    @Test
    void aGridInsideAGridAddsAllItsPlots() {
        Figure plot = Plot.function("f", x -> x, 0, 1);

        Figure nested = Plot.grid(Plot.grid(plot, plot), plot);

        assertEquals(3, nested.plots());
        assertTrue(layout(nested).has("xaxis3"));
    }

    @Test
    void aGridPrintsEachPlotOnItsOwnLine() {
        Figure grid = Plot.grid(Plot.function("relu", x -> Math.max(0, x), -3, 3),
                Plot.function("tanh", Math::tanh, -3, 3)).title("Activations");

        assertEquals(List.of("Activations (2 plots in 2 columns)",
                "  relu: relu: line, 201 points",
                "  tanh: tanh: line, 201 points"), grid.toString().lines().toList());
    }

    @Test
    void aGridGrowsTallerWithEveryRow() {
        Figure plot = Plot.function("f", x -> x, 0, 1);

        int oneRow = layout(Plot.grid(2, plot, plot)).get("height").getAsInt();
        int twoRows = layout(Plot.grid(2, plot, plot, plot)).get("height").getAsInt();

        assertTrue(twoRows > oneRow);
    }
}
