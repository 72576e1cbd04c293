package io.perceptron.dsl.data;

import io.perceptron.dsl.display.Display;
import io.perceptron.dsl.display.DisplayHandle;
import io.perceptron.dsl.display.Displayable;
import io.perceptron.dsl.display.Renderers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress bar for reading many files (scanning an image folder, decoding it into memory): one
 * output updated in place while a notebook is attached, a line at most every few seconds in plain
 * text, and a closing line that says what was found.
 *
 * <pre>{@code
 * Scanning pets  [#########...........]  1,200 of 2,500 files
 * Found 2,498 images in 3 classes (cat 830, dog 834, fox 834) in folder pets; skipped 2 files
 * }</pre>
 */
final class ScanProgress implements Displayable {
    private static final int BAR_WIDTH = 20;
    /** Redraws in a notebook at most this often: often enough to look alive, rarely enough to cost nothing. */
    private static final long RICH_INTERVAL_NANOS = 250_000_000L;
    /** Plain-text lines at most this often, so a log is not flooded. */
    private static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;
    /** Below this many files there is nothing worth a bar: only the closing line is shown. */
    private static final int SHOW_FROM = 200;

    private final String what;
    private final int total;
    private final boolean rich;
    private int done;
    private String closing;
    private DisplayHandle handle;
    private long lastShown;

    private ScanProgress(String what, int total) {
        this.what = what;
        this.total = total;
        this.rich = Display.isRich();
        this.lastShown = System.nanoTime();
    }

    /** Starts a progress bar for {@code total} files; nothing shows until some time has passed. */
    static ScanProgress start(String what, int total) {
        return new ScanProgress(what, total);
    }

    /** {@code done} files are read. */
    void step(int done) {
        this.done = done;
        if (total < SHOW_FROM) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastShown < (rich ? RICH_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS)) {
            return;
        }
        lastShown = now;
        show();
    }

    /** Replaces the bar with {@code summary}, or shows it when no bar was shown. */
    void finish(String summary) {
        this.done = total;
        this.closing = summary;
        show();
    }

    /** Removes the bar (an error follows, which says what happened). */
    void stop() {
        if (handle != null) {
            closing = "";
            handle.update(this);
        }
    }

    private void show() {
        if (!rich) {
            System.out.println(text());
        } else if (handle == null) {
            handle = Display.handle(this);
        } else {
            handle.update(this);
        }
    }

    private double fraction() {
        return total == 0 ? 1 : Math.min(1, (double) done / total);
    }

    String text() {
        if (closing != null) {
            return closing;
        }
        int filled = (int) Math.round(fraction() * BAR_WIDTH);
        return String.format(Locale.ROOT, "%s  [%s%s]  %,d of %,d files", what, "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), done, total);
    }

    private String html() {
        if (closing != null) {
            return "<div style=\"font:13px monospace;padding:4px 0\">" + Renderers.escape(closing) + "</div>";
        }
        return "<div class=\"perceptron-progress\" style=\"font:13px monospace;display:flex;align-items:center;"
                + "gap:4px 14px;padding:4px 0\"><span>" + Renderers.escape(what) + "</span><progress max=\"1000\" value=\""
                + Math.round(fraction() * 1000) + "\" style=\"width:180px\"></progress><span>"
                + String.format(Locale.ROOT, "%,d of %,d files", done, total) + "</span></div>";
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
}
