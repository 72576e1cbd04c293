package io.perceptron.dsl.plot;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Lets an action through at most once per interval, measured on a clock that tests can drive. */
final class Throttle {
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private long last;
    private boolean used;

    Throttle(LongSupplier nanoClock, Duration interval) {
        this.nanoClock = nanoClock;
        this.intervalNanos = interval.toNanos();
    }

    /** True, and the interval restarts, when the interval since the last pass is over (always the first time). */
    boolean pass() {
        long now = nanoClock.getAsLong();
        if (used && now - last < intervalNanos) {
            return false;
        }
        used = true;
        last = now;
        return true;
    }
}
