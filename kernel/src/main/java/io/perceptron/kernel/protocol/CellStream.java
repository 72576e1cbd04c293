package io.perceptron.kernel.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One of the two byte streams ({@code stdout}, {@code stderr}) that {@code System.out} and
 * {@code System.err} write to. Bytes written for a cell ({@link CellOutput#destination()}: the
 * running cell, or the one that started the writing thread) become IOPub {@code stream} messages
 * of that cell; other bytes go to the log stream (the kernel's original stderr).
 *
 * <p>When text is sent: a completed line goes out at once unless a message left less than
 * {@link #MIN_INTERVAL_MS} ago, and anything held back (a partial line, or lines arriving faster
 * than that) goes out by a timer at most that long after. So a cell printing a line a second
 * shows each line as it happens, and a cell printing thousands of lines sends a few dozen
 * messages a second instead of thousands. {@link #flush()} sends everything now.
 */
final class CellStream extends OutputStream {
    /** The shortest gap between two messages of one stream; ipykernel batches similarly (200 ms). */
    static final long MIN_INTERVAL_MS = 50;

    private final String name;
    private final CellOutput output;
    private final OutputStream log;
    private final ScheduledExecutorService timer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    /** The cell the pending bytes are output of. */
    private JupyterMessage pendingCell;
    private long lastSentNanos;
    private boolean flushScheduled;

    CellStream(String name, CellOutput output, OutputStream log, ScheduledExecutorService timer) {
        this.name = name;
        this.output = output;
        this.log = log;
        this.timer = timer;
    }

    /** {@code stdout} or {@code stderr}. */
    String name() {
        return name;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        JupyterMessage destination = output.destination();
        if (destination == null) {
            writeToLog(bytes, offset, length);
            return;
        }
        if (destination != pendingCell) {
            // Text of another cell (a background thread of an earlier one): what is pending goes first.
            send(true);
            pendingCell = destination;
        }
        pending.write(bytes, offset, length);
        boolean completesLine = false;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                completesLine = true;
                break;
            }
        }
        long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastSentNanos);
        if (completesLine && sinceLast >= MIN_INTERVAL_MS) {
            send(false);
        } else if (!flushScheduled) {
            flushScheduled = true;
            long delay = Math.max(1, MIN_INTERVAL_MS - sinceLast);
            timer.schedule(this::flushOnTimer, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends everything written so far, including a partial line. */
    @Override
    public synchronized void flush() {
        send(true);
    }

    private synchronized void flushOnTimer() {
        flushScheduled = false;
        send(false);
    }

    /**
     * Sends the pending bytes. Unless {@code all}, a multi-byte character cut in half by the
     * writer stays pending until its remaining bytes arrive.
     */
    private void send(boolean all) {
        if (pending.size() == 0) {
            return;
        }
        byte[] bytes = pending.toByteArray();
        int end = all ? bytes.length : completeUtf8Prefix(bytes);
        pending.reset();
        pending.write(bytes, end, bytes.length - end);
        if (end == 0) {
            return;
        }
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        lastSentNanos = System.nanoTime();
        output.publishStream(pendingCell, name, text);
    }

    private void writeToLog(byte[] bytes, int offset, int length) {
        try {
            log.write(bytes, offset, length);
            log.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The length of the longest prefix of {@code bytes} that ends on a whole UTF-8 character. */
    static int completeUtf8Prefix(byte[] bytes) {
        int length = bytes.length;
        // A UTF-8 character is at most 4 bytes: look back at most 3 for the lead byte of the last one.
        for (int i = length - 1; i >= Math.max(0, length - 4); i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                int needed = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return i + needed <= length ? length : i;
            }
        }
        return length;
    }
}
