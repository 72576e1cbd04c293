package io.perceptron.dsl.plot;

import io.perceptron.dsl.display.Displayable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where a training run is: epoch, batch, the latest loss, speed and the time left, shown as a
 * progress bar (HTML) or a progress line (text). Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * Progress.of(3, 10, 40, 100).loss(0.4213).speed(2000.0).elapsed(Duration.ofSeconds(12))
 * // epoch 3/10 [#####...............]  24%  batch 40/100  loss 0.4213  2,000 examples/s  0:38 left
 * }</pre>
 */
public final class Progress implements Displayable {
    private static final int BAR_WIDTH = 20;

    private final int epoch;
    private final int epochs;
    private final int batch;
    private final int batches;
    private final double loss;
    private final double speed;
    private final Duration elapsed;

    private Progress(int epoch, int epochs, int batch, int batches, double loss, double speed, Duration elapsed) {
        this.epoch = epoch;
        this.epochs = epochs;
        this.batch = batch;
        this.batches = batches;
        this.loss = loss;
        this.speed = speed;
        this.elapsed = elapsed;
    }

    /**
     * In epoch {@code epoch} of {@code epochs} (counting from 1), with {@code batch} of its
     * {@code batches} batches done.
     */
    public static Progress of(int epoch, int epochs, int batch, int batches) {
        return new Progress(epoch, Math.max(epochs, 1), batch, Math.max(batches, 1), Double.NaN, Double.NaN, Duration.ZERO);
    }

    /** A copy showing the latest loss. */
    public Progress loss(double loss) {
        return new Progress(epoch, epochs, batch, batches, loss, speed, elapsed);
    }

    /** A copy showing the training speed. */
    public Progress speed(double examplesPerSecond) {
        return new Progress(epoch, epochs, batch, batches, loss, examplesPerSecond, elapsed);
    }

    /** A copy that knows how long training has run so far (for speed and time left). */
    public Progress elapsed(Duration elapsed) {
        return new Progress(epoch, epochs, batch, batches, loss, speed, elapsed);
    }

    /** The share of all batches of all epochs done, 0 to 1. */
    public double fraction() {
        double done = (double) (epoch - 1) * batches + batch;
        return Math.max(0, Math.min(1, done / ((double) epochs * batches)));
    }

    /** The time left at the speed so far; empty before anything is done or timed. */
    public Optional<Duration> timeLeft() {
        double fraction = fraction();
        if (fraction <= 0 || elapsed.isZero()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) (elapsed.toNanos() * (1 - fraction) / fraction)));
    }

    /** One line: {@code epoch 3/10 [#######.............]  24%  batch 40/100  loss 0.4213 ...}. */
    public String text() {
        int filled = (int) Math.round(fraction() * BAR_WIDTH);
        StringBuilder line = new StringBuilder("epoch ").append(epoch).append('/').append(epochs).append(" [")
                .append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%%", Math.round(fraction() * 100)));
        for (String part : details()) {
            line.append("  ").append(part);
        }
        return line.toString();
    }

    /** A progress bar with the same details as {@link #text()}. */
    public String html() {
        StringBuilder html = new StringBuilder("<div class=\"perceptron-progress\" style=\"font:13px monospace;"
                + "display:flex;flex-wrap:wrap;align-items:center;gap:4px 14px;padding:4px 0\">");
        html.append("<span>epoch ").append(epoch).append('/').append(epochs).append("</span>")
                .append("<progress max=\"1000\" value=\"").append(Math.round(fraction() * 1000))
                .append("\" style=\"width:180px\"></progress>")
                .append("<span>").append(Math.round(fraction() * 100)).append("%</span>");
        for (String part : details()) {
            html.append("<span>").append(part).append("</span>");
        }
        return html.append("</div>").toString();
    }

    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html());
        bundle.put("text/plain", text());
        return bundle;
    }

    @Override
    public String toString() {
        return text();
    }

    private List<String> details() {
        List<String> parts = new ArrayList<>();
        parts.add("batch " + batch + "/" + batches);
        if (!Double.isNaN(loss)) {
            parts.add(String.format(Locale.ROOT, "loss %.4f", loss));
        }
        if (Double.isFinite(speed) && speed > 0) {
            parts.add(String.format(Locale.ROOT, "%,.0f examples/s", speed));
        }
        timeLeft().ifPresent(left -> parts.add(clock(left) + " left"));
        return parts;
    }

    /** {@code 0:42}, {@code 12:05} or {@code 1:02:03}. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, Math.round(duration.toMillis() / 1000.0));
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }
}
