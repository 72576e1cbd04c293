package io.perceptron.kernel.protocol;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * The kernel's side of a Jupyter session: makes the headers of the messages the kernel sends,
 * linking each reply and publication to the request it answers.
 *
 * <pre>{@code
 * JupyterMessage reply = session.reply(request, "kernel_info_reply", content);   // parent: request
 * JupyterMessage busy = session.publish(request, "status", busyContent);         // IOPub, same parent
 * }</pre>
 */
public final class Session {
    /** The version of the Jupyter messaging protocol this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.3";

    private static final String USERNAME = "kernel";

    private final String id;

    /** A session with a fresh random id. */
    public Session() {
        this(UUID.randomUUID().toString());
    }

    /** A session with a given id (tests use a fixed one). */
    public Session(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The reply to {@code request}, routed back to the client that sent it. */
    public JupyterMessage reply(JupyterMessage request, String type, JsonObject content) {
        return new JupyterMessage(request.identities(), header(type), request.header(), null, content, List.of());
    }

    /**
     * A broadcast on IOPub caused by {@code parent}; {@code parent} may be {@code null} for
     * messages no request caused (the "starting" status).
     */
    public JupyterMessage publish(JupyterMessage parent, String type, JsonObject content) {
        List<byte[]> topic = List.of(("kernel." + id + "." + type).getBytes(StandardCharsets.UTF_8));
        return new JupyterMessage(topic, header(type), parent == null ? null : parent.header(), null, content, List.of());
    }

    /** A request as a client would send it: what tests and tools use to talk to a kernel. */
    public JupyterMessage request(String type, JsonObject content) {
        JsonObject header = header(type);
        header.addProperty("username", "client");
        return new JupyterMessage(List.of(), header, null, null, content, List.of());
    }

    private JsonObject header(String type) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("username", USERNAME);
        header.addProperty("session", id);
        header.addProperty("date", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        header.addProperty("msg_type", type);
        header.addProperty("version", PROTOCOL_VERSION);
        return header;
    }

    @Override
    public String toString() {
        return "Session(" + id + ")";
    }
}
