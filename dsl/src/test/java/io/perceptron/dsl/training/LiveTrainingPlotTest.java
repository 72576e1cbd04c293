package io.perceptron.dsl.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.perceptron.dsl.display.Display;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A training run shown live: progress bar and loss curves in one output, a figure at the end. */
class LiveTrainingPlotTest {
    private static final String PLOTLY = "application/vnd.plotly.v1+json";

    /** One message the display sink received. */
    record Output(Map<String, String> bundle, String displayId, boolean update) {
    }

    final List<Output> outputs = new ArrayList<>();
    final long[] nanos = {0};

    @BeforeEach
    void notebook() {
        Display.install((bundle, id, update) -> outputs.add(new Output(Map.copyOf(bundle), id, update)));
    }

    @AfterEach
    void noNotebook() {
        Display.install(null);
    }

    /** Drives the listener as a training loop would: 4 epochs of 50 batches, 2 ms a batch. */
    void train(TrainingListener listener) {
        listener.onTrainStart(new TrainingListener.Start("settings", 4, 50, 1600, 400,
                List.of("loss", "accuracy", "val_loss", "val_accuracy")));
        for (int epoch = 1; epoch <= 4; epoch++) {
            for (int batch = 1; batch <= 50; batch++) {
                nanos[0] += Duration.ofMillis(2).toNanos();
                listener.onBatchEnd(new TrainingListener.Batch(epoch, 4, batch, 50, 1.0 / epoch, Map.of(),
                        Duration.ofNanos(nanos[0]), 16_000));
            }
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", 1.0 / epoch);
            metrics.put("accuracy", 0.5 + epoch / 10.0);
            metrics.put("val_loss", 1.1 / epoch);
            metrics.put("val_accuracy", 0.45 + epoch / 10.0);
            listener.onEpochEnd(new TrainingListener.Epoch(epoch, 4, metrics, Duration.ofNanos(nanos[0]), 16_000));
        }
        listener.onTrainEnd(new TrainingListener.End(4, "completed", Map.of("loss", 0.25), Duration.ofNanos(nanos[0])));
    }

    @Test
    void trainingShowsOneOutputUpdatedInPlaceAndEndingAsAFigureOfTheLossCurves() {
        train(new LiveTrainingPlot(() -> nanos[0]));

        String displayId = outputs.get(0).displayId();
        assertTrue(outputs.stream().allMatch(o -> displayId.equals(o.displayId())), "one output");
        // 400 ms of training redrawn every 250 ms, plus opening and finishing.
        assertEquals(3, outputs.size());
        Output last = outputs.get(outputs.size() - 1);
        JsonObject figure = JsonParser.parseString(last.bundle().get(PLOTLY)).getAsJsonObject();
        JsonArray data = figure.getAsJsonArray("data");
        assertEquals(2, data.size(), "training and validation loss; accuracy has its own scale");
        assertEquals("loss", data.get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("val_loss", data.get(1).getAsJsonObject().get("name").getAsString());
        assertEquals(4, data.get(1).getAsJsonObject().getAsJsonArray("x").size());
        assertEquals("Training: 4 epochs in 0.4 s (completed)",
                figure.getAsJsonObject("layout").getAsJsonObject("title").get("text").getAsString());
    }

    @Test
    void theProgressBarFollowsTheBatches() {
        train(new LiveTrainingPlot(() -> nanos[0]));

        String duringTraining = outputs.get(1).bundle().get("text/plain");
        assertTrue(duringTraining.contains("epoch 3/4") && duringTraining.contains("batch 25/50")
                && duringTraining.contains("16,000 examples/s"), duringTraining);
    }
}
