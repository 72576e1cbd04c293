package io.perceptron.dsl.plot;

import io.perceptron.dsl.display.Display;
import io.perceptron.dsl.display.DisplayHandle;
import io.perceptron.dsl.display.Displayable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A plot that grows while a program runs, shown as one notebook output updated in place: curves
 * that get a point at a time (a loss per epoch), with an optional progress bar above them.
 *
 * <p>Redraws are throttled to one per 250 ms, however often points arrive;
 * {@link #finish()} always draws the last state. While it runs, each update is HTML that calls
 * {@code Plotly.react} on the same graph (JupyterLab's Plotly renderer ignores updates of a graph
 * it has drawn); the finished plot is a full figure bundle, Plotly JSON included, so the saved
 * notebook holds a normal figure. Outside a notebook it prints a progress line now and then.
 *
 * <pre>{@code
 * val live = LivePlot.show("Loss", "epoch", "loss")
 * for (epoch in 1..20) {
 *     live.add("loss", epoch.toDouble(), 1.0 / epoch)
 *     Thread.sleep(100)
 * }
 * live.finish()
 * }</pre>
 */
public final class LivePlot {
    /**
     * Notebook redraw interval. A redraw costs well under a millisecond to build here (measured:
     * see dsl/README.md), so four a second cost the training loop far below 1%, and still look live.
     */
    static final long REDRAW_MILLIS = 250;
    /** Outside a notebook a new line is printed at most this often, so logs stay readable. */
    static final long PRINT_MILLIS = 2000;
    private static final int HEIGHT = 380;

    private String title;
    private final String xLabel;
    private final String yLabel;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final String elementId = PlotHtml.newElementId();
    private final boolean rich;
    private final Throttle throttle;
    private final DisplayHandle handle;
    private Progress progress;
    private boolean changed;
    private boolean finished;
    private String lastPrinted = "";

    private LivePlot(String title, String xLabel, String yLabel, LongSupplier nanoClock) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.rich = Display.isRich();
        this.throttle = new Throttle(nanoClock, Duration.ofMillis(rich ? REDRAW_MILLIS : PRINT_MILLIS));
        if (rich) {
            throttle.pass();
            handle = Display.handle(new Bundle(liveBundle(PlotlyLibrary.claimForLivePlot())));
        } else {
            handle = null;
        }
    }

    /**
     * Shows an empty live plot now (in a notebook) and returns it to add points to.
     *
     * <pre>{@code
     * val live = LivePlot.show("Training", "epoch", "loss")
     * }</pre>
     */
    public static LivePlot show(String title, String xLabel, String yLabel) {
        return new LivePlot(title, xLabel, yLabel, System::nanoTime);
    }

    /**
     * As {@link #show(String, String, String)}, timed by {@code nanoClock} instead of the system's
     * clock: its redraws follow that time, so a replay of a recorded run, or a test, decides when
     * they happen.
     */
    public static LivePlot show(String title, String xLabel, String yLabel, LongSupplier nanoClock) {
        return new LivePlot(title, xLabel, yLabel, nanoClock);
    }

    /**
     * Adds the point {@code (x, y)} to the curve named {@code series} (made on first use, in the
     * next colour) and redraws unless it redrew less than the throttle interval ago.
     *
     * <pre>{@code
     * live.add("loss", 3.0, 0.42).add("val_loss", 3.0, 0.47)
     * }</pre>
     */
    public synchronized LivePlot add(String series, double x, double y) {
        this.series.computeIfAbsent(series, name -> new Series()).add(x, y);
        changed = true;
        redrawIfDue();
        return this;
    }

    /**
     * Shows {@code progress} as a bar above the curves (or as the progress line outside a
     * notebook), redrawing unless it redrew less than the throttle interval ago.
     */
    public synchronized LivePlot progress(Progress progress) {
        this.progress = progress;
        changed = true;
        redrawIfDue();
        return this;
    }

    /**
     * Draws the final state as a full figure (Plotly JSON, HTML and text) in place of the live
     * one. Call it once the run ends, also when it fails, so the notebook keeps a normal figure;
     * later calls do nothing.
     */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (rich) {
            handle.update(new Bundle(finalBundle()));
        } else {
            Display.display(text());
        }
    }

    /**
     * Redraws now if anything changed since the last redraw, throttle or not: at the end of an
     * epoch, say, before a long pause in which nothing would otherwise show the latest point.
     */
    public synchronized LivePlot flush() {
        if (changed && !finished) {
            redraw();
        }
        return this;
    }

    /** Changes the title from the next redraw on (the finished plot's, say). */
    public synchronized LivePlot title(String title) {
        this.title = title;
        changed = true;
        return this;
    }

    /** The curves so far as a figure. */
    public synchronized Figure figure() {
        List<Trace> traces = new ArrayList<>();
        series.forEach((name, points) -> traces.add(Trace.line(name, points.xs(), points.ys())));
        Panel panel = Panel.of(title, traces, xLabel, yLabel).height(HEIGHT);
        // Keeps the reader's zoom and hidden series while Plotly.react redraws with new points.
        return Figure.single(panel).withLayout("uirevision", elementId);
    }

    /** The latest progress and the last value of each curve. */
    @Override
    public synchronized String toString() {
        return text();
    }

    private void redrawIfDue() {
        if (!finished && throttle.pass()) {
            redraw();
        }
    }

    private void redraw() {
        changed = false;
        if (rich) {
            handle.update(new Bundle(liveBundle(false)));
        } else {
            String text = statusLine();
            if (!text.equals(lastPrinted)) {
                lastPrinted = text;
                Display.display(text);
            }
        }
    }

    /** HTML only, so that front ends draw it with plotly.js rather than with a Plotly renderer. */
    private Map<String, String> liveBundle(boolean carryLibrary) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", PlotHtml.live(elementId, header(), figure().json(), HEIGHT, carryLibrary));
        bundle.put("text/plain", text());
        return bundle;
    }

    private Map<String, String> finalBundle() {
        String json = figure().json();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put(PlotHtml.PLOTLY_MIME, json);
        bundle.put("text/html", PlotHtml.live(elementId, header(), json, HEIGHT, PlotlyLibrary.claimForOutput()));
        bundle.put("text/plain", text());
        return bundle;
    }

    private String header() {
        return progress == null ? "" : progress.html();
    }

    private String text() {
        StringBuilder text = new StringBuilder(title == null ? "" : title);
        if (progress != null) {
            text.append(text.length() == 0 ? "" : "\n").append(progress.text());
        }
        if (!series.isEmpty()) {
            text.append(text.length() == 0 ? "" : "\n").append(valuesLine());
        }
        return text.toString();
    }

    /** One line for a log: the progress, then the latest values. */
    private String statusLine() {
        List<String> parts = new ArrayList<>();
        if (progress != null) {
            parts.add(progress.text());
        }
        if (!series.isEmpty()) {
            parts.add(valuesLine());
        }
        return String.join("  |  ", parts);
    }

    private String valuesLine() {
        List<String> last = new ArrayList<>();
        series.forEach((name, points) -> last.add(name + " " + format(points.lastY())));
        Series first = series.values().iterator().next();
        return (xLabel == null ? "x" : xLabel) + " " + format(first.lastX()) + ": " + String.join(", ", last);
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.4g", value);
    }

    /** A bundle handed to Display as is. */
    private record Bundle(Map<String, String> mimeBundle) implements Displayable {
    }

    /** One curve's points, in arrays that grow by doubling. */
    private static final class Series {
        private double[] xs = new double[16];
        private double[] ys = new double[16];
        private int size;

        void add(double x, double y) {
            if (size == xs.length) {
                xs = Arrays.copyOf(xs, size * 2);
                ys = Arrays.copyOf(ys, size * 2);
            }
            xs[size] = x;
            ys[size++] = y;
        }

        double[] xs() {
            return Arrays.copyOf(xs, size);
        }

        double[] ys() {
            return Arrays.copyOf(ys, size);
        }

        double lastX() {
            return xs[size - 1];
        }

        double lastY() {
            return ys[size - 1];
        }
    }
}
