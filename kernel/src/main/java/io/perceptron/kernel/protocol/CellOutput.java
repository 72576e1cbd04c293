package io.perceptron.kernel.protocol;

import com.google.gson.JsonObject;
import io.perceptron.kernel.display.DisplayTarget;
import io.perceptron.kernel.display.MimeBundles;
import io.perceptron.kernel.eval.CellOrigin;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where a running cell's output goes: its {@code System.out} and {@code System.err} text as
 * IOPub {@code stream} messages, and what it shows with {@code display(...)} as
 * {@code display_data} / {@code update_display_data}, each linked to the cell's execute request.
 *
 * <p>The kernel replaces {@code System.out} and {@code System.err} once at start-up with
 * {@link #stdout()} and {@link #stderr()}; {@link #begin} and {@link #end} bracket each cell.
 * Text printed by a thread a cell started goes to that cell (its {@link CellOrigin}), also after
 * the cell returned: a {@code stream} message whose parent is that cell's request, which front
 * ends show under the cell. Other text goes to the running cell, or, with no cell running (the
 * kernel itself), to the log stream instead of being lost.
 *
 * <p>What a cell sees:
 * <pre>{@code
 * for (epoch in 1..3) { println("epoch $epoch"); Thread.sleep(1000) }   // each line shows as printed
 * display(table)                                                     // display_data, after the text above
 * }</pre>
 */
public final class CellOutput implements DisplayTarget, AutoCloseable {
    /** How many cells' requests are kept for their threads' late output; older cells' threads print to the log. */
    private static final int RECENT_CELLS = 100;
    private final Outbox outbox;
    private final Session session;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "perceptron-stream-flush");
        thread.setDaemon(true);
        return thread;
    });
    private final CellStream stdout;
    private final CellStream stderr;
    private final PrintStream stdoutPrinter;
    private final PrintStream stderrPrinter;

    /** The request whose cell runs now, or {@code null}. */
    private volatile JupyterMessage running;
    /** The requests of the latest cells by cell number, for late output of threads they started. */
    private final Map<Integer, JupyterMessage> recentCells = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, JupyterMessage> eldest) {
            return size() > RECENT_CELLS;
        }
    };
    /** The last cell's request: displays updated after their cell ended still need a parent. */
    private volatile JupyterMessage lastCell;

    /**
     * @param log where text goes while no cell runs: the kernel's original standard error
     */
    public CellOutput(Outbox outbox, Session session, OutputStream log) {
        this.outbox = outbox;
        this.session = session;
        this.stdout = new CellStream("stdout", this, log, timer);
        this.stderr = new CellStream("stderr", this, log, timer);
        // No auto-flush: CellStream decides when to send; an explicit flush() still sends at once.
        this.stdoutPrinter = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        this.stderrPrinter = new PrintStream(stderr, false, StandardCharsets.UTF_8);
    }

    /** The stream to install as {@code System.out}. */
    public PrintStream stdout() {
        return stdoutPrinter;
    }

    /** The stream to install as {@code System.err}. */
    public PrintStream stderr() {
        return stderrPrinter;
    }

    /** Routes output to {@code request}'s cell from now on. */
    public void begin(JupyterMessage request) {
        lastCell = request;
        running = request;
    }

    /**
     * Routes output to {@code request}'s cell from now on, and output of the threads cell
     * {@code cellNumber} starts to it also after it ended.
     */
    public void begin(JupyterMessage request, int cellNumber) {
        synchronized (recentCells) {
            recentCells.put(cellNumber, request);
        }
        begin(request);
    }

    /** Sends whatever the cell wrote and not sent yet; call before the cell's result and reply. */
    public void flush() {
        stdoutPrinter.flush();
        stderrPrinter.flush();
    }

    /** Flushes the cell's output and stops routing to it. */
    public void end() {
        flush();
        running = null;
    }

    /**
     * The cell whose output the calling thread's text is: the cell that started the thread, else
     * the running cell; null if neither (the text goes to the log).
     */
    JupyterMessage destination() {
        OptionalInt origin = CellOrigin.cellNumber();
        if (origin.isPresent()) {
            synchronized (recentCells) {
                JupyterMessage startedBy = recentCells.get(origin.getAsInt());
                if (startedBy != null) {
                    return startedBy;
                }
            }
        }
        return running;
    }

    /** Publishes text of stream {@code name} as output of {@code parent}'s cell. */
    void publishStream(JupyterMessage parent, String name, String text) {
        JsonObject content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        outbox.send(Channel.IOPUB, session.publish(parent, "stream", content));
    }

    /**
     * Publishes a display. Text the cell printed before is flushed first, so the notebook shows
     * both in the order the cell produced them.
     */
    @Override
    public void show(Map<String, String> bundle, String displayId, boolean update) {
        flush();
        JupyterMessage parent = running != null ? running : lastCell;
        boolean isUpdate = update && displayId != null;
        JsonObject content = new JsonObject();
        content.add("data", MimeBundles.toJson(bundle));
        content.add("metadata", new JsonObject());
        JsonObject transientPart = new JsonObject();
        if (displayId != null) {
            transientPart.addProperty("display_id", displayId);
        }
        content.add("transient", transientPart);
        outbox.send(Channel.IOPUB, session.publish(parent, isUpdate ? "update_display_data" : "display_data", content));
    }

    @Override
    public void close() {
        end();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        JupyterMessage cell = running;
        return "CellOutput(" + (cell == null ? "no cell running" : "cell " + cell.id()) + ")";
    }
}
