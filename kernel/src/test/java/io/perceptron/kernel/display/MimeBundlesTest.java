package io.perceptron.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How MIME bundles become the data of Jupyter messages. */
class MimeBundlesTest {

    @Test
    void textTypesStayStringsAndJsonTypesBecomeJsonObjects() {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", "{\"not\": \"parsed\"}");
        bundle.put("application/json", "{\"a\": [1, 2]}");
        bundle.put("application/vnd.plotly.v1+json", "{\"data\": [], \"layout\": {\"title\": \"loss\"}}");

        JsonObject data = MimeBundles.toJson(bundle);

        assertEquals("{\"not\": \"parsed\"}", data.get("text/plain").getAsString());
        assertEquals(2, data.getAsJsonObject("application/json").getAsJsonArray("a").size());
        assertEquals("loss", data.getAsJsonObject("application/vnd.plotly.v1+json")
                .getAsJsonObject("layout").get("title").getAsString());
    }

    @Test
    void invalidJsonIsSentAsTextSoTheOtherRepresentationsStillShow() {
        JsonObject data = MimeBundles.toJson(Map.of("application/json", "{broken", "text/plain", "x"));

        assertEquals("{broken", data.get("application/json").getAsString());
        assertEquals("x", data.get("text/plain").getAsString());
    }

    @Test
    void onlyJsonAndPlusJsonTypesCountAsJson() {
        assertTrue(MimeBundles.isJson("application/json"));
        assertTrue(MimeBundles.isJson("application/vnd.vegalite.v5+json"));
        assertFalse(MimeBundles.isJson("text/html"));
        assertFalse(MimeBundles.isJson("application/javascript"));
    }
}
