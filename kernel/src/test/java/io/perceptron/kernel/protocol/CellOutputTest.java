package io.perceptron.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.perceptron.kernel.eval.CellRunner;
import io.perceptron.kernel.eval.EvalResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a running cell's printed text and displays reach IOPub. */
class CellOutputTest {
    /** Generous: these tests check that text arrives without an explicit flush, never how fast. */
    private static final long ARRIVAL_TIMEOUT_MS = 5000;

    private final RecordingOutbox outbox = new RecordingOutbox();
    private final Session session = new Session("kernel-session");
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final CellOutput output = new CellOutput(outbox, session, log);
    private final JupyterMessage cell = new Session("client").request("execute_request", new JsonObject());

    @AfterEach
    void close() {
        output.close();
    }

    private String streamed(String name) {
        return outbox.ofType("stream").stream()
                .filter(m -> m.string("name", "").equals(name))
                .map(m -> m.string("text", ""))
                .reduce("", String::concat);
    }

    @Test
    void aCompletedLineIsSentWhileTheCellIsStillRunning() throws InterruptedException {
        output.begin(cell);
        output.stdout().print("epoch 1\n");

        JupyterMessage stream = outbox.await(m -> m.type().equals("stream"), ARRIVAL_TIMEOUT_MS);
        assertEquals("epoch 1\n", stream.string("text", ""));
        assertEquals("stdout", stream.string("name", ""));
        assertEquals(cell.id(), stream.parentHeader().get("msg_id").getAsString());
    }

    @Test
    void aPartialLineIsSentWithoutWaitingForTheCellToEnd() throws InterruptedException {
        output.begin(cell);
        output.stdout().print("loading... ");

        JupyterMessage stream = outbox.await(m -> m.type().equals("stream"), ARRIVAL_TIMEOUT_MS);
        assertEquals("loading... ", stream.string("text", ""));
    }

    @Test
    void manyQuickLinesAllArriveInOrder() {
        output.begin(cell);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            output.stdout().print("line " + i + "\n");
            expected.append("line ").append(i).append('\n');
        }
        output.end();

        assertEquals(expected.toString(), streamed("stdout"));
        assertTrue(outbox.ofType("stream").size() < 500, "quick lines are batched into fewer messages");
    }

    @Test
    void endingTheCellSendsEverythingItWroteToBothStreams() {
        output.begin(cell);
        output.stdout().print("out");
        output.stderr().print("err");
        output.end();

        assertEquals("out", streamed("stdout"));
        assertEquals("err", streamed("stderr"));
    }

    @Test
    void textWrittenWithNoCellRunningGoesToTheLog() {
        output.stdout().print("from a background thread\n");

        assertTrue(outbox.all().isEmpty());
        assertEquals("from a background thread\n", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void textOfAThreadTheCellStartedArrivesUnderThatCellAfterItEnded() throws InterruptedException {
        CountDownLatch cellReturned = new CountDownLatch(1);
        FakeEvaluator startsAThread = new FakeEvaluator(code -> {
            Thread late = new Thread(() -> {
                awaitQuietly(cellReturned);
                output.stdout().print("late\n");
            });
            late.start();
            return new EvalResult.NoValue();
        }, Map.of());
        JupyterMessage second = new Session("client").request("execute_request", new JsonObject());
        try (CellRunner runner = new CellRunner(startsAThread)) {
            output.begin(cell, 1);
            runner.run("start a thread", 1);
            output.end();
            output.begin(second, 2);
            cellReturned.countDown();

            JupyterMessage stream = outbox.await(m -> m.type().equals("stream"), ARRIVAL_TIMEOUT_MS);
            output.end();

            assertEquals("late\n", stream.string("text", ""));
            assertEquals(cell.id(), stream.parentHeader().get("msg_id").getAsString(),
                    "the text belongs to the cell that started the thread, not to the one running now");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCharacterSplitAcrossTwoWritesArrivesWhole() throws InterruptedException {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        output.begin(cell);
        output.stdout().write(euro, 0, 1);
        Thread.sleep(3 * CellStream.MIN_INTERVAL_MS);
        output.stdout().write(euro, 1, 2);
        output.end();

        assertEquals("€", streamed("stdout"));
    }

    @Test
    void aDisplayIsPublishedAfterTheTextPrintedBeforeIt() {
        output.begin(cell);
        output.stdout().print("before ");
        output.show(Map.of("text/plain", "shown"), null, false);

        assertEquals("stream", outbox.all().get(0).type());
        JupyterMessage display = outbox.only("display_data");
        assertEquals("shown", display.content().getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(0, display.content().getAsJsonObject("transient").size());
        assertEquals(cell.id(), display.parentHeader().get("msg_id").getAsString());
    }

    @Test
    void anUpdatableDisplayCarriesItsIdAndItsUpdatesReplaceIt() {
        output.begin(cell);
        output.show(Map.of("text/plain", "epoch 1"), "progress", false);
        output.show(Map.of("text/plain", "epoch 2"), "progress", true);

        JupyterMessage first = outbox.only("display_data");
        JupyterMessage update = outbox.only("update_display_data");
        assertEquals("progress", first.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("progress", update.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertEquals("epoch 2", update.content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void aDisplayUpdatedAfterItsCellEndedStillNamesThatCell() {
        output.begin(cell);
        output.end();
        output.show(Map.of("text/plain", "done"), "progress", true);

        JupyterMessage update = outbox.only("update_display_data");
        assertEquals(cell.id(), update.parentHeader().get("msg_id").getAsString());
        assertFalse(outbox.types().contains("IOPUB:stream"));
    }
}
