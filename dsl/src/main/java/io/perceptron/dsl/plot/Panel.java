package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One pair of axes and what is drawn on them. A figure holds one panel, or several laid out in a
 * grid; the axis names ({@code x}, {@code x2}, ...) are given when the figure is written, so a
 * panel can move into a grid unchanged.
 *
 * @param title        shown above the panel (the figure's title when it stands alone), or null
 * @param traces       what is drawn
 * @param xLabel       the x axis title, or null
 * @param yLabel       the y axis title, or null
 * @param xAxis        further Plotly x axis attributes (ticks, ranges, ...)
 * @param yAxis        further Plotly y axis attributes
 * @param squareCells  one x unit as long as one y unit on screen, for images and matrices
 * @param height       pixels this panel wants: the figure's height alone, a grid row's in a grid
 * @param image        a picture rather than a chart: no axes, small gaps in a grid
 */
record Panel(String title, List<Trace> traces, String xLabel, String yLabel, Map<String, Object> xAxis,
             Map<String, Object> yAxis, boolean squareCells, int height, boolean image) {
    static final int DEFAULT_HEIGHT = 420;

    Panel {
        traces = List.copyOf(traces);
        xAxis = Collections.unmodifiableMap(new LinkedHashMap<>(xAxis));
        yAxis = Collections.unmodifiableMap(new LinkedHashMap<>(yAxis));
    }

    static Panel of(String title, List<Trace> traces, String xLabel, String yLabel) {
        return new Panel(title, traces, xLabel, yLabel, Map.of(), Map.of(), false, DEFAULT_HEIGHT, false);
    }

    Panel title(String newTitle) {
        return new Panel(newTitle, traces, xLabel, yLabel, xAxis, yAxis, squareCells, height, image);
    }

    Panel labels(String newX, String newY) {
        return new Panel(title, traces, newX, newY, xAxis, yAxis, squareCells, height, image);
    }

    Panel axes(Map<String, Object> newX, Map<String, Object> newY, boolean square) {
        return new Panel(title, traces, xLabel, yLabel, newX, newY, square, height, image);
    }

    Panel height(int pixels) {
        return new Panel(title, traces, xLabel, yLabel, xAxis, yAxis, squareCells, pixels, image);
    }

    Panel square() {
        return new Panel(title, traces, xLabel, yLabel, xAxis, yAxis, true, height, image);
    }

    Panel mapTraces(UnaryOperator<Trace> change) {
        return new Panel(title, traces.stream().map(change).toList(), xLabel, yLabel, xAxis, yAxis, squareCells,
                height, image);
    }

    Panel asImage() {
        return new Panel(title, traces, xLabel, yLabel, xAxis, yAxis, true, height, true);
    }

    Panel plus(List<Trace> more) {
        List<Trace> all = new ArrayList<>(traces);
        all.addAll(more);
        return new Panel(title, all, xLabel, yLabel, xAxis, yAxis, squareCells, height, image);
    }

    /** The Plotly layout entry for this panel's x axis. */
    Map<String, Object> xAxisLayout() {
        Map<String, Object> axis = axisLayout(xLabel, xAxis);
        if (squareCells) {
            // Square cells shrink the plot area rather than pad the axis range.
            axis.putIfAbsent("constrain", "domain");
        }
        return axis;
    }

    /** The Plotly layout entry for this panel's y axis, tied to {@code xAxisName} for square cells. */
    Map<String, Object> yAxisLayout(String xAxisName) {
        Map<String, Object> axis = axisLayout(yLabel, yAxis);
        if (squareCells) {
            axis.put("scaleanchor", xAxisName);
            axis.putIfAbsent("constrain", "domain");
        }
        return axis;
    }

    private static Map<String, Object> axisLayout(String label, Map<String, Object> extra) {
        Map<String, Object> axis = new LinkedHashMap<>();
        if (label != null && !label.isEmpty()) {
            axis.put("title", Map.of("text", label));
        }
        axis.putAll(extra);
        return axis;
    }
}
