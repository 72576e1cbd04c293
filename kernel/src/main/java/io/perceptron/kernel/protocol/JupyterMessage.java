package io.perceptron.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.Objects;

/**
 * One Jupyter message as it travels on the wire: the routing identities, the four JSON parts
 * (header, parent header, metadata, content) and any binary buffers.
 *
 * <p>The JSON parts are kept as Gson trees rather than typed classes so that every field a front
 * end sends survives, and so that request types this kernel does not know can still be answered.
 * Treat them as read-only once the message is built.
 *
 * <pre>{@code
 * JupyterMessage request = session.request("execute_request", content);   // content: {"code": "6 * 7"}
 * request.type();                 // "execute_request"
 * request.string("code", "");     // "6 * 7"
 * }</pre>
 */
public final class JupyterMessage {
    private final List<byte[]> identities;
    private final JsonObject header;
    private final JsonObject parentHeader;
    private final JsonObject metadata;
    private final JsonObject content;
    private final List<byte[]> buffers;

    /** A message from its parts; {@code null} JSON parts become empty objects. */
    public JupyterMessage(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
                          JsonObject metadata, JsonObject content, List<byte[]> buffers) {
        this.identities = List.copyOf(identities);
        this.header = Objects.requireNonNull(header, "header");
        this.parentHeader = parentHeader == null ? new JsonObject() : parentHeader;
        this.metadata = metadata == null ? new JsonObject() : metadata;
        this.content = content == null ? new JsonObject() : content;
        this.buffers = List.copyOf(buffers);
    }

    /** The message type, such as {@code execute_request} or {@code stream}. */
    public String type() {
        return text(header, "msg_type", "");
    }

    /** The message id from the header. */
    public String id() {
        return text(header, "msg_id", "");
    }

    /** The ZeroMQ routing identities a reply must carry back (the topic for IOPub messages). */
    public List<byte[]> identities() {
        return identities;
    }

    public JsonObject header() {
        return header;
    }

    public JsonObject parentHeader() {
        return parentHeader;
    }

    public JsonObject metadata() {
        return metadata;
    }

    public JsonObject content() {
        return content;
    }

    public List<byte[]> buffers() {
        return buffers;
    }

    /** A string field of the content, or {@code fallback} when it is absent or not a string. */
    public String string(String field, String fallback) {
        return text(content, field, fallback);
    }

    /** An integer field of the content, or {@code fallback} when it is absent or not a number. */
    public int integer(String field, int fallback) {
        JsonElement value = content.get(field);
        return value instanceof JsonPrimitive primitive && primitive.isNumber() ? primitive.getAsInt() : fallback;
    }

    /** A boolean field of the content, or {@code fallback} when it is absent or not a boolean. */
    public boolean flag(String field, boolean fallback) {
        JsonElement value = content.get(field);
        return value instanceof JsonPrimitive primitive && primitive.isBoolean() ? primitive.getAsBoolean() : fallback;
    }

    private static String text(JsonObject object, String field, String fallback) {
        JsonElement value = object.get(field);
        return value instanceof JsonPrimitive primitive && primitive.isString() ? primitive.getAsString() : fallback;
    }

    @Override
    public String toString() {
        String body = content.toString();
        return type() + " " + id() + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
}
