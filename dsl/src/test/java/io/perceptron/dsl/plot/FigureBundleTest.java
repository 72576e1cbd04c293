package io.perceptron.dsl.plot;

import static io.perceptron.dsl.plot.PlotTest.history;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.perceptron.dsl.display.Renderers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.plotly.api.ScatterPlot;

/** How a figure shows itself in a notebook: Plotly JSON, HTML drawn by the bundled plotly.js, text. */
class FigureBundleTest {
    private static final String PLOTLY = "application/vnd.plotly.v1+json";
    private static final Pattern PACKED = Pattern.compile("atob\\(\"([A-Za-z0-9+/=]+)\"\\)");
    private static final Pattern ELEMENT_ID = Pattern.compile("id=\"(perceptron-plot-[0-9a-f]+-\\d+)\"");

    @BeforeEach
    void newSession() {
        Plot.embedLibraryAgain();
    }

    @Test
    void aFigureShowsAsPlotlyJsonHtmlAndText() {
        Figure figure = Plot.line(history(), "epoch", "loss");

        Map<String, String> bundle = figure.mimeBundle();

        assertEquals(figure.json(), bundle.get(PLOTLY));
        JsonObject json = JsonParser.parseString(bundle.get(PLOTLY)).getAsJsonObject();
        assertTrue(json.has("data") && json.has("layout") && json.has("config"));
        assertEquals(figure.toString(), bundle.get("text/plain"));
        String html = bundle.get("text/html");
        Matcher id = ELEMENT_ID.matcher(html);
        assertTrue(id.find(), html.substring(0, 300));
        assertTrue(html.contains("var id = \"" + id.group(1) + "\""), "the script draws into its own element");
        assertTrue(html.contains("Plotly.newPlot(el, figure.data, figure.layout, figure.config)"));
        assertTrue(html.contains(figure.json()), "the HTML draws exactly the figure's JSON");
    }

    @Test
    void theFirstFigureOfASessionCarriesPlotlyJsAndLaterOnesDoNot() throws IOException {
        Figure figure = Plot.line(history(), "epoch", "loss");

        String first = figure.mimeBundle().get("text/html");
        String second = figure.mimeBundle().get("text/html");

        Matcher packed = PACKED.matcher(first);
        assertTrue(packed.find(), "the first figure's HTML carries the packed library");
        assertTrue(first.contains("DecompressionStream(\"gzip\")"));
        assertEquals(webjarPlotly(), gunzip(Base64.getDecoder().decode(packed.group(1))),
                "unpacked, it is the plotly.js of the WebJar, byte for byte");
        assertFalse(PACKED.matcher(second).find(), "later figures only draw");
        assertTrue(second.length() < 20_000, "a later figure's HTML is small: " + second.length() + " characters");
        assertTrue(second.contains("w.perceptronPlotly.then(draw)"), "it waits for the library another output loads");
    }

    @Test
    void embedLibraryAgainMakesTheNextFigureCarryPlotlyJsAgain() {
        Figure figure = Plot.function("f", x -> x, 0, 1);
        figure.mimeBundle();

        Plot.embedLibraryAgain();

        assertTrue(PACKED.matcher(figure.mimeBundle().get("text/html")).find());
    }

    @Test
    void everyOutputOfAFigureDrawsIntoItsOwnElement() {
        Figure figure = Plot.function("f", x -> x, 0, 1);

        Matcher first = ELEMENT_ID.matcher(figure.mimeBundle().get("text/html"));
        Matcher second = ELEMENT_ID.matcher(figure.mimeBundle().get("text/html"));

        assertTrue(first.find() && second.find());
        assertNotEquals(first.group(1), second.group(1), "the same figure shown twice must not share an element");
    }

    @Test
    void textInAFigureCannotCloseItsScript() {
        Figure figure = Plot.function("f", x -> x, 0, 1).title("</script><b>bold</b>");
        figure.mimeBundle();

        String html = figure.mimeBundle().get("text/html");

        assertEquals(html.indexOf("</script>"), html.lastIndexOf("</script>"), "only the script's own end tag");
        assertTrue(html.contains("\\u003c/script\\u003e"));
        assertEquals("</script><b>bold</b>", figure.title());
    }

    @Test
    void aTablesawFigureRendersAsTheSameKindOfBundle() {
        tech.tablesaw.plotly.components.Figure theirs = ScatterPlot.create("Moons", PlotTest.points(), "x1", "x2");

        Map<String, String> bundle = Renderers.bundle(theirs);

        assertNotNull(bundle.get(PLOTLY));
        assertTrue(bundle.get("text/html").contains("Plotly.newPlot"));
        JsonObject json = JsonParser.parseString(bundle.get(PLOTLY)).getAsJsonObject();
        JsonObject trace = json.getAsJsonArray("data").get(0).getAsJsonObject();
        assertEquals("scatter", trace.get("type").getAsString());
        assertEquals(6, trace.getAsJsonArray("x").size());
        JsonObject layout = json.getAsJsonObject("layout");
        assertEquals("Moons", layout.getAsJsonObject("title").get("text").getAsString(),
                "plotly.js 3 reads titles only as {text: ...}");
        assertEquals("x1", layout.getAsJsonObject("xaxis").getAsJsonObject("title").get("text").getAsString());
        assertEquals("Moons\n  points, 6 points", bundle.get("text/plain"));
    }

    private static String webjarPlotly() throws IOException {
        String path = "/META-INF/resources/webjars/plotly.js-dist/" + PlotlyLibrary.version() + "/plotly.js";
        try (InputStream in = FigureBundleTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String gunzip(byte[] packed) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
