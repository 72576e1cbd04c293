package io.perceptron.dsl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Logarithmic axes: numbers of very different sizes on one plot. */
class LogScaleTest {
    private static Table models() {
        return Table.create("models",
                StringColumn.create("model", "AlexNet", "BERT-large", "GPT-2 XL"),
                DoubleColumn.create("parameters", 61_100_840.0, 335_141_888.0, 1_557_611_200.0));
    }

    @Test
    void yLogScaleMakesTheYAxisLogarithmicAndLeavesTheXAxisAndLabelsAlone() {
        Figure figure = Plot.bar(models(), "model", "parameters").yLabel("parameters").yLogScale();

        JsonObject layout = PlotTest.layout(figure);
        assertEquals("log", layout.getAsJsonObject("yaxis").get("type").getAsString());
        assertEquals("parameters", layout.getAsJsonObject("yaxis").getAsJsonObject("title").get("text").getAsString());
        assertFalse(layout.getAsJsonObject("xaxis").has("type"), layout.toString());
    }

    @Test
    void xLogScaleMakesTheXAxisLogarithmicAndKeepsTheFigureItWasCalledOnUnchanged() {
        Figure linear = Plot.line(models(), "parameters", "parameters");

        Figure logarithmic = linear.xLogScale();

        assertEquals("log", PlotTest.layout(logarithmic).getAsJsonObject("xaxis").get("type").getAsString());
        assertFalse(PlotTest.layout(logarithmic).getAsJsonObject("yaxis").has("type"));
        assertFalse(PlotTest.layout(linear).getAsJsonObject("xaxis").has("type"), "figures are immutable");
    }

    @Test
    void inAGridEveryPlotGetsTheLogarithmicAxis() {
        Figure grid = Plot.grid(Plot.bar(models(), "model", "parameters"), Plot.bar(models(), "model", "parameters"))
                .yLogScale();

        JsonObject layout = PlotTest.layout(grid);
        assertEquals("log", layout.getAsJsonObject("yaxis").get("type").getAsString());
        assertEquals("log", layout.getAsJsonObject("yaxis2").get("type").getAsString());
    }
}
