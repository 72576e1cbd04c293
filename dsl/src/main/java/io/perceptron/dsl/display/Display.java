package io.perceptron.dsl.display;

import java.util.Map;
import java.util.UUID;

/**
 * Shows objects while a cell (or any program) runs: {@code display(obj)} in a notebook cell, or
 * an updatable output for live progress.
 *
 * <p>The DSL calls only this class to show things; it never knows whether a notebook is
 * attached. Without one, {@code text/plain} goes to standard output. A kernel installs its sink
 * once at start-up with {@link #install(DisplaySink)}.
 *
 * <pre>{@code
 * display(Datasets.moons(100, 0.1, 1))      // a table rendered as HTML in a notebook
 * val progress = Display.handle("epoch 0")
 * progress.update("epoch 1")                 // replaces the same output in place
 * }</pre>
 */
public final class Display {
    private static final DisplaySink PLAIN_TEXT = (bundle, displayId, update) -> {
        String text = bundle.get("text/plain");
        if (text != null) {
            System.out.println(text);
        }
    };

    private static volatile DisplaySink sink = PLAIN_TEXT;

    private Display() {
    }

    /** Shows {@code value} once, rendered as a cell result would be. */
    public static void display(Object value) {
        publish(value, null, false);
    }

    /** Shows {@code value} and returns a handle whose {@code update} replaces it in place. */
    public static DisplayHandle handle(Object value) {
        DisplayHandle handle = new DisplayHandle(UUID.randomUUID().toString());
        publish(value, handle.id(), false);
        return handle;
    }

    /** Whether a notebook (or another rich front end) has installed its sink. */
    public static boolean isRich() {
        return sink != PLAIN_TEXT;
    }

    /** Installs the sink that receives every bundle; {@code null} restores plain-text output. */
    public static void install(DisplaySink newSink) {
        sink = newSink == null ? PLAIN_TEXT : newSink;
    }

    static void publish(Object value, String displayId, boolean update) {
        Map<String, String> bundle = Renderers.bundle(value);
        sink.publish(bundle, displayId, update);
    }
}
