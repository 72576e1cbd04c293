package io.perceptron.dsl.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer figures are written with, and the JavaScript reader for tablesaw-jsplot figures. */
class JsonTest {

    @Test
    void numbersAreWrittenShortAndNonFiniteOnesAsNull() {
        assertEquals("[1,0.5,null,null,1.0E-5,-3]",
                Json.write(new double[] {1.0, 0.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-5, -3}));
        assertEquals("[0.1,2]", Json.write(new float[] {0.1f, 2f}), "floats keep their own shortest form");
    }

    @Test
    void mapsKeepTheirOrderAndNestedArraysAreWritten() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", new double[][] {{1, 2}, {3, 4}});
        map.put("a", List.of("x", true, 3));
        map.put("none", null);

        assertEquals("{\"z\":[[1,2],[3,4]],\"a\":[\"x\",true,3],\"none\":null}", Json.write(map));
    }

    @Test
    void stringsAreEscapedForJsonAndForAScriptElement() {
        assertEquals("\"say \\\"hi\\\"\\n\\u003c/script\\u003e \\u0026 \\u2028\"",
                Json.write("say \"hi\"\n</script> & \u2028"));
    }

    @Test
    void theReaderAcceptsTheJavaScriptTablesawWrites() {
        Object value = JsLiteral.readAssigned("var trace0 =\n{\nx: [\"1.0\",\"3.0\"],\nmarker: {\n size: 6.0,\n},\n"
                + "name: 'it\\'s',\nshowlegend: true,\n};");

        assertEquals("{\"x\":[\"1.0\",\"3.0\"],\"marker\":{\"size\":6},\"name\":\"it's\",\"showlegend\":true}",
                Json.write(value));
    }

    @Test
    void theReaderSaysWhereItStopped() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> JsLiteral.readAssigned("var x = {a: [1, 2}"));

        assertEquals("Expected ',' or ']' at offset 17 near: var x = {a: [1, 2}", error.getMessage());
    }
}
