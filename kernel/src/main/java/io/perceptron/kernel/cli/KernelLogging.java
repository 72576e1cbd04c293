package io.perceptron.kernel.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Where the kernel's own log goes: never into a notebook. By default warnings and worse go to
 * the kernel's original standard error (the terminal that runs Jupyter), one line each (a stack
 * trace follows where there is one). Two environment variables change that:
 * <ul>
 *   <li>{@code PERCEPTRON_LOG=debug} (or {@code info}) logs more, for instance every dropped message;</li>
 *   <li>{@code PERCEPTRON_LOG_FILE=/tmp/perceptron.log} writes the log to that file instead.</li>
 * </ul>
 */
final class KernelLogging {
    private KernelLogging() {
    }

    /**
     * Sends every log record to {@code originalStderr} (or the log file). Must run before
     * {@code System.err} is replaced, so no handler ever writes into a cell's output.
     */
    static void configure(OutputStream originalStderr, String levelName, String logFile) {
        LogManager.getLogManager().reset();
        Level level = level(levelName);
        Handler handler;
        if (logFile != null && !logFile.isBlank()) {
            try {
                handler = new FileHandler(Path.of(logFile).toString(), true);
                handler.setFormatter(new OneLine());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not open the log file PERCEPTRON_LOG_FILE=" + logFile, e);
            }
        } else {
            handler = new StreamHandler(originalStderr, new OneLine()) {
                @Override
                public synchronized void publish(LogRecord record) {
                    super.publish(record);
                    flush();
                }
            };
        }
        handler.setLevel(level);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(level);
    }

    /** {@code 2026-11-22 10:15:02 perceptron WARNING: message}, and the stack trace of a throwable. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%1$tF %1$tT perceptron %2$s: %3$s%n",
                    record.getMillis(), record.getLevel().getName(), formatMessage(record)));
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                text.append(trace);
            }
            return text.toString();
        }
    }

    private static Level level(String name) {
        if (name == null) {
            return Level.WARNING;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "debug", "fine", "all" -> Level.FINE;
            case "info" -> Level.INFO;
            case "error", "severe" -> Level.SEVERE;
            default -> Level.WARNING;
        };
    }
}
