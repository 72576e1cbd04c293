package io.perceptron.kernel.display;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kernel's handle on the DSL's display SPI ({@code io.perceptron.dsl.display}), reached
 * through the cells' class loader.
 *
 * <p>The kernel does not link against the DSL: cells load it in their own class loader, and
 * the classes there are the ones a cell's {@code display(...)} and results use. So the bridge
 * finds {@code Renderers.bundle(Object)} and {@code Display.install(DisplaySink)} reflectively,
 * and implements {@code DisplaySink} with a {@link Proxy}; only JDK types ({@code Map},
 * {@code String}, {@code boolean}) cross between the loaders. Without the DSL on the cell class
 * path, values render as {@code String.valueOf} and there is no sink to install.
 *
 * <p>In a cell, both sides meet like this:
 * <pre>{@code
 * display(Datasets.moons(100, 0.1, 1))   // Display -> sink proxy -> DisplayTarget -> display_data
 * Datasets.moons(100, 0.1, 1)            // result -> Renderers.bundle -> execute_result
 * }</pre>
 */
public final class DslBridge {
    private static final Logger LOG = Logger.getLogger(DslBridge.class.getName());

    static final String RENDERERS = "io.perceptron.dsl.display.Renderers";
    static final String DISPLAY = "io.perceptron.dsl.display.Display";
    static final String SINK = "io.perceptron.dsl.display.DisplaySink";

    private final ClassLoader cellLoader;
    private final Method bundle;
    private final Method install;
    private final Class<?> sinkType;

    private DslBridge(ClassLoader cellLoader, Method bundle, Method install, Class<?> sinkType) {
        this.cellLoader = cellLoader;
        this.bundle = bundle;
        this.install = install;
        this.sinkType = sinkType;
    }

    /** The bridge to the DSL that {@code cellLoader} sees, or a plain-text one if it sees none. */
    public static DslBridge connect(ClassLoader cellLoader) {
        return CellContext.call(cellLoader, () -> {
            try {
                Class<?> renderers = Class.forName(RENDERERS, true, cellLoader);
                Class<?> display = Class.forName(DISPLAY, true, cellLoader);
                Class<?> sinkType = Class.forName(SINK, false, cellLoader);
                return new DslBridge(cellLoader, renderers.getMethod("bundle", Object.class),
                        display.getMethod("install", sinkType), sinkType);
            } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                LOG.log(Level.INFO, "No DSL display SPI on the cell class path; results render as plain text", e);
                return new DslBridge(cellLoader, null, null, null);
            }
        });
    }

    /** Whether the DSL's display SPI was found on the cell class path. */
    public boolean hasDsl() {
        return bundle != null;
    }

    /**
     * The MIME bundle for {@code value}: the DSL's rendering when it is present, else
     * {@code text/plain} only. Always has {@code text/plain}; never throws, even when the value's
     * own rendering or {@code toString()} does (the failure is shown in the text instead).
     */
    public Map<String, String> bundle(Object value) {
        return CellContext.call(cellLoader, () -> render(value));
    }

    private Map<String, String> render(Object value) {
        String failure = null;
        if (bundle != null) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, String> rendered = (Map<String, String>) bundle.invoke(null, value);
                return rendered;
            } catch (InvocationTargetException e) {
                failure = String.valueOf(e.getCause());
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.log(Level.WARNING, "Could not call the DSL's renderer", e);
            }
        }
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("text/plain", failure == null
                ? plainText(value)
                : plainText(value) + "\n(rendering this " + typeOf(value) + " failed: " + failure + ")");
        return plain;
    }

    /**
     * Makes the DSL's {@code Display} send everything it shows to {@code target}. Does nothing
     * (and returns {@code false}) without the DSL.
     */
    public boolean installSink(DisplayTarget target) {
        if (install == null) {
            return false;
        }
        Object sink = Proxy.newProxyInstance(cellLoader, new Class<?>[] {sinkType}, new SinkHandler(target));
        try {
            install.invoke(null, sink);
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            LOG.log(Level.WARNING, "Could not install the notebook display sink; display() will print plain text", e);
            return false;
        }
    }

    private static String plainText(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<" + typeOf(value) + ": toString() threw " + e + ">";
        }
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    @Override
    public String toString() {
        return hasDsl() ? "DslBridge(DSL display SPI)" : "DslBridge(plain text, no DSL)";
    }

    /** Implements {@code DisplaySink.publish(Map, String, boolean)} and the {@code Object} methods. */
    private record SinkHandler(DisplayTarget target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "publish" -> {
                    @SuppressWarnings("unchecked")
                    Map<String, String> shown = (Map<String, String>) args[0];
                    target.show(shown, (String) args[1], (Boolean) args[2]);
                    return null;
                }
                case "toString" -> {
                    return "NotebookDisplaySink";
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                default -> throw new UnsupportedOperationException(method.toString());
            }
        }
    }
}
