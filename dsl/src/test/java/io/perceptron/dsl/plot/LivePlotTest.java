package io.perceptron.dsl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.perceptron.dsl.display.Display;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A plot that grows while a program runs, updated in place in one notebook output. */
class LivePlotTest {
    static final String PLOTLY = "application/vnd.plotly.v1+json";
    private static final Pattern ELEMENT_ID = Pattern.compile("id=\"(perceptron-plot-[0-9a-f]+-\\d+)\"");

    /** What a notebook would receive. */
    record Output(Map<String, String> bundle, String displayId, boolean update) {
        String html() {
            return bundle.get("text/html");
        }

        String elementId() {
            Matcher id = ELEMENT_ID.matcher(html());
            assertTrue(id.find());
            return id.group(1);
        }

        boolean carriesLibrary() {
            return html().contains("DecompressionStream");
        }
    }

    final List<Output> outputs = new ArrayList<>();
    final long[] nanos = {0};

    @BeforeEach
    void notebook() {
        Display.install((bundle, displayId, update) -> outputs.add(new Output(Map.copyOf(bundle), displayId, update)));
        Plot.embedLibraryAgain();
    }

    @AfterEach
    void noNotebook() {
        Display.install(null);
    }

    void advance(long millis) {
        nanos[0] += Duration.ofMillis(millis).toNanos();
    }

    LivePlot show() {
        return LivePlot.show("Loss", "epoch", "loss", () -> nanos[0]);
    }

    @Test
    void showingALivePlotOpensOneOutputThatLaterUpdatesReplace() {
        show();

        assertEquals(1, outputs.size());
        Output first = outputs.get(0);
        assertNotNull(first.displayId());
        assertFalse(first.update());
        assertNotNull(first.html());
        assertNull(first.bundle().get(PLOTLY), "while live, only HTML: a Plotly renderer would ignore updates");
    }

    @Test
    void pointsArrivingFasterThanTheRedrawIntervalAreDrawnOncePerInterval() {
        LivePlot live = show();

        for (int i = 1; i <= 1000; i++) {
            advance(1);
            live.add("loss", i, 1.0 / i);
        }

        // Opened at 0 ms; redrawn at 250, 500, 750 and 1000 ms only.
        List<Output> updates = outputs.subList(1, outputs.size());
        assertEquals(1000 / LivePlot.REDRAW_MILLIS, updates.size());
        assertTrue(updates.get(updates.size() - 1).html().contains("\"x\":[1,2,3"), "each redraw has all points so far");
    }

    @Test
    void liveUpdatesRedrawTheSameGraphWithPlotlyReact() {
        LivePlot live = show();
        String displayId = outputs.get(0).displayId();
        String elementId = outputs.get(0).elementId();

        for (int epoch = 1; epoch <= 3; epoch++) {
            advance(LivePlot.REDRAW_MILLIS);
            live.add("loss", epoch, 1.0 / epoch);
        }

        assertEquals(4, outputs.size());
        for (Output update : outputs.subList(1, 4)) {
            assertTrue(update.update());
            assertEquals(displayId, update.displayId());
            assertEquals(elementId, update.elementId(), "a stable element for Plotly.react");
            assertTrue(update.html().contains("Plotly.react(el, figure.data, figure.layout, figure.config)"));
            assertNull(update.bundle().get(PLOTLY));
        }
    }

    @Test
    void finishReplacesTheLivePlotWithAFullFigureOfEveryPoint() {
        LivePlot live = show();
        for (int i = 1; i <= 10; i++) {
            advance(10);
            live.add("loss", i, 1.0 / i).add("val_loss", i, 1.2 / i);
        }

        live.finish();

        Output last = outputs.get(outputs.size() - 1);
        assertTrue(last.update());
        assertEquals(outputs.get(0).displayId(), last.displayId());
        assertEquals(outputs.get(0).elementId(), last.elementId());
        JsonObject figure = JsonParser.parseString(last.bundle().get(PLOTLY)).getAsJsonObject();
        JsonArray data = figure.getAsJsonArray("data");
        assertEquals(2, data.size());
        assertEquals("val_loss", data.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(10, data.get(1).getAsJsonObject().getAsJsonArray("y").size(),
                "points the throttle held back are in the final figure");
        assertTrue(last.bundle().get("text/plain").contains("epoch 10: loss 0.1000, val_loss 0.1200"),
                last.bundle().get("text/plain"));
    }

    @Test
    void finishingTwiceDrawsOnce() {
        LivePlot live = show();
        live.finish();
        int shown = outputs.size();

        live.finish();
        live.add("loss", 1, 1);

        assertEquals(shown, outputs.size());
    }

    @Test
    void flushDrawsHeldBackPointsAtOnceAndOnlyWhenThereAreAny() {
        LivePlot live = show();
        advance(1);
        live.add("loss", 1, 0.5);
        assertEquals(1, outputs.size(), "held back: the last redraw was 1 ms ago");

        live.flush();
        live.flush();

        assertEquals(2, outputs.size());
        assertTrue(outputs.get(1).html().contains("\"y\":[0.5]"));
    }

    @Test
    void theFirstLivePlotOfASessionCarriesPlotlyJsOnceForItsUpdatesAndOnceToKeep() {
        LivePlot first = show();
        advance(LivePlot.REDRAW_MILLIS);
        first.add("loss", 1, 1);
        first.finish();
        LivePlot second = show();
        second.finish();

        assertTrue(outputs.get(0).carriesLibrary(), "the live updates that follow need plotly.js in the page");
        assertFalse(outputs.get(1).carriesLibrary(), "updates never carry it");
        assertTrue(outputs.get(2).carriesLibrary(), "the final output is kept in the notebook: exports need it");
        assertFalse(outputs.get(3).carriesLibrary());
        assertFalse(outputs.get(4).carriesLibrary());
    }

    @Test
    void aLivePlotAfterAFigureLeavesTheLibraryToThatFigure() {
        Plot.function("f", x -> x, 0, 1).mimeBundle();

        LivePlot live = show();
        live.finish();

        assertTrue(outputs.get(0).carriesLibrary(), "the live display still needs it for its updates");
        assertFalse(outputs.get(1).carriesLibrary(), "the figure shown earlier already keeps it in the notebook");
    }

    @Test
    void progressShowsAsABarAboveTheCurves() {
        LivePlot live = show();
        advance(LivePlot.REDRAW_MILLIS);

        live.progress(Progress.of(2, 5, 10, 20).loss(0.25));

        Output update = outputs.get(1);
        assertTrue(update.html().indexOf("<progress") < update.html().indexOf("class=\"perceptron-plot\""));
        assertTrue(update.html().contains("epoch 2/5"));
        assertTrue(update.bundle().get("text/plain").contains("epoch 2/5 [######..............]  30%"),
                update.bundle().get("text/plain"));
    }

    @Test
    void outsideANotebookItPrintsAProgressLineEveryFewSeconds() {
        Display.install(null);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LivePlot live = show();
            for (int epoch = 1; epoch <= 50; epoch++) {
                advance(100);
                live.add("loss", epoch, 1.0 / epoch);
            }
            live.finish();
        } finally {
            System.setOut(original);
        }

        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("epoch")).toList();
        // 5 s of epochs: printed at 0.1 s, 2.1 s and 4.1 s, then the final state.
        assertEquals(List.of("epoch 1: loss 1", "epoch 21: loss 0.04762", "epoch 41: loss 0.02439",
                "epoch 50: loss 0.02000"), lines);
    }
}
