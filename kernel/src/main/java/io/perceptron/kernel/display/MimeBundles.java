package io.perceptron.kernel.display;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Turns a MIME bundle (type to text) into the {@code data} object of a Jupyter message.
 *
 * <p>Text types go in as strings. JSON types ({@code application/json} and every {@code +json}
 * type such as {@code application/vnd.plotly.v1+json}) arrive as JSON text and go in as JSON
 * values, because front ends hand them to their renderers as parsed objects.
 *
 * <pre>{@code
 * // in a cell: this object's plotly entry reaches JupyterLab as a JSON object, not a string
 * object : Displayable {
 *     override fun mimeBundle() = mapOf("application/vnd.plotly.v1+json" to """{"data": [{"y": [1, 3, 2]}]}""")
 * }
 * }</pre>
 */
public final class MimeBundles {
    private static final Logger LOG = Logger.getLogger(MimeBundles.class.getName());

    private MimeBundles() {
    }

    /** The Jupyter {@code data} object for {@code bundle}; entries with a {@code null} value are left out. */
    public static JsonObject toJson(Map<String, String> bundle) {
        JsonObject data = new JsonObject();
        for (Map.Entry<String, String> entry : bundle.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                continue;
            }
            String mime = entry.getKey();
            data.add(mime, isJson(mime) ? parsed(mime, entry.getValue()) : new JsonPrimitive(entry.getValue()));
        }
        return data;
    }

    /** Whether values of {@code mime} are JSON documents rather than text. */
    public static boolean isJson(String mime) {
        String type = mime.strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static JsonElement parsed(String mime, String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            // Embedding it as a string keeps the other representations of the bundle showing.
            LOG.warning(() -> "The " + mime + " representation is not valid JSON, sending it as text: " + e.getMessage());
            return new JsonPrimitive(json);
        }
    }
}
