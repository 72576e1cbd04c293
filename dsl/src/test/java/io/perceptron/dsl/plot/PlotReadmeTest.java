package io.perceptron.dsl.plot;

import io.perceptron.dsl.Readme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Datasets;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The "Plots" section of dsl/README.md: what it quotes and the numbers it states are the code's. */
class PlotReadmeTest {

    private static String plotsSection() {
        return Readme.section("Plots");
    }

    @Test
    void theQuotedFigureSummaryIsWhatTheScatterOfTheMoonsPrints() throws IOException {
        Table moons = Datasets.moons(200, 0.1, 1);

        String summary = Plot.scatter(moons, "x1", "x2", "label").toString();

        assertTrue(plotsSection().contains("```\n" + summary + "\n```"), summary);
    }

    @Test
    void theQuotedErrorIsTheRealOne() throws IOException {
        Table moons = Datasets.moons(200, 0.1, 1);

        String message = assertThrows(PerceptronException.class,
                () -> Plot.scatter(moons, "x1", "x2", "colour")).getMessage();

        assertTrue(plotsSection().contains("```\n" + message + "\n```"), message);
    }

    @Test
    void theStatedLibrarySizesAreTheShippedOnes() throws IOException {
        String section = plotsSection();

        assertTrue(section.contains("plotly.js-dist:" + PlotlyLibrary.version()), "the version");
        assertTrue(section.contains(String.format(Locale.ROOT, "%,d bytes", PlotlyLibrary.rawSize())), "the raw size");
        String packed = String.format(Locale.ROOT, "%.2f MB", PlotlyLibrary.packed().length() / 1e6);
        assertTrue(section.contains("| gzip + base64, inside the HTML | " + packed + " |"), packed);
    }

    @Test
    void theStatedLimitsAreTheCodes() throws IOException {
        String section = plotsSection();

        for (String stated : List.of(
                "one per " + LivePlot.REDRAW_MILLIS + " ms",
                "at most every " + LivePlot.PRINT_MILLIS / 1000 + " s",
                "at most " + ImageGrids.MAX_IMAGES,
                "sampled at " + Plot.FUNCTION_SAMPLES + " points",
                DecisionBoundaries.STEPS + " x " + DecisionBoundaries.STEPS + " grid",
                "at most " + Classes.MAX_CLASSES + " distinct whole numbers")) {
            assertTrue(section.contains(stated), stated);
        }
    }

    @Test
    void theConfusionMatrixOfTheReadmeHasTheAccuracyItImplies() {
        Figure figure = Plot.confusionMatrix(new int[][] {{48, 2}, {5, 45}}, List.of("cone", "dog"));

        assertEquals("Confusion matrix: accuracy 93.0% (93 of 100)", figure.title());
    }
}
