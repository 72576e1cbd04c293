package io.perceptron.dsl.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** How values become MIME bundles: tables, images, tensors, objects with their own bundle, anything else. */
class RenderersTest {

    @Test
    void aLongTableShowsItsHeaderItsFirstAndLastRowsAndItsSize() {
        Table table = Table.create("squares", IntColumn.create("n", IntStream.range(0, 100).toArray()),
                IntColumn.create("square", IntStream.range(0, 100).map(n -> n * n).toArray()));

        String html = Renderers.bundle(table).get("text/html");

        assertTrue(html.contains("<th>n</th><th>square</th>"), html);
        assertTrue(html.contains("<td>0</td><td>0</td>"), "first row");
        assertTrue(html.contains("<td>99</td><td>9801</td>"), "last row");
        assertFalse(html.contains("<td>50</td><td>2500</td>"), "a middle row is elided");
        assertTrue(html.contains("100 rows × 2 columns"), html);
    }

    @Test
    void tableTextIsEscapedForHtml() {
        Table table = Table.create("t", StringColumn.create("text", "<b>bold</b> & more"));

        String html = Renderers.bundle(table).get("text/html");

        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more"), html);
        assertTrue(html.contains("1 row × 1 column"), html);
    }

    @Test
    void fractionalNumbersShowSixSignificantDigitsInHtml() {
        Table table = Table.create("t", tech.tablesaw.api.DoubleColumn.create("x", 0.2121551274317948, 3.0, 1e-9, -1234567.8));

        String html = Renderers.bundle(table).get("text/html");

        assertTrue(html.contains("<td>0.212155</td>"), html);
        assertTrue(html.contains("<td>3</td>"), html);
        assertTrue(html.contains("<td>1e-09</td>"), html);
        assertTrue(html.contains("<td>-1.23457e+06</td>"), html);
        assertTrue(Renderers.bundle(table).get("text/plain").contains("0.2121551274317948"), "plain text keeps every digit");
    }

    @Test
    void anImageBecomesAPngOfTheSameSize() throws Exception {
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 2, 0xFF0000);

        String png = Renderers.bundle(image).get("image/png");

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
        assertEquals(7, decoded.getWidth());
        assertEquals(5, decoded.getHeight());
        assertEquals(0xFF0000, decoded.getRGB(3, 2) & 0xFFFFFF);
    }

    @Test
    void aTensorPrintsItsValuesAndShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            String text = Renderers.bundle(manager.create(new float[] {1.5f, -2f})).get("text/plain");

            assertTrue(text.contains("1.5") && text.contains("-2"), text);
            assertTrue(text.contains("(2)"), text);
        }
    }

    @Test
    void aDisplayableIsRenderedAsGivenWithPlainTextAdded() {
        Displayable greeting = new Displayable() {
            @Override
            public Map<String, String> mimeBundle() {
                return Map.of("text/html", "<b>hi</b>");
            }

            @Override
            public String toString() {
                return "greeting";
            }
        };

        Map<String, String> bundle = Renderers.bundle(greeting);

        assertEquals(Map.of("text/html", "<b>hi</b>", "text/plain", "greeting"), bundle);
    }

    @Test
    void anythingElseIsItsStringAndNullIsNull() {
        assertEquals(Map.of("text/plain", "[1, 2]"), Renderers.bundle(java.util.List.of(1, 2)));
        assertEquals(Map.of("text/plain", "null"), Renderers.bundle(null));
    }
}
