package io.perceptron.dsl.layer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer written down: the name of the call that makes it and its settings, readable as JSON,
 * from which {@link Layers#from(LayerDescription)} makes the same layer again. A saved model's
 * architecture is the list of its layers' descriptions ({@code model.save(folder)} writes it to
 * {@code architecture.json}).
 *
 * <pre>{@code
 * Layers.conv2d(8, 3, 1, 1).describe().toJson()
 * // {"layer":"conv2d","filters":8,"kernel":3,"stride":1,"padding":1}
 * Layers.from(LayerDescription.fromJson(json))     // conv2d(8, 3, stride=1, padding=1) again
 * }</pre>
 *
 * @param layer    the call that makes the layer, as in {@link Layers}: {@code dense}, {@code conv2d}, ...
 * @param settings its arguments by name, in call order: numbers, true/false or text
 * @param body     the layers inside it (a residual block's body, a part's layers); empty for most
 */
public record LayerDescription(String layer, Map<String, Object> settings, List<LayerDescription> body) {
    /** The JSON key of the layer's name; settings sit beside it, the body under {@value #BODY}. */
    public static final String LAYER = "layer";
    public static final String BODY = "layers";

    public LayerDescription {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        body = List.copyOf(body);
    }

    /** A description of {@code layer} with settings given as name, value, name, value, ... */
    public static LayerDescription of(String layer, Object... namesAndValues) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            settings.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new LayerDescription(layer, settings, List.of());
    }

    /** The same description with the layers inside it. */
    public LayerDescription withBody(List<LayerDescription> layers) {
        return new LayerDescription(layer, settings, layers);
    }

    /** A whole-number setting, or the error that names the layer and the setting when it is missing. */
    public int number(String name) {
        Object value = settings.get(name);
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw LayerErrors.badDescription(this, "a whole number '" + name + "'");
        }
        return number.intValue();
    }

    /** A decimal setting. */
    public double decimal(String name) {
        Object value = settings.get(name);
        if (!(value instanceof Number number)) {
            throw LayerErrors.badDescription(this, "a number '" + name + "'");
        }
        return number.doubleValue();
    }

    /** A true/false setting; {@code false} when absent. */
    public boolean flag(String name) {
        Object value = settings.get(name);
        return value instanceof Boolean b && b;
    }

    /** A text setting. */
    public String text(String name) {
        Object value = settings.get(name);
        if (!(value instanceof String text)) {
            throw LayerErrors.badDescription(this, "a text '" + name + "'");
        }
        return text;
    }

    /** The description as a JSON object: {@code {"layer": "dense", "units": 16}}. */
    public JsonObject toJsonObject() {
        JsonObject json = new JsonObject();
        json.addProperty(LAYER, layer);
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            Object value = setting.getValue();
            if (value instanceof Number number) {
                json.addProperty(setting.getKey(), number);
            } else if (value instanceof Boolean flag) {
                json.addProperty(setting.getKey(), flag);
            } else {
                json.addProperty(setting.getKey(), String.valueOf(value));
            }
        }
        if (!body.isEmpty()) {
            JsonArray layers = new JsonArray();
            body.forEach(inner -> layers.add(inner.toJsonObject()));
            json.add(BODY, layers);
        }
        return json;
    }

    /** The description as JSON text. */
    public String toJson() {
        return toJsonObject().toString();
    }

    /** Reads a description written by {@link #toJsonObject()}. */
    public static LayerDescription fromJson(JsonObject json) {
        JsonElement name = json.get(LAYER);
        if (name == null || !name.isJsonPrimitive()) {
            throw LayerErrors.badDescription(new LayerDescription("?", Map.of(), List.of()),
                    "a \"" + LAYER + "\" naming the layer, in " + json);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        List<LayerDescription> body = new ArrayList<>();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            String key = entry.getKey();
            JsonElement value = entry.getValue();
            if (key.equals(LAYER)) {
                continue;
            }
            if (key.equals(BODY) && value.isJsonArray()) {
                value.getAsJsonArray().forEach(inner -> body.add(fromJson(inner.getAsJsonObject())));
            } else if (value.isJsonPrimitive()) {
                JsonPrimitive primitive = value.getAsJsonPrimitive();
                settings.put(key, primitive.isNumber() ? primitive.getAsNumber().doubleValue()
                        : primitive.isBoolean() ? primitive.getAsBoolean() : primitive.getAsString());
            }
        }
        return new LayerDescription(name.getAsString(), settings, body);
    }

    /** Reads a description from JSON text. */
    public static LayerDescription fromJson(String json) {
        return fromJson(com.google.gson.JsonParser.parseString(json).getAsJsonObject());
    }

    @Override
    public String toString() {
        return toJson();
    }
}
