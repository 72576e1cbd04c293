package io.perceptron.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.magics.Magics;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The protocol layer driven through an in-memory outbox and a fake language. */
class KernelProtocolTest {
    /**
     * The cells' loader for %help: one that sees only the JDK. With DJL visible, %help would load
     * PyTorch's native library into this test JVM, which then no other class loader (the
     * evaluator tests' cell loaders) could load again.
     */
    private static final ClassLoader JDK_ONLY = new URLClassLoader(new URL[0], null);
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final Session session = new Session("kernel-session");
    private final Session client = new Session("client-session");
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final CellOutput output = new CellOutput(outbox, session, log);
    private final AtomicInteger shutdowns = new AtomicInteger();
    private final FakeEvaluator language = new FakeEvaluator(this::cell, Map.of("println", "fun println(message: Any?)",
            "print", "fun print(message: Any?)", "pi", "Double"));
    private final KernelProtocol kernel = new KernelProtocol(language, language, outbox, session, output,
            KernelProtocolTest::render, Magics.standard(List.of("import io.perceptron.dsl.*"), JDK_ONLY),
            KernelInfo.perceptron("0.1.0", "2.3.10"), shutdowns::incrementAndGet);

    /** The fake language: a few cells with known outcomes. */
    private EvalResult cell(String code) {
        return switch (code) {
            case "6 * 7" -> new EvalResult.Value(42, "Int");
            case "val x = 1" -> new EvalResult.NoValue();
            case "println(\"hi\")" -> {
                output.stdout().println("hi");
                yield new EvalResult.NoValue();
            }
            case "chart" -> new EvalResult.Value(Map.of("application/vnd.plotly.v1+json", "{\"data\": []}",
                    "text/plain", "chart"), "Chart");
            case "1 / 0" -> new EvalResult.Failure("java.lang.ArithmeticException", "/ by zero",
                    List.of("java.lang.ArithmeticException: / by zero", "\tat Line_3.kts (line 1)"));
            case "bare" -> new EvalResult.Failure("Interrupted", "The cell was interrupted.", List.of());
            case "crash" -> throw new IllegalStateException("evaluator bug");
            default -> throw new AssertionError("The fake language has no cell " + code);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> render(Object value) {
        if (value instanceof Map<?, ?> bundle) {
            return new LinkedHashMap<>((Map<String, String>) bundle);
        }
        return Map.of("text/plain", String.valueOf(value));
    }

    @AfterEach
    void closeOutput() {
        output.close();
    }

    private JupyterMessage send(Channel channel, String type, JsonObject content) {
        JupyterMessage request = client.request(type, content);
        kernel.handle(channel, request);
        return request;
    }

    private JupyterMessage execute(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        return send(Channel.SHELL, "execute_request", content);
    }

    private static JsonObject content(String key, Object value) {
        JsonObject content = new JsonObject();
        if (value instanceof Number number) {
            content.addProperty(key, number);
        } else if (value instanceof Boolean flag) {
            content.addProperty(key, flag);
        } else {
            content.addProperty(key, String.valueOf(value));
        }
        return content;
    }

    @Test
    void anExecutedExpressionIsAnnouncedRunAndAnsweredInProtocolOrder() {
        JupyterMessage request = execute("6 * 7");

        assertEquals(List.of("IOPUB:status", "IOPUB:execute_input", "IOPUB:execute_result", "SHELL:execute_reply",
                "IOPUB:status"), outbox.types());
        List<JupyterMessage> statuses = outbox.ofType("status");
        assertEquals("busy", statuses.get(0).string("execution_state", ""));
        assertEquals("idle", statuses.get(1).string("execution_state", ""));
        JupyterMessage result = outbox.only("execute_result");
        assertEquals("42", result.content().getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(1, result.integer("execution_count", -1));
        JupyterMessage reply = outbox.only("execute_reply");
        assertEquals("ok", reply.string("status", ""));
        assertEquals(1, reply.integer("execution_count", -1));
        for (RecordingOutbox.Sent sent : outbox.all()) {
            assertEquals(request.id(), sent.message().parentHeader().get("msg_id").getAsString(),
                    sent.type() + " must name the request as its parent");
        }
    }

    @Test
    void theExecutionCountCountsCellsStoredInHistoryOnly() {
        execute("val x = 1");
        JsonObject silent = content("code", "6 * 7");
        silent.addProperty("silent", true);
        send(Channel.SHELL, "execute_request", silent);
        JsonObject unstored = content("code", "val x = 1");
        unstored.addProperty("store_history", false);
        send(Channel.SHELL, "execute_request", unstored);
        execute("6 * 7");

        List<Integer> counts = outbox.ofType("execute_reply").stream()
                .map(reply -> reply.integer("execution_count", -1)).toList();
        assertEquals(List.of(1, 1, 1, 2), counts);
    }

    @Test
    void aSilentCellPublishesNeitherItsInputNorItsResult() {
        JsonObject silent = content("code", "6 * 7");
        silent.addProperty("silent", true);
        send(Channel.SHELL, "execute_request", silent);

        assertEquals(List.of("IOPUB:status", "SHELL:execute_reply", "IOPUB:status"), outbox.types());
        assertEquals(List.of("6 * 7"), language.executed);
    }

    @Test
    void textACellPrintsIsPublishedBeforeItsReply() {
        execute("println(\"hi\")");

        assertEquals(List.of("IOPUB:status", "IOPUB:execute_input", "IOPUB:stream", "SHELL:execute_reply",
                "IOPUB:status"), outbox.types());
        JupyterMessage stream = outbox.only("stream");
        assertEquals("stdout", stream.string("name", ""));
        assertEquals("hi" + System.lineSeparator(), stream.string("text", ""));
    }

    @Test
    void aFailingCellPublishesTheErrorTripleAndRepliesWithStatusError() {
        execute("1 / 0");

        JupyterMessage error = outbox.only("error");
        assertEquals("java.lang.ArithmeticException", error.string("ename", ""));
        assertEquals("/ by zero", error.string("evalue", ""));
        assertEquals("\tat Line_3.kts (line 1)", error.content().getAsJsonArray("traceback").get(1).getAsString());
        JupyterMessage reply = outbox.only("execute_reply");
        assertEquals("error", reply.string("status", ""));
        assertEquals("java.lang.ArithmeticException", reply.string("ename", ""));
        assertEquals(1, reply.integer("execution_count", -1));
        assertFalse(outbox.types().contains("IOPUB:execute_result"));
    }

    @Test
    void anErrorWithoutTracebackStillShowsItsNameAndMessage() {
        execute("bare");

        JsonArray traceback = outbox.only("error").content().getAsJsonArray("traceback");
        assertEquals(1, traceback.size());
        assertEquals("Interrupted: The cell was interrupted.", traceback.get(0).getAsString());
    }

    @Test
    void aCrashInsideTheKernelIsReportedAsAKernelErrorAndTheKernelGoesOn() {
        execute("crash");
        execute("6 * 7");

        JupyterMessage error = outbox.only("error");
        assertEquals("KernelError", error.string("ename", ""));
        assertTrue(error.string("evalue", "").contains("evaluator bug"), error.string("evalue", ""));
        assertEquals(List.of("error", "ok"), outbox.ofType("execute_reply").stream()
                .map(reply -> reply.string("status", "")).toList());
    }

    @Test
    void jsonMimeTypesAreEmbeddedAsJsonObjects() {
        execute("chart");

        JsonObject data = outbox.only("execute_result").content().getAsJsonObject("data");
        assertTrue(data.get("application/vnd.plotly.v1+json").isJsonObject());
        assertEquals(0, data.getAsJsonObject("application/vnd.plotly.v1+json").getAsJsonArray("data").size());
        assertEquals("chart", data.get("text/plain").getAsString());
    }

    @Test
    void aFailureWithCellsQueuedBehindItAbortsThemUntilTheQueueIsDrained() {
        outbox.waiting = true;
        execute("1 / 0");
        execute("6 * 7");
        outbox.waiting = false; // the next cell is the last one that was waiting
        execute("6 * 7");
        execute("6 * 7");

        assertEquals(List.of("error", "aborted", "aborted", "ok"), outbox.ofType("execute_reply").stream()
                .map(reply -> reply.string("status", "")).toList());
        assertEquals(List.of("1 / 0", "6 * 7"), language.executed);
    }

    @Test
    void aFailureWithNothingQueuedAbortsNothing() {
        execute("1 / 0");
        execute("6 * 7");

        assertEquals(List.of("error", "ok"), outbox.ofType("execute_reply").stream()
                .map(reply -> reply.string("status", "")).toList());
    }

    @Test
    void aCellSentAfterTheLastAbortIsAnsweredRunsEvenIfItIsAlreadyWaitingWhenThatAnswerGoesOut() {
        outbox.waiting = true;
        execute("1 / 0");
        outbox.waiting = false; // the next cell is the last one queued behind the failure
        execute("6 * 7");
        // A front end that sends its next cell the moment it sees that abort: the cell can be
        // waiting before the kernel has finished with the aborted one. It was sent after the
        // failure was known, so it runs.
        outbox.waiting = true;
        execute("6 * 7");

        assertEquals(List.of("error", "aborted", "ok"), outbox.ofType("execute_reply").stream()
                .map(reply -> reply.string("status", "")).toList());
    }

    @Test
    void aFailingCellThatAsksToGoOnAbortsNothing() {
        outbox.waiting = true;
        JsonObject goOn = content("code", "1 / 0");
        goOn.addProperty("stop_on_error", false);
        send(Channel.SHELL, "execute_request", goOn);
        execute("6 * 7");

        assertEquals(List.of("error", "ok"), outbox.ofType("execute_reply").stream()
                .map(reply -> reply.string("status", "")).toList());
    }

    @Test
    void aBlankCellIsAnsweredWithoutRunningAnything() {
        execute("   \n");

        assertEquals("ok", outbox.only("execute_reply").string("status", ""));
        assertTrue(language.executed.isEmpty());
    }

    @Test
    void helpMagicPrintsWhatTheKernelOffersAndRunsTheCodeAfterIt() {
        execute("%help\n6 * 7");

        String help = outbox.ofType("stream").stream().map(s -> s.string("text", "")).reduce("", String::concat);
        assertTrue(help.contains("import io.perceptron.dsl.*"), help);
        assertTrue(help.contains("Tensors"), help);
        assertEquals("42", outbox.only("execute_result").content().getAsJsonObject("data")
                .get("text/plain").getAsString());
    }

    @Test
    void anUnknownMagicIsAnErrorThatListsTheKnownOnes() {
        execute("%timeit 6 * 7");

        JupyterMessage error = outbox.only("error");
        assertEquals("UnknownMagic", error.string("ename", ""));
        assertTrue(error.string("evalue", "").contains("There is no magic %timeit"), error.string("evalue", ""));
        assertTrue(error.string("evalue", "").contains("%help"), error.string("evalue", ""));
        assertTrue(language.executed.isEmpty(), "the code after a failed magic must not run");
    }

    @Test
    void completionReplyCarriesMatchesTheirSpanAndTheirTypes() {
        JsonObject request = content("code", "val a = pri");
        request.addProperty("cursor_pos", 11);
        send(Channel.SHELL, "complete_request", request);

        JupyterMessage reply = outbox.only("complete_reply");
        assertEquals("ok", reply.string("status", ""));
        assertEquals(List.of("print", "println"), reply.content().getAsJsonArray("matches").asList().stream()
                .map(m -> m.getAsString()).toList());
        assertEquals(8, reply.integer("cursor_start", -1));
        assertEquals(11, reply.integer("cursor_end", -1));
        JsonObject typed = reply.content().getAsJsonObject("metadata")
                .getAsJsonArray("_jupyter_types_experimental").get(1).getAsJsonObject();
        assertEquals("println", typed.get("text").getAsString());
        assertEquals("fun println(message: Any?)", typed.get("type").getAsString());
        assertEquals(8, typed.get("start").getAsInt());
    }

    @Test
    void cursorPositionsCountCodePointsNotJavaChars() {
        // The emoji is one code point but two Java chars: "pi" spans code points 5..7, chars 6..8.
        JsonObject request = content("code", "\"😀\"; pi");
        request.addProperty("cursor_pos", 7);
        send(Channel.SHELL, "complete_request", request);

        JupyterMessage reply = outbox.only("complete_reply");
        assertEquals(5, reply.integer("cursor_start", -1));
        assertEquals(7, reply.integer("cursor_end", -1));
        assertEquals("pi", reply.content().getAsJsonArray("matches").get(0).getAsString());
    }

    @Test
    void inspectionReportsWhetherItFoundTheNameAndWhatItIs() {
        JsonObject known = content("code", "pi");
        known.addProperty("cursor_pos", 1);
        send(Channel.SHELL, "inspect_request", known);
        JsonObject unknown = content("code", "zzz");
        unknown.addProperty("cursor_pos", 1);
        send(Channel.SHELL, "inspect_request", unknown);

        List<JupyterMessage> replies = outbox.ofType("inspect_reply");
        assertTrue(replies.get(0).flag("found", false));
        assertEquals("pi: Double", replies.get(0).content().getAsJsonObject("data").get("text/plain").getAsString());
        assertFalse(replies.get(1).flag("found", true));
        assertEquals(0, replies.get(1).content().getAsJsonObject("data").size());
    }

    @Test
    void isCompleteAnswersCompleteIncompleteWithAnIndentAndInvalid() {
        send(Channel.SHELL, "is_complete_request", content("code", "val x = 1"));
        send(Channel.SHELL, "is_complete_request", content("code", "fun f() {"));
        send(Channel.SHELL, "is_complete_request", content("code", "}"));

        List<JupyterMessage> replies = outbox.ofType("is_complete_reply");
        assertEquals(List.of("complete", "incomplete", "invalid"),
                replies.stream().map(r -> r.string("status", "")).toList());
        assertEquals("    ", replies.get(1).string("indent", ""));
    }

    @Test
    void historyListsExecutedCellsWithTheirResults() {
        execute("val x = 1");
        execute("6 * 7");
        JsonObject request = content("hist_access_type", "tail");
        request.addProperty("n", 5);
        request.addProperty("output", true);
        send(Channel.SHELL, "history_request", request);

        JsonArray history = outbox.only("history_reply").content().getAsJsonArray("history");
        assertEquals(2, history.size());
        JsonArray last = history.get(1).getAsJsonArray();
        assertEquals(ExecutionHistory.SESSION, last.get(0).getAsInt());
        assertEquals(2, last.get(1).getAsInt());
        assertEquals("6 * 7", last.get(2).getAsJsonArray().get(0).getAsString());
        assertEquals("42", last.get(2).getAsJsonArray().get(1).getAsString());
    }

    @Test
    void kernelInfoDescribesKotlinForEditorsAndExporters() {
        send(Channel.SHELL, "kernel_info_request", new JsonObject());

        JsonObject reply = outbox.only("kernel_info_reply").content();
        assertEquals("perceptron", reply.get("implementation").getAsString());
        assertEquals("5.3", reply.get("protocol_version").getAsString());
        JsonObject language = reply.getAsJsonObject("language_info");
        assertEquals("kotlin", language.get("name").getAsString());
        assertEquals("2.3.10", language.get("version").getAsString());
        assertEquals("text/x-kotlin", language.get("mimetype").getAsString());
        assertEquals(".kt", language.get("file_extension").getAsString());
        assertEquals("kotlin", language.get("pygments_lexer").getAsString());
        assertEquals("text/x-kotlin", language.get("codemirror_mode").getAsString());
    }

    @Test
    void commsAreListedEmptyAndAnOpenedCommIsClosedPolitely() {
        send(Channel.SHELL, "comm_info_request", new JsonObject());
        JsonObject open = content("comm_id", "c-1");
        open.addProperty("target_name", "jupyter.widget");
        send(Channel.SHELL, "comm_open", open);

        assertEquals(0, outbox.only("comm_info_reply").content().getAsJsonObject("comms").size());
        assertEquals("c-1", outbox.only("comm_close").string("comm_id", ""));
    }

    @Test
    void anUnknownRequestGetsAnErrorReplyNamingIt() {
        send(Channel.CONTROL, "debug_request", new JsonObject());

        JupyterMessage reply = outbox.only("debug_reply");
        assertEquals(Channel.CONTROL, outbox.all().stream().filter(s -> s.type().equals("debug_reply"))
                .findFirst().orElseThrow().channel());
        assertEquals("error", reply.string("status", ""));
        assertTrue(reply.string("evalue", "").contains("'debug_request'"), reply.string("evalue", ""));
    }

    @Test
    void interruptOnControlStopsTheRunningCell() {
        send(Channel.CONTROL, "interrupt_request", new JsonObject());

        assertEquals(1, language.interrupts);
        assertEquals("ok", outbox.only("interrupt_reply").string("status", ""));
    }

    @Test
    void shutdownIsAnsweredBeforeTheKernelStops() {
        send(Channel.CONTROL, "shutdown_request", content("restart", true));

        JupyterMessage reply = outbox.ofType("shutdown_reply").get(0);
        assertTrue(reply.flag("restart", false));
        assertEquals(1, shutdowns.get());
    }
}
