package io.perceptron.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.perceptron.kernel.display.MimeBundles;
import io.perceptron.kernel.eval.Completeness;
import io.perceptron.kernel.eval.Completions;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.Evaluator;
import io.perceptron.kernel.magics.MagicException;
import io.perceptron.kernel.magics.Magics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers every request a Jupyter front end sends, keeping the books around the evaluator:
 * busy and idle around each request, the execution count, {@code execute_input}, results,
 * errors, history, completion offsets, comms, interrupt and shutdown.
 *
 * <p>It knows code only through {@link Evaluator} and {@link CellExecutor}, and the wire only
 * through {@link Outbox}, so it runs the same over ZeroMQ and in a unit test.
 *
 * <p>For a cell {@code 6 * 7} it publishes {@code status: busy}, {@code execute_input},
 * {@code execute_result} with {@code text/plain: 42}, replies {@code execute_reply} with status
 * {@code ok} and {@code execution_count}, and publishes {@code status: idle}; text the cell prints
 * arrives as {@code stream} messages in between.
 *
 * <p>A request this kernel does not know ({@code foo_request}) gets a {@code foo_reply} with
 * status {@code error} rather than silence, so no front end waits forever.
 */
public final class KernelProtocol implements RequestHandler {
    private static final Logger LOG = Logger.getLogger(KernelProtocol.class.getName());
    /** The indent suggested after an incomplete line (an open brace). */
    private static final String INDENT = "    ";
    /** Completion metadata JupyterLab reads to show each match's type or kind. */
    private static final String TYPES_METADATA = "_jupyter_types_experimental";

    private final Evaluator evaluator;
    private final CellExecutor executor;
    private final Outbox outbox;
    private final Session session;
    private final CellOutput output;
    private final Function<Object, Map<String, String>> renderer;
    private final Magics magics;
    private final KernelInfo info;
    private final Runnable onShutdown;
    private final ExecutionHistory history = new ExecutionHistory();
    private int executionCount;
    /**
     * Set when a cell with {@code stop_on_error} fails (or is interrupted) while more requests
     * wait behind it ("Run All"): the execute requests that were already waiting are aborted
     * instead of run. Whether the queue goes on is asked as each request is taken, before it is
     * answered, so a request the front end sends after seeing that answer is never aborted.
     */
    private boolean abortingQueue;

    /**
     * @param evaluator  completes, inspects and checks cells (never runs them here)
     * @param executor   runs cells, interruptibly
     * @param outbox     where messages go
     * @param session    makes the message headers
     * @param output     routes a running cell's streams and displays
     * @param renderer   turns a cell's value into a MIME bundle
     * @param magics     the {@code %} line magics
     * @param info       what {@code kernel_info_reply} says
     * @param onShutdown called after a shutdown request has been answered
     */
    public KernelProtocol(Evaluator evaluator, CellExecutor executor, Outbox outbox, Session session,
                          CellOutput output, Function<Object, Map<String, String>> renderer, Magics magics,
                          KernelInfo info, Runnable onShutdown) {
        this.evaluator = evaluator;
        this.executor = executor;
        this.outbox = outbox;
        this.session = session;
        this.output = output;
        this.renderer = renderer;
        this.magics = magics;
        this.info = info;
        this.onShutdown = onShutdown;
    }

    /** Announces the kernel on IOPub; call once the sockets are bound. */
    public void announceStarting() {
        publish(null, "status", status("starting"));
    }

    @Override
    public void handle(Channel channel, JupyterMessage request) {
        boolean queuedBehindFailure = channel == Channel.SHELL && abortingQueue;
        if (queuedBehindFailure) {
            abortingQueue = outbox.hasWaiting(channel);
        }
        publish(request, "status", status("busy"));
        try {
            dispatch(channel, request, queuedBehindFailure);
        } catch (RuntimeException | Error e) {
            // Whatever broke, the front end still gets an answer and the kernel keeps serving.
            LOG.log(Level.SEVERE, "Failed to handle " + request, e);
            if (request.type().endsWith("_request")) {
                reply(channel, request, replyType(request), errorReply(ProtocolErrors.internal(request.type(), e)));
            }
        } finally {
            publish(request, "status", status("idle"));
        }
    }

    private void dispatch(Channel channel, JupyterMessage request, boolean queuedBehindFailure) {
        switch (request.type()) {
            case "kernel_info_request" -> reply(channel, request, "kernel_info_reply", info.toReply());
            case "execute_request" -> {
                if (queuedBehindFailure) {
                    abort(channel, request);
                } else {
                    execute(channel, request);
                }
            }
            case "complete_request" -> reply(channel, request, "complete_reply", complete(request));
            case "inspect_request" -> reply(channel, request, "inspect_reply", inspect(request));
            case "is_complete_request" -> reply(channel, request, "is_complete_reply", isComplete(request));
            case "history_request" -> reply(channel, request, "history_reply", history(request));
            case "comm_info_request" -> reply(channel, request, "comm_info_reply", commInfo());
            case "comm_open" -> closeUnknownComm(request);
            case "comm_msg", "comm_close" -> LOG.fine(() -> "Ignored " + request.type() + ": this kernel has no comms");
            case "interrupt_request" -> {
                executor.interrupt();
                reply(channel, request, "interrupt_reply", ok());
            }
            case "shutdown_request" -> shutdown(channel, request);
            default -> unknown(channel, request);
        }
    }

    private void execute(Channel channel, JupyterMessage request) {
        String code = request.string("code", "");
        boolean silent = request.flag("silent", false);
        boolean storeHistory = !silent && request.flag("store_history", true);
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publish(request, "execute_input", input);
        }
        if (storeHistory && !code.isBlank()) {
            history.add(count, code);
        }

        EvalResult result;
        output.begin(request, count);
        try {
            result = run(code, count);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "The evaluator failed on a cell", e);
            result = ProtocolErrors.internal("execute_request", e);
        } finally {
            output.end();
        }

        JsonObject reply;
        if (result instanceof EvalResult.Failure failure) {
            publish(request, "error", errorContent(failure));
            reply = errorReply(failure);
            abortingQueue = request.flag("stop_on_error", true) && outbox.hasWaiting(channel);
        } else {
            if (result instanceof EvalResult.Value value && !silent) {
                publishResult(request, count, value, storeHistory);
            }
            reply = ok();
            reply.add("user_expressions", new JsonObject());
            reply.add("payload", new JsonArray());
        }
        reply.addProperty("execution_count", count);
        reply(channel, request, "execute_reply", reply);
    }

    /** Publishes a cell's value as {@code execute_result}, rendered to a MIME bundle. */
    private void publishResult(JupyterMessage request, int count, EvalResult.Value value, boolean storeHistory) {
        Map<String, String> bundle = renderer.apply(value.value());
        if (storeHistory) {
            history.output(count, bundle.get("text/plain"));
        }
        JsonObject published = new JsonObject();
        published.addProperty("execution_count", count);
        published.add("data", MimeBundles.toJson(bundle));
        published.add("metadata", new JsonObject());
        publish(request, "execute_result", published);
    }

    /** Answers an execute request queued behind a failed cell without running it, as ipykernel does. */
    private void abort(Channel channel, JupyterMessage request) {
        JsonObject reply = new JsonObject();
        reply.addProperty("status", "aborted");
        reply.addProperty("execution_count", executionCount);
        reply(channel, request, "execute_reply", reply);
    }

    /** Runs the cell's magic lines, then its code; a blank cell runs nothing. */
    private EvalResult run(String cell, int cellNumber) {
        Magics.MagicCell split = Magics.split(cell);
        for (String line : split.magicLines()) {
            try {
                magics.run(line, output.stdout());
            } catch (MagicException e) {
                return new EvalResult.Failure(e.errorName(), e.getMessage(), List.of(e.getMessage()));
            }
        }
        return split.code().isBlank() ? new EvalResult.NoValue() : executor.execute(split.code(), cellNumber);
    }

    private JsonObject complete(JupyterMessage request) {
        String code = request.string("code", "");
        int cursor = CodePoints.toCharIndex(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        Completions completions = evaluator.complete(code, cursor);
        int start = CodePoints.fromCharIndex(code, completions.start());
        int end = CodePoints.fromCharIndex(code, completions.end());

        JsonArray matches = new JsonArray();
        JsonArray types = new JsonArray();
        for (int i = 0; i < completions.matches().size(); i++) {
            String match = completions.matches().get(i);
            matches.add(match);
            JsonObject typed = new JsonObject();
            typed.addProperty("start", start);
            typed.addProperty("end", end);
            typed.addProperty("text", match);
            typed.addProperty("type", i < completions.types().size() ? completions.types().get(i) : "");
            types.add(typed);
        }
        JsonObject metadata = new JsonObject();
        metadata.add(TYPES_METADATA, types);

        JsonObject reply = ok();
        reply.add("matches", matches);
        reply.addProperty("cursor_start", start);
        reply.addProperty("cursor_end", end);
        reply.add("metadata", metadata);
        return reply;
    }

    private JsonObject inspect(JupyterMessage request) {
        String code = request.string("code", "");
        int cursor = CodePoints.toCharIndex(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        Optional<String> found = evaluator.inspect(code, cursor);
        JsonObject data = new JsonObject();
        found.ifPresent(text -> data.addProperty("text/plain", text));
        JsonObject reply = ok();
        reply.addProperty("found", found.isPresent());
        reply.add("data", data);
        reply.add("metadata", new JsonObject());
        return reply;
    }

    private JsonObject isComplete(JupyterMessage request) {
        Completeness completeness = evaluator.isComplete(request.string("code", ""));
        JsonObject reply = new JsonObject();
        reply.addProperty("status", completeness.name().toLowerCase(Locale.ROOT));
        if (completeness == Completeness.INCOMPLETE) {
            reply.addProperty("indent", INDENT);
        }
        return reply;
    }

    private JsonObject history(JupyterMessage request) {
        boolean withOutput = request.flag("output", false);
        List<ExecutionHistory.Entry> entries = switch (request.string("hist_access_type", "tail")) {
            case "range" -> history.range(request.integer("session", 0), request.integer("start", 0),
                    request.integer("stop", 0));
            case "search" -> history.search(request.string("pattern", "*"), request.integer("n", 0),
                    request.flag("unique", false));
            default -> history.tail(request.integer("n", 10));
        };
        JsonArray items = new JsonArray();
        for (ExecutionHistory.Entry entry : entries) {
            JsonArray item = new JsonArray();
            item.add(ExecutionHistory.SESSION);
            item.add(entry.line());
            if (withOutput) {
                JsonArray inputOutput = new JsonArray();
                inputOutput.add(entry.input());
                inputOutput.add(entry.output());
                item.add(inputOutput);
            } else {
                item.add(entry.input());
            }
            items.add(item);
        }
        JsonObject reply = ok();
        reply.add("history", items);
        return reply;
    }

    private static JsonObject commInfo() {
        JsonObject reply = ok();
        reply.add("comms", new JsonObject());
        return reply;
    }

    /** No comm targets exist yet: the protocol asks a kernel to close a comm it cannot open. */
    private void closeUnknownComm(JupyterMessage request) {
        LOG.fine(() -> "No comm target '" + request.string("target_name", "") + "'; closing the comm");
        JsonObject close = new JsonObject();
        close.addProperty("comm_id", request.string("comm_id", ""));
        close.add("data", new JsonObject());
        publish(request, "comm_close", close);
    }

    private void shutdown(Channel channel, JupyterMessage request) {
        JsonObject reply = ok();
        reply.addProperty("restart", request.flag("restart", false));
        reply(channel, request, "shutdown_reply", reply);
        publish(request, "shutdown_reply", reply);
        executor.interrupt();
        onShutdown.run();
    }

    private void unknown(Channel channel, JupyterMessage request) {
        if (request.type().endsWith("_request")) {
            LOG.info(() -> "Answered unsupported " + request.type() + " with an error reply");
            reply(channel, request, replyType(request), errorReply(ProtocolErrors.unsupported(request.type())));
        } else {
            LOG.warning(() -> "Ignored a " + request.type() + " message on " + channel + ": it is not a request");
        }
    }

    private static String replyType(JupyterMessage request) {
        return request.type().replaceFirst("_request$", "_reply");
    }

    /** The content of an IOPub {@code error} message: the error triple. */
    private static JsonObject errorContent(EvalResult.Failure failure) {
        JsonArray traceback = new JsonArray();
        // Front ends show only the traceback: it must say at least what the error is.
        List<String> lines = failure.traceback().isEmpty()
                ? List.of(failure.name() + ": " + failure.message())
                : failure.traceback();
        lines.forEach(traceback::add);
        JsonObject content = new JsonObject();
        content.addProperty("ename", failure.name());
        content.addProperty("evalue", failure.message() == null ? "" : failure.message());
        content.add("traceback", traceback);
        return content;
    }

    /** The content of a reply with status {@code error}: the error triple and the status. */
    private static JsonObject errorReply(EvalResult.Failure failure) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        errorContent(failure).entrySet().forEach(entry -> content.add(entry.getKey(), entry.getValue()));
        return content;
    }

    private static JsonObject ok() {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        return content;
    }

    private static JsonObject status(String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        return content;
    }

    private void reply(Channel channel, JupyterMessage request, String type, JsonObject content) {
        outbox.send(channel, session.reply(request, type, content));
    }

    private void publish(JupyterMessage parent, String type, JsonObject content) {
        outbox.send(Channel.IOPUB, session.publish(parent, type, content));
    }

    @Override
    public String toString() {
        return "KernelProtocol(" + info.implementation() + ", " + executionCount + " cells run)";
    }
}
