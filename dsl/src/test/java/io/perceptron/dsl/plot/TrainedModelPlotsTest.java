package io.perceptron.dsl.plot;

import static io.perceptron.dsl.plot.PlotTest.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Model;
import io.perceptron.dsl.optimizer.Optimizer;
import io.perceptron.dsl.training.TrainingRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Plots of a trained model and of its training run: the decision regions and {@code run.plot()}. */
class TrainedModelPlotsTest {
    private static final Table MOONS = Datasets.moons(400, 0.1, 7);
    private static Model model;
    private static TrainingRun run;

    @BeforeAll
    static void train() {
        model = Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2);
        run = model.fit(MOONS).features("x1", "x2").label("label")
                .optimizer(Optimizer.adam(0.02)).epochs(30).seed(3).quiet().train();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void aTrainedModelScoresTheDataPointsOnTheSideOfTheirOwnClass() {
        double[][] points = new double[MOONS.rowCount()][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {MOONS.doubleColumn("x1").getDouble(i), MOONS.doubleColumn("x2").getDouble(i)};
        }

        double[] scores = Predictor.of(model, "x1", "x2").predict(points);

        int agreeing = 0;
        for (int i = 0; i < points.length; i++) {
            assertTrue(scores[i] >= 0 && scores[i] <= 1, "a two-class model gives probabilities");
            if ((scores[i] > 0.5) == (MOONS.intColumn("label").getInt(i) == 1)) agreeing++;
        }
        assertTrue(agreeing >= 0.9 * points.length, agreeing + " of " + points.length + " on their class's side");
    }

    @Test
    void theDecisionBoundaryOfAModelShadesItsProbabilitiesUnderTheData() {
        Figure figure = Plot.decisionBoundary(model, MOONS, "x1", "x2", "label");

        JsonArray data = data(figure);
        JsonObject regions = data.get(0).getAsJsonObject();
        assertEquals("contour", regions.get("type").getAsString());
        assertEquals(3, data.size(), "the regions, then one scatter per class");
        double lowest = 1;
        double highest = 0;
        for (var row : regions.getAsJsonArray("z")) {
            for (var z : row.getAsJsonArray()) {
                lowest = Math.min(lowest, z.getAsDouble());
                highest = Math.max(highest, z.getAsDouble());
            }
        }
        assertTrue(lowest < 0.1 && highest > 0.9, "both classes' regions are confidently shaded: " + lowest + ".." + highest);
    }

    @Test
    void runPlotDrawsTheLossOfEveryEpoch() {
        Figure figure = run.plot();

        JsonObject loss = data(figure).get(0).getAsJsonObject();
        assertEquals("loss", loss.get("name").getAsString());
        assertEquals(30, loss.getAsJsonArray("y").size());
    }
}
