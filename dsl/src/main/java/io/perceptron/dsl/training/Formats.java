package io.perceptron.dsl.training;

import java.time.Duration;
import java.util.Locale;

/** How training numbers print, the same in progress lines, histories and summaries. */
final class Formats {
    private Formats() {
    }

    /** Four decimals: enough to see a loss move without drowning in digits. */
    static String metric(double value) {
        return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** "0.42 s", "12.3 s" or "2 min 05 s". */
    static String seconds(Duration elapsed) {
        double s = elapsed.toNanos() / 1e9;
        if (s < 60) {
            return String.format(Locale.ROOT, s < 10 ? "%.2f s" : "%.1f s", s);
        }
        return String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
