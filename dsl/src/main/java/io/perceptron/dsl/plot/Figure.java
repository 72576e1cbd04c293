package io.perceptron.dsl.plot;

import io.perceptron.dsl.display.Displayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Plotly figure: one plot, or several in a grid. It shows itself in a notebook (as Plotly JSON
 * for front ends with a Plotly renderer, as HTML drawn by the bundled plotly.js for the rest and
 * for HTML exports, and as a text summary) and is immutable: every method returns a changed copy.
 *
 * <p>Most figures come from {@link Plot}'s factories; {@link #of(Trace...)} builds one from traces.
 *
 * <pre>{@code
 * Plot.line(history, "epoch", "loss", "val_loss")
 *     .title("Training and validation loss")
 *     .yLabel("cross-entropy")
 * }</pre>
 */
public final class Figure implements Displayable {
    /** Extra pixels of a grid figure beyond its rows: the title and the margins. */
    private static final int GRID_FRAME_HEIGHT = 90;
    private static final int MIN_HEIGHT = 50;

    private final List<Panel> panels;
    private final int columns;
    private final String gridTitle;
    private final Integer height;
    /** Figure-wide layout entries (bar mode, legend placement), kept when figures join a grid. */
    private final Map<String, Object> layoutExtras;

    private Figure(List<Panel> panels, int columns, String gridTitle, Integer height, Map<String, Object> layoutExtras) {
        this.panels = List.copyOf(panels);
        this.columns = columns;
        this.gridTitle = gridTitle;
        this.height = height;
        this.layoutExtras = Collections.unmodifiableMap(new LinkedHashMap<>(layoutExtras));
    }

    static Figure single(Panel panel) {
        return new Figure(List.of(panel), 1, null, null, Map.of());
    }

    static Figure single(Panel panel, Map<String, Object> layoutExtras) {
        return new Figure(List.of(panel), 1, null, null, layoutExtras);
    }

    /** Several figures side by side, row by row; figures that are grids themselves add all their plots. */
    static Figure grid(List<Figure> figures, int columns) {
        if (figures.isEmpty()) {
            throw PlotErrors.nothingToGrid();
        }
        if (columns < 1) {
            throw PlotErrors.badColumnCount(columns);
        }
        List<Panel> all = new ArrayList<>();
        Map<String, Object> extras = new LinkedHashMap<>();
        for (Figure figure : figures) {
            all.addAll(figure.panels);
            extras.putAll(figure.layoutExtras);
        }
        return new Figure(all, Math.min(columns, all.size()), null, null, extras);
    }

    /**
     * A figure of one plot showing {@code traces}.
     *
     * <pre>{@code
     * Figure.of(Trace.line("y = x²", xs, squares)).title("A parabola")
     * }</pre>
     */
    public static Figure of(Trace... traces) {
        return single(Panel.of(null, Arrays.asList(traces), null, null));
    }

    /**
     * The same figure as a tablesaw-jsplot {@code Figure} (from {@code ScatterPlot.create(...)}
     * and friends), so it renders like every other figure.
     *
     * <pre>{@code
     * Figure.from(ScatterPlot.create("moons", data, "x1", "x2"))
     * }</pre>
     */
    public static Figure from(tech.tablesaw.plotly.components.Figure figure) {
        return TablesawFigures.convert(figure);
    }

    /** A copy with this title: the figure's title, or the overall title above a grid. */
    public Figure title(String title) {
        if (isGrid()) {
            return new Figure(panels, columns, title, height, layoutExtras);
        }
        return with(List.of(panels.get(0).title(title)));
    }

    /** The title: the single plot's, or the grid's overall title; null when there is none. */
    public String title() {
        return isGrid() ? gridTitle : panels.get(0).title();
    }

    /** A copy whose x axis (every x axis, in a grid) has this title. */
    public Figure xLabel(String label) {
        return with(panels.stream().map(p -> p.labels(label, p.yLabel())).toList());
    }

    /** A copy whose y axis (every y axis, in a grid) has this title. */
    public Figure yLabel(String label) {
        return with(panels.stream().map(p -> p.labels(p.xLabel(), label)).toList());
    }

    /**
     * A copy whose x axis (every x axis, in a grid) is logarithmic: each step along it multiplies
     * by the same factor, so 10, 100 and 1000 lie evenly apart. Values of zero or less are not drawn.
     *
     * <pre>{@code
     * Plot.line(timings, "size", "cpu_ms").xLogScale().yLogScale()   // how time grows with size
     * }</pre>
     */
    public Figure xLogScale() {
        return with(panels.stream().map(p -> p.axes(logarithmic(p.xAxis()), p.yAxis(), p.squareCells())).toList());
    }

    /**
     * A copy whose y axis (every y axis, in a grid) is logarithmic, so that numbers of very
     * different sizes (sixty million and one and a half billion) can be compared on one plot.
     *
     * <pre>{@code
     * Plot.bar(models, "model", "parameters").yLogScale()
     * }</pre>
     */
    public Figure yLogScale() {
        return with(panels.stream().map(p -> p.axes(p.xAxis(), logarithmic(p.yAxis()), p.squareCells())).toList());
    }

    private static Map<String, Object> logarithmic(Map<String, Object> axis) {
        Map<String, Object> changed = new LinkedHashMap<>(axis);
        changed.put("type", "log");
        return changed;
    }

    /** A copy drawn {@code pixels} high (the width follows the notebook's). */
    public Figure height(int pixels) {
        if (pixels < MIN_HEIGHT) {
            throw PlotErrors.badHeight(pixels);
        }
        return new Figure(panels, columns, gridTitle, pixels, layoutExtras);
    }

    /** A copy with {@code trace} drawn on the (first) plot too. */
    public Figure add(Trace trace) {
        return overlayTraces(List.of(trace));
    }

    /**
     * A copy with everything drawn in {@code other} added to this figure's (first) plot, on the
     * same axes: a scatter of the data over a model's decision regions, a fitted line over points.
     *
     * <pre>{@code
     * Plot.function("model", { x -> 2 * x + 1 }, 0.0, 5.0).overlay(Plot.scatter(data, "x", "y"))
     * }</pre>
     */
    public Figure overlay(Figure other) {
        return overlayTraces(other.traces());
    }

    /** A copy with one more figure-wide Plotly layout entry. */
    Figure withLayout(String key, Object value) {
        Map<String, Object> extras = new LinkedHashMap<>(layoutExtras);
        extras.put(key, value);
        return new Figure(panels, columns, gridTitle, height, extras);
    }

    /** Everything drawn, plot by plot. */
    public List<Trace> traces() {
        List<Trace> all = new ArrayList<>();
        for (Panel panel : panels) {
            all.addAll(panel.traces());
        }
        return Collections.unmodifiableList(all);
    }

    /** How many plots the figure holds (1 unless it is a grid). */
    public int plots() {
        return panels.size();
    }

    /** The Plotly JSON of the figure: {@code {"data": [...], "layout": {...}, "config": {...}}}. */
    public String json() {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", data());
        figure.put("layout", layout());
        figure.put("config", config());
        return Json.write(figure);
    }

    /**
     * Plotly JSON, HTML that draws it with the bundled plotly.js, and a text summary. The first
     * figure shown in a session carries plotly.js itself (see {@code Plot.embedLibraryAgain()}).
     */
    @Override
    public Map<String, String> mimeBundle() {
        String json = json();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put(PlotHtml.PLOTLY_MIME, json);
        bundle.put("text/html", PlotHtml.figure(PlotHtml.newElementId(), json, pixelHeight(),
                PlotlyLibrary.claimForOutput()));
        bundle.put("text/plain", toString());
        return bundle;
    }

    /**
     * The title and what each plot draws.
     *
     * <pre>
     * Loss by epoch
     *   loss: line, 40 points
     *   val_loss: line, 40 points
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (!isGrid()) {
            Panel panel = panels.get(0);
            text.append(panel.title() == null ? "Figure" : panel.title());
            for (Trace trace : panel.traces()) {
                text.append("\n  ").append(trace);
            }
            return text.toString();
        }
        text.append(gridTitle == null ? "Figure" : gridTitle)
                .append(" (").append(panels.size()).append(" plots in ").append(columns)
                .append(columns == 1 ? " column)" : " columns)");
        for (int i = 0; i < panels.size(); i++) {
            Panel panel = panels.get(i);
            text.append("\n  ").append(panel.title() == null ? "plot " + (i + 1) : panel.title()).append(": ");
            List<String> traces = panel.traces().stream().map(Trace::toString).toList();
            text.append(traces.isEmpty() ? "empty" : String.join("; ", traces));
        }
        return text.toString();
    }

    int pixelHeight() {
        if (height != null) {
            return height;
        }
        if (!isGrid()) {
            return panels.get(0).height();
        }
        int tallest = panels.stream().mapToInt(Panel::height).max().orElse(Panel.DEFAULT_HEIGHT);
        return rows() * tallest + GRID_FRAME_HEIGHT;
    }

    private boolean isGrid() {
        return panels.size() > 1;
    }

    private int rows() {
        return (panels.size() + columns - 1) / columns;
    }

    private Figure with(List<Panel> newPanels) {
        return new Figure(newPanels, columns, gridTitle, height, layoutExtras);
    }

    private Figure overlayTraces(List<Trace> traces) {
        List<Panel> changed = new ArrayList<>(panels);
        changed.set(0, panels.get(0).plus(traces));
        return with(changed);
    }

    private List<Object> data() {
        List<Object> data = new ArrayList<>();
        Map<String, String> colorOfName = new HashMap<>();
        Set<String> inLegend = new HashSet<>();
        for (int p = 0; p < panels.size(); p++) {
            String suffix = axisSuffix(p);
            for (Trace trace : panels.get(p).traces()) {
                Map<String, Object> attributes = new LinkedHashMap<>(trace.attributes());
                if (isGrid()) {
                    attributes.put("xaxis", "x" + suffix);
                    attributes.put("yaxis", "y" + suffix);
                    // One colour bar beside a grid would sit over its neighbours' plots.
                    if (attributes.containsKey("z")) {
                        attributes.put("showscale", false);
                    }
                }
                String name = trace.name();
                if (!name.isEmpty()) {
                    String color = colorOfName.computeIfAbsent(name, n -> Colors.of(colorOfName.size()));
                    colorIfUnset(attributes, color);
                    if (isGrid()) {
                        // The same series in several plots: one legend entry that toggles them all.
                        attributes.put("legendgroup", name);
                        if (!inLegend.add(name)) {
                            attributes.put("showlegend", false);
                        }
                    }
                }
                data.add(attributes);
            }
        }
        return data;
    }

    private static void colorIfUnset(Map<String, Object> attributes, String color) {
        Object type = attributes.get("type");
        if (!("scatter".equals(type) || "bar".equals(type) || "histogram".equals(type))) {
            return;
        }
        boolean lines = String.valueOf(attributes.get("mode")).contains("lines");
        if (lines && !hasColor(attributes.get("line"))) {
            attributes.put("line", withColor(attributes.get("line"), color));
        }
        if (!hasColor(attributes.get("marker"))) {
            attributes.put("marker", withColor(attributes.get("marker"), color));
        }
    }

    private static boolean hasColor(Object style) {
        return style instanceof Map<?, ?> map && map.get("color") != null;
    }

    private static Map<String, Object> withColor(Object style, String color) {
        Map<String, Object> styled = new LinkedHashMap<>();
        if (style instanceof Map<?, ?> map) {
            map.forEach((k, v) -> styled.put(String.valueOf(k), v));
        }
        styled.put("color", color);
        return styled;
    }

    private Map<String, Object> layout() {
        Map<String, Object> layout = new LinkedHashMap<>();
        String title = title();
        if (title != null && !title.isEmpty()) {
            layout.put("title", Map.of("text", title));
        }
        List<Object> annotations = new ArrayList<>();
        for (int p = 0; p < panels.size(); p++) {
            Panel panel = panels.get(p);
            String suffix = axisSuffix(p);
            layout.put("xaxis" + suffix, panel.xAxisLayout());
            layout.put("yaxis" + suffix, panel.yAxisLayout("x" + suffix));
            if (isGrid() && panel.title() != null && !panel.title().isEmpty()) {
                annotations.add(panelTitle(panel.title(), suffix));
            }
        }
        if (isGrid()) {
            boolean pictures = panels.stream().allMatch(Panel::image);
            Map<String, Object> grid = new LinkedHashMap<>();
            grid.put("rows", rows());
            grid.put("columns", columns);
            grid.put("pattern", "independent");
            // Gaps are fractions of a cell: charts need room for tick labels, pictures only for titles.
            grid.put("xgap", pictures ? 0.05 : 0.2);
            grid.put("ygap", pictures ? (annotations.isEmpty() ? 0.05 : 0.25) : 0.4);
            layout.put("grid", grid);
        }
        if (!annotations.isEmpty()) {
            layout.put("annotations", annotations);
        }
        layout.put("height", pixelHeight());
        boolean titled = title != null && !title.isEmpty();
        layout.put("margin", Map.of("t", titled || !annotations.isEmpty() ? 70 : 30, "l", 60, "r", 30, "b", 50));
        layout.putAll(layoutExtras);
        return layout;
    }

    private static Map<String, Object> panelTitle(String text, String suffix) {
        Map<String, Object> annotation = new LinkedHashMap<>();
        annotation.put("text", text);
        annotation.put("showarrow", false);
        // Placed in the panel's own axis domain, so it follows the panel wherever the grid puts it.
        annotation.put("xref", "x" + suffix + " domain");
        annotation.put("yref", "y" + suffix + " domain");
        annotation.put("x", 0.5);
        annotation.put("y", 1.0);
        annotation.put("xanchor", "center");
        annotation.put("yanchor", "bottom");
        return annotation;
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("responsive", true);
        config.put("displaylogo", false);
        return config;
    }

    private static String axisSuffix(int panelIndex) {
        return panelIndex == 0 ? "" : String.valueOf(panelIndex + 1);
    }
}
