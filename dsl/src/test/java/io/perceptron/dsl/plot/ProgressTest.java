package io.perceptron.dsl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a training run is, as a progress bar and a progress line. */
class ProgressTest {

    @Test
    void theLineShowsEpochBarShareBatchLossSpeedAndTimeLeft() {
        Progress progress = Progress.of(3, 10, 40, 100).loss(0.4213).speed(2000).elapsed(Duration.ofSeconds(12));

        assertEquals("epoch 3/10 [#####...............]  24%  batch 40/100  loss 0.4213  2,000 examples/s  0:38 left",
                progress.text());
    }

    @Test
    void theShareDoneCountsTheBatchesOfEveryEpoch() {
        assertEquals(0.0, Progress.of(1, 4, 0, 10).fraction(), 1e-12);
        assertEquals(0.5, Progress.of(3, 4, 0, 10).fraction(), 1e-12);
        assertEquals(1.0, Progress.of(4, 4, 10, 10).fraction(), 1e-12);
    }

    @Test
    void timeLeftIsUnknownBeforeAnythingIsDone() {
        assertEquals(Optional.empty(), Progress.of(1, 4, 0, 10).elapsed(Duration.ofSeconds(1)).timeLeft());
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                Progress.of(2, 4, 0, 10).elapsed(Duration.ofSeconds(10)).timeLeft());
    }

    @Test
    void theLineLeavesOutWhatIsNotKnown() {
        assertEquals("epoch 1/2 [....................]   0%  batch 0/5", Progress.of(1, 2, 0, 5).text());
    }

    @Test
    void theBarShowsTheSameDetailsAsHtml() {
        String html = Progress.of(2, 4, 5, 10).loss(0.5).elapsed(Duration.ofMinutes(2)).html();

        assertTrue(html.contains("<progress max=\"1000\" value=\"375\""), html);
        assertTrue(html.contains("<span>loss 0.5000</span>"), html);
        assertTrue(html.contains("<span>3:20 left</span>"), html);
    }

    @Test
    void longTimesShowHours() {
        assertEquals("1:02:03", Progress.clock(Duration.ofSeconds(3723)));
        assertEquals("0:05", Progress.clock(Duration.ofMillis(4600)));
    }
}
