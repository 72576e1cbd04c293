package io.perceptron.dsl.display;

import java.util.Map;

/**
 * Where {@link Display} sends bundles. Outside a notebook the default sink prints
 * {@code text/plain}; a notebook kernel installs its own with {@link Display#install}.
 *
 * <p>Only JDK types cross this interface, so a kernel living in another class loader can
 * implement it (for example with a {@link java.lang.reflect.Proxy}).
 */
public interface DisplaySink {

    /**
     * Shows a bundle.
     *
     * @param bundle    the representations, keyed by MIME type (see {@link Displayable})
     * @param displayId a stable id for in-place updates, or {@code null} for a one-off output
     * @param update    {@code true} to replace the output shown earlier under {@code displayId}
     */
    void publish(Map<String, String> bundle, String displayId, boolean update);
}
