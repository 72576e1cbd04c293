package io.perceptron.dsl.plot;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code text/html} form of a figure: a {@code <div>} with an element id and a script that
 * draws the figure's JSON into it with plotly.js, waiting for the library if another output of
 * the page is still unpacking it.
 *
 * <p>The page-wide state lives on {@code window}: {@code perceptronPlotly} is a promise of the
 * Plotly object that every figure waits on, resolved at once when {@code window.Plotly} already
 * exists (a page that loaded it another way) or when the output that carries the library has
 * unpacked it; {@code perceptronGraphs} keeps each live plot's graph element between updates.
 */
final class PlotHtml {
    static final String PLOTLY_MIME = "application/vnd.plotly.v1+json";

    /** Tells this kernel session's element ids apart from those of earlier sessions in the same page. */
    private static final String SESSION = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    private static final AtomicLong COUNTER = new AtomicLong();

    private static final String SCRIPT = """
            (function () {
              var w = window;
              if (!w.perceptronPlotly) {
                var ready;
                w.perceptronPlotly = new Promise(function (resolve) { ready = resolve; });
                w.perceptronPlotly.ready = ready;
              }
              if (w.Plotly) {
                w.perceptronPlotly.ready(w.Plotly);
              }%LIBRARY%
              var id = "%ID%";
              var figure = %FIGURE%;
              var tries = 0;
              function draw(Plotly) {
                var el = document.getElementById(id);
                if (!el) {
                  // A front end may run the script before it puts the output into the page.
                  if (tries++ < 40) setTimeout(function () { draw(Plotly); }, 50);
                  return;
                }
            %DRAW%
              }
              w.perceptronPlotly.then(draw);
            })();
            """;

    /** Unpacks plotly.js (gzip, base64) with the browser's own DecompressionStream and runs it. */
    private static final String LIBRARY = """
             else if (!w.perceptronPlotlyLoading) {
                w.perceptronPlotlyLoading = true;
                var raw = atob("%PACKED%");
                var bytes = new Uint8Array(raw.length);
                for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
                new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
                  .then(function (code) {
                    var script = document.createElement("script");
                    script.text = code;
                    document.head.appendChild(script);
                    w.perceptronPlotly.ready(w.Plotly);
                  })
                  .catch(function (error) {
                    w.perceptronPlotlyLoading = false;
                    console.error("Perceptron could not unpack plotly.js %VERSION%", error);
                  });
              }""";

    private static final String DRAW_ONCE = """
                el.textContent = "";
                Plotly.newPlot(el, figure.data, figure.layout, figure.config);
            """;

    private static final String DRAW_LIVE = """
                var graphs = w.perceptronGraphs || (w.perceptronGraphs = {});
                var graph = graphs[id];
                if (graph && graph !== el && !graph.isConnected) {
                  // The graph of the previous update, detached when this update replaced the output:
                  // put it back, so Plotly.react changes only what changed and keeps zoom and hover.
                  el.replaceWith(graph);
                  el = graph;
                } else {
                  el.textContent = "";
                }
                graphs[id] = el;
                Plotly.react(el, figure.data, figure.layout, figure.config);
            """;

    private static final String WAITING = "Drawing with plotly.js… If this message stays, this page has not "
            + "loaded plotly.js: run Plot.embedLibraryAgain() and then this cell again.";

    private PlotHtml() {
    }

    /** A fresh element id, unique in the page across figures and kernel sessions. */
    static String newElementId() {
        return "perceptron-plot-" + SESSION + "-" + COUNTER.incrementAndGet();
    }

    /** A figure drawn once with {@code Plotly.newPlot}. */
    static String figure(String id, String figureJson, int height, boolean carryLibrary) {
        return div(id, height) + script(id, figureJson, carryLibrary, DRAW_ONCE);
    }

    /**
     * A live figure under {@code header} (a progress bar, or empty): drawn with
     * {@code Plotly.react} into the graph element the previous update of {@code id} left behind.
     */
    static String live(String id, String header, String figureJson, int height, boolean carryLibrary) {
        return "<div class=\"perceptron-live\">" + header + div(id, height) + "</div>"
                + script(id, figureJson, carryLibrary, DRAW_LIVE);
    }

    private static String div(String id, int height) {
        return "<div class=\"perceptron-plot\" id=\"" + id + "\" style=\"width:100%;height:" + height + "px\">"
                + "<div style=\"font:12px sans-serif;color:#888;padding:8px\">" + WAITING + "</div></div>";
    }

    private static String script(String id, String figureJson, boolean carryLibrary, String draw) {
        String library = carryLibrary
                ? LIBRARY.replace("%VERSION%", PlotlyLibrary.version()).replace("%PACKED%", PlotlyLibrary.packed())
                : "";
        // The figure goes in last: its text is the only part not written here.
        String code = SCRIPT.replace("%LIBRARY%", library)
                .replace("%ID%", id)
                .replace("%DRAW%", draw)
                .replace("%FIGURE%", figureJson);
        return "<script type=\"text/javascript\">\n" + code + "</script>";
    }
}
