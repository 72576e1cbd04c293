package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.Trace;

/**
 * Turns tablesaw-jsplot figures into ours, so that {@code ScatterPlot.create(...)} and friends
 * render like any {@code Plot}: Plotly JSON, HTML drawn by the bundled plotly.js, and text.
 *
 * <p>tablesaw-jsplot writes its traces and layout as JavaScript object literals for an older
 * plotly.js; this reads them back ({@link JsLiteral}) and moves the titles it writes as plain
 * strings into the {@code {text: ...}} objects that plotly.js 3 requires.
 */
final class TablesawFigures {
    private TablesawFigures() {
    }

    static Figure convert(tech.tablesaw.plotly.components.Figure figure) {
        try {
            List<io.perceptron.dsl.plot.Trace> traces = new ArrayList<>();
            Trace[] theirs = figure.getTraces();
            for (int i = 0; i < theirs.length; i++) {
                traces.add(trace(asMap(JsLiteral.readAssigned(theirs[i].asJavascript(i)))));
            }
            Layout layout = figure.getLayout();
            Map<String, Object> layoutMap = layout == null ? Map.of() : asMap(JsLiteral.readAssigned(layout.asJavascript()));
            return figure(traces, new LinkedHashMap<>(layoutMap));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw PlotErrors.tablesawFigureUnreadable(e);
        }
    }

    private static io.perceptron.dsl.plot.Trace trace(Map<String, Object> attributes) {
        Map<String, Object> a = new LinkedHashMap<>(attributes);
        // Axis names are given when the figure is written (a panel may move into a grid).
        if ("x".equals(a.get("xaxis"))) a.remove("xaxis");
        if ("y".equals(a.get("yaxis"))) a.remove("yaxis");
        int points = 0;
        for (String key : List.of("z", "y", "x", "values")) {
            if (a.get(key) instanceof List<?> values) {
                points = values.isEmpty() || !(values.get(0) instanceof List<?>) ? values.size()
                        : values.size() * ((List<?>) values.get(0)).size();
                break;
            }
        }
        return new io.perceptron.dsl.plot.Trace(a, points);
    }

    private static Figure figure(List<io.perceptron.dsl.plot.Trace> traces, Map<String, Object> layout) {
        String title = text(layout.remove("title"));
        Map<String, Object> xAxis = axis(layout.remove("xaxis"));
        Map<String, Object> yAxis = axis(layout.remove("yaxis"));
        String xLabel = text(xAxis.remove("title"));
        String yLabel = text(yAxis.remove("title"));
        Object height = layout.remove("height");
        // The width follows the notebook's, as every other figure's does. Title fonts are
        // dropped: plotly.js 3 no longer reads "titlefont", and the default font matches ours.
        layout.remove("width");
        layout.remove("titlefont");
        Panel panel = Panel.of(title, traces, xLabel, yLabel).axes(xAxis, yAxis, false);
        if (height instanceof Number pixels) {
            panel = panel.height(pixels.intValue());
        }
        return Figure.single(panel, layout);
    }

    private static Map<String, Object> axis(Object axis) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (axis instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        copy.remove("titlefont");
        return copy;
    }

    /** A title as plain text, whether written as a string or as {@code {text: ...}}. */
    private static String text(Object title) {
        if (title instanceof Map<?, ?> map) {
            Object text = map.get("text");
            return text == null ? null : text.toString();
        }
        return title == null ? null : title.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
