package io.perceptron.dsl.training;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The default listener outside a notebook: the settings when training starts, one line per
 * epoch, and a summary at the end. Epoch lines come at most about once a second (the first and
 * the last always show), so that a fast run of hundreds of epochs does not flood the output.
 */
final class ProgressPrinter implements TrainingListener {
    /** Minimum time between two epoch lines. */
    static final Duration THROTTLE = Duration.ofSeconds(1);

    private final PrintStream out;
    private final LongSupplier nanoClock;
    private long lastPrintNanos;
    private Epoch unprinted;

    ProgressPrinter(PrintStream out) {
        this(out, System::nanoTime);
    }

    /** A printer reading the time from {@code nanoClock}, so a test can say how much of it passes. */
    ProgressPrinter(PrintStream out, LongSupplier nanoClock) {
        this.out = out;
        this.nanoClock = nanoClock;
    }

    @Override
    public void onTrainStart(Start start) {
        out.println("Training " + start.settings());
        lastPrintNanos = nanoClock.getAsLong();
    }

    @Override
    public void onEpochEnd(Epoch epoch) {
        long now = nanoClock.getAsLong();
        if (epoch.epoch() == 1 || epoch.epoch() == epoch.epochs() || now - lastPrintNanos >= THROTTLE.toNanos()) {
            out.println(epoch);
            lastPrintNanos = now;
            unprinted = null;
        } else {
            unprinted = epoch;
        }
    }

    @Override
    public void onTrainEnd(End end) {
        if (unprinted != null) {
            out.println(unprinted);
        }
        StringBuilder text = new StringBuilder("Done in ").append(Formats.seconds(end.elapsed())).append(": ")
                .append(end.stopReason());
        end.metrics().forEach((name, value) -> text.append(", ").append(name).append(' ').append(Formats.metric(value)));
        out.println(text);
    }
}
