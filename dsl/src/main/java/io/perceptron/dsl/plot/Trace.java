package io.perceptron.dsl.plot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One set of data drawn in a figure: a line, a cloud of points, bars, a histogram, a heat map.
 * It holds Plotly trace attributes ({@code type}, {@code name}, {@code x}, {@code y}, ...) and is
 * immutable: {@link #attribute} returns a changed copy.
 *
 * <p>{@code Plot}'s factories build traces from tables; use this class directly for data that
 * is not in a table, or to set a Plotly attribute the factories do not.
 *
 * <pre>{@code
 * val xs = doubleArrayOf(0.0, 1.0, 2.0)
 * Figure.of(Trace.line("squares", xs, doubleArrayOf(0.0, 1.0, 4.0)),
 *           Trace.scatter("measured", xs, doubleArrayOf(0.1, 0.9, 4.2)).attribute("opacity", 0.5))
 * }</pre>
 */
public final class Trace {
    /** Above this many points a line is drawn without a marker on every point. */
    static final int MARKERS_UP_TO = 60;

    private final Map<String, Object> attributes;
    private final int points;

    Trace(Map<String, Object> attributes, int points) {
        this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.points = points;
    }

    /** A line through the points {@code (x[i], y[i])}; {@code NaN} values leave a gap. */
    public static Trace line(String name, double[] x, double[] y) {
        return xy("line", name, x, y, y.length);
    }

    /** Unconnected points {@code (x[i], y[i])}. */
    public static Trace scatter(String name, double[] x, double[] y) {
        return xy("markers", name, x, y, y.length);
    }

    /** One bar per category, {@code values[i]} high. */
    public static Trace bar(String name, List<String> categories, double[] values) {
        Map<String, Object> a = start("bar", name);
        a.put("x", List.copyOf(categories));
        a.put("y", values.clone());
        return new Trace(a, values.length);
    }

    /** The distribution of {@code values}, binned automatically (missing values are skipped). */
    public static Trace histogram(String name, double[] values) {
        Map<String, Object> a = start("histogram", name);
        a.put("x", values.clone());
        return new Trace(a, values.length);
    }

    /** A matrix drawn as coloured cells, row 0 at the top once its figure reverses the y axis. */
    public static Trace heatmap(String name, double[][] z) {
        Map<String, Object> a = start("heatmap", name);
        a.put("z", deepCopy(z));
        return new Trace(a, z.length == 0 ? 0 : z.length * z[0].length);
    }

    /** Line (or points) with any x values: numbers as {@code double[]} or categories as strings. */
    static Trace xy(String kind, String name, Object x, double[] y, int points) {
        Map<String, Object> a = start("scatter", name);
        String mode = switch (kind) {
            case "line" -> points <= MARKERS_UP_TO ? "lines+markers" : "lines";
            default -> "markers";
        };
        a.put("mode", mode);
        a.put("x", x instanceof double[] numbers ? numbers.clone() : x);
        a.put("y", y.clone());
        return new Trace(a, points);
    }

    static Map<String, Object> start(String type, String name) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        a.put("name", name == null ? "" : name);
        return a;
    }

    /**
     * A copy with one more Plotly attribute: a number, string, boolean, list, map or array.
     *
     * <pre>{@code
     * Trace.line("loss", x, y).attribute("line", mapOf("dash" to "dot"))
     * }</pre>
     */
    public Trace attribute(String key, Object value) {
        Map<String, Object> a = new LinkedHashMap<>(attributes);
        a.put(Objects.requireNonNull(key, "key"), value);
        return new Trace(a, points);
    }

    /** The Plotly trace type: scatter, bar, histogram, heatmap, contour, image. */
    public String type() {
        return String.valueOf(attributes.get("type"));
    }

    /** The name shown in the legend; empty when the trace has none. */
    public String name() {
        Object name = attributes.get("name");
        return name == null ? "" : name.toString();
    }

    /** How many data points (or matrix cells) the trace draws. */
    public int points() {
        return points;
    }

    /** The Plotly attributes, read-only. */
    Map<String, Object> attributes() {
        return attributes;
    }

    /** What the trace looks like in words: {@code line, 40 points}. */
    String kind() {
        String type = type();
        if ("scatter".equals(type)) {
            return String.valueOf(attributes.get("mode")).startsWith("lines") ? "line" : "points";
        }
        return type;
    }

    @Override
    public String toString() {
        String name = name();
        String unit = switch (type()) {
            case "heatmap", "contour" -> points == 1 ? " cell" : " cells";
            case "image" -> points == 1 ? " image" : " images";
            default -> points == 1 ? " point" : " points";
        };
        return (name.isEmpty() ? "" : name + ": ") + kind() + ", " + points + unit;
    }

    private static double[][] deepCopy(double[][] z) {
        double[][] copy = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            copy[i] = z[i].clone();
        }
        return copy;
    }
}
