package io.perceptron.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perceptron.dsl.display.Display;
import io.perceptron.dsl.display.DisplayHandle;
import io.perceptron.dsl.display.Displayable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The bridge over the DSL's display SPI. In these tests the DSL is on the test class path, so the
 * "cell loader" is the test's own loader and the DSL's classes can be used directly.
 */
class DslBridgeTest {
    private final DslBridge bridge = DslBridge.connect(getClass().getClassLoader());

    record Shown(Map<String, String> bundle, String displayId, boolean update) {
    }

    @AfterEach
    void restorePlainDisplay() {
        Display.install(null);
    }

    @Test
    void aTableRendersAsHtmlAndPlainText() {
        Table table = Table.create("scores", IntColumn.create("points", 3, 1, 2));

        Map<String, String> bundle = bridge.bundle(table);

        assertTrue(bridge.hasDsl());
        assertTrue(bundle.get("text/html").contains("<th>points</th>"), bundle.get("text/html"));
        assertTrue(bundle.get("text/plain").contains("points"), bundle.get("text/plain"));
    }

    @Test
    void anObjectWithItsOwnBundleIsRenderedAsGiven() {
        Displayable greeting = () -> Map.of("text/html", "<b>Hello</b>");

        Map<String, String> bundle = bridge.bundle(greeting);

        assertEquals("<b>Hello</b>", bundle.get("text/html"));
        assertNotNull(bundle.get("text/plain"));
    }

    @Test
    void aRenderingThatThrowsFallsBackToPlainTextAndSaysWhy() {
        Displayable broken = new Displayable() {
            @Override
            public Map<String, String> mimeBundle() {
                throw new IllegalStateException("no html today");
            }

            @Override
            public String toString() {
                return "Broken";
            }
        };

        Map<String, String> bundle = bridge.bundle(broken);

        assertEquals(List.of("text/plain"), List.copyOf(bundle.keySet()));
        assertTrue(bundle.get("text/plain").startsWith("Broken"), bundle.get("text/plain"));
        assertTrue(bundle.get("text/plain").contains("no html today"), bundle.get("text/plain"));
    }

    @Test
    void displayInACellReachesTheInstalledTarget() {
        List<Shown> shown = new ArrayList<>();
        assertTrue(bridge.installSink((bundle, id, update) -> shown.add(new Shown(bundle, id, update))));

        Display.display(42);

        assertEquals(1, shown.size());
        assertEquals("42", shown.get(0).bundle().get("text/plain"));
        assertNull(shown.get(0).displayId());
        assertFalse(shown.get(0).update());
        assertTrue(Display.isRich());
    }

    @Test
    void aDisplayHandleUpdatesTheSameDisplayId() {
        List<Shown> shown = new ArrayList<>();
        bridge.installSink((bundle, id, update) -> shown.add(new Shown(bundle, id, update)));

        DisplayHandle handle = Display.handle("epoch 1");
        handle.update("epoch 2");

        assertEquals(2, shown.size());
        assertEquals(handle.id(), shown.get(0).displayId());
        assertEquals(handle.id(), shown.get(1).displayId());
        assertTrue(shown.get(1).update());
        assertEquals("epoch 2", shown.get(1).bundle().get("text/plain"));
    }

    @Test
    void withoutTheDslValuesRenderAsTheirStringAndNoSinkIsInstalled() {
        // A loader that sees only the JDK: the situation of a cell class path without the DSL.
        DslBridge plain = DslBridge.connect(new URLClassLoader(new URL[0], null));

        assertFalse(plain.hasDsl());
        assertEquals(Map.of("text/plain", "[1, 2]"), plain.bundle(List.of(1, 2)));
        assertEquals(Map.of("text/plain", "null"), plain.bundle(null));
        assertFalse(plain.installSink((bundle, id, update) -> { }));
    }
}
