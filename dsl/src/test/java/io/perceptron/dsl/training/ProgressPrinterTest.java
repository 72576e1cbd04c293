package io.perceptron.dsl.training;

import static io.perceptron.dsl.training.EarlyStoppingTest.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-text progress: at most about one epoch line a second, the first and the last always. */
class ProgressPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long[] nanos = {0};
    private final ProgressPrinter printer =
            new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> nanos[0]);

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void fastEpochsPrintTheFirstTheLastAndOneASecond() {
        printer.onTrainStart(new TrainingListener.Start("model on data: settings", 10, 5, 100, 0, List.of("loss")));
        for (int epoch = 1; epoch <= 10; epoch++) {
            nanos[0] += Duration.ofMillis(300).toNanos();
            printer.onEpochEnd(epoch(epoch, "loss", 1.0 / epoch));
        }
        printer.onTrainEnd(new TrainingListener.End(10, "completed 10 epochs", Map.of("loss", 0.1), Duration.ofSeconds(3)));

        List<String> epochs = lines().stream().filter(line -> line.startsWith("epoch ")).map(line -> line.split(" ")[1])
                .toList();
        assertEquals("Training model on data: settings", lines().get(0));
        assertEquals(List.of("1/10", "5/10", "9/10", "10/10"), epochs,
                "epochs end every 0.3 s: the first, then the first a second or more after the last line, and the last");
        assertEquals("Done in 3.00 s: completed 10 epochs, loss 0.1000", lines().get(lines().size() - 1));
    }

    @Test
    void anEpochHeldBackIsPrintedWhenTrainingEndsEarly() {
        printer.onTrainStart(new TrainingListener.Start("settings", 10, 5, 100, 0, List.of("loss")));
        printer.onEpochEnd(epoch(1, "loss", 0.5));
        nanos[0] += Duration.ofMillis(100).toNanos();
        printer.onEpochEnd(epoch(2, "loss", 0.4));
        printer.onTrainEnd(new TrainingListener.End(2, "interrupted at epoch 3, batch 1", Map.of("loss", 0.4),
                Duration.ofMillis(100)));

        assertEquals(List.of("Training settings", "epoch 1/10  loss 0.5000  (0.00 s, 0 examples/s)",
                "epoch 2/10  loss 0.4000  (0.00 s, 0 examples/s)",
                "Done in 0.10 s: interrupted at epoch 3, batch 1, loss 0.4000"), lines());
    }
}
