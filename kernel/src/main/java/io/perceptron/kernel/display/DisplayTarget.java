package io.perceptron.kernel.display;

import java.util.Map;

/**
 * Receives what cells show with {@code display(...)} or a display handle; the protocol layer
 * implements it by publishing {@code display_data} and {@code update_display_data}.
 *
 * <pre>{@code
 * display(table)                          // show(bundle, null, false)
 * val h = Display.handle("epoch 1")       // show(bundle, id, false)
 * h.update("epoch 2")                     // show(bundle, id, true)
 * }</pre>
 */
@FunctionalInterface
public interface DisplayTarget {

    /**
     * Shows {@code bundle} (MIME type to text, see the DSL's {@code Displayable}).
     *
     * @param displayId a stable id for in-place updates, or {@code null} for a one-off output
     * @param update    {@code true} to replace the output shown earlier under {@code displayId}
     */
    void show(Map<String, String> bundle, String displayId, boolean update);
}
