package io.perceptron.dsl.display;

import java.util.Objects;

/**
 * One output in the notebook that can be replaced in place, such as a live loss plot or a
 * progress bar. Created by {@link Display#handle(Object)}.
 *
 * <pre>{@code
 * val h = Display.handle("starting...")
 * for (i in 1..3) { Thread.sleep(500); h.update("step $i of 3") }
 * }</pre>
 */
public final class DisplayHandle {
    private final String id;

    DisplayHandle(String id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The display id this handle updates. */
    public String id() {
        return id;
    }

    /** Replaces what this handle shows with {@code value}, rendered like a cell result. */
    public void update(Object value) {
        Display.publish(value, id, true);
    }

    @Override
    public String toString() {
        return "DisplayHandle(" + id + ")";
    }
}
