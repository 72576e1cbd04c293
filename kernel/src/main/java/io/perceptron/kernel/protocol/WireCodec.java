package io.perceptron.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ frames and back, signing what goes out and checking the signature
 * of everything that comes in ({@link HmacSigner}: HMAC over header, parent header, metadata and
 * content, keyed by the connection file's key).
 *
 * <p>Frames: routing identities, the {@code <IDS|MSG>} delimiter, the hex signature, the four
 * JSON parts, then binary buffers.
 */
final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final int JSON_PARTS = 4;

    /** Compact JSON; NaN and infinities pass through as front ends' JSON parsers accept them. */
    private static final Gson JSON = new GsonBuilder()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .create();

    private final HmacSigner signer;

    private WireCodec(HmacSigner signer) {
        this.signer = signer;
    }

    /** The codec for a kernel started with {@code connection} (its key and signature scheme). */
    static WireCodec forConnection(KernelConnectionProperties connection) {
        return forKey(connection.getSignatureScheme(), connection.getKey());
    }

    /**
     * A codec signing with {@code key} under {@code scheme} (such as {@code hmac-sha256}). An empty
     * key turns authentication off, as the protocol specifies: signatures are empty and not checked.
     *
     * @throws IllegalArgumentException if the JDK has no such HMAC algorithm
     */
    static WireCodec forKey(String scheme, String key) {
        return new WireCodec(HmacSigner.forKey(scheme, key));
    }

    /** The frames of {@code message}, signed. */
    List<byte[]> encode(JupyterMessage message) {
        byte[][] parts = {
            utf8(message.header()), utf8(message.parentHeader()), utf8(message.metadata()), utf8(message.content())
        };
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(Arrays.asList(parts));
        frames.addAll(message.buffers());
        return frames;
    }

    /**
     * The message carried by {@code frames}.
     *
     * @throws RejectedMessageException if the frames are not a Jupyter message or the signature
     *                                  does not match: the message must be dropped, never run
     */
    JupyterMessage decode(List<byte[]> frames) throws RejectedMessageException {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new RejectedMessageException("it has no <IDS|MSG> delimiter frame");
        }
        if (frames.size() < delimiter + 2 + JSON_PARTS) {
            throw new RejectedMessageException("it has " + (frames.size() - delimiter - 1)
                    + " frames after the delimiter, expected at least " + (1 + JSON_PARTS));
        }
        byte[] received = frames.get(delimiter + 1);
        byte[][] parts = frames.subList(delimiter + 2, delimiter + 2 + JSON_PARTS).toArray(new byte[0][]);
        if (!signer.accepts(received, parts)) {
            throw new RejectedMessageException("its HMAC signature does not match the connection key");
        }
        JsonObject header = object(parts[0], "header");
        if (!header.has("msg_type")) {
            throw new RejectedMessageException("its header has no msg_type");
        }
        return new JupyterMessage(
                frames.subList(0, delimiter),
                header,
                object(parts[1], "parent header"),
                object(parts[2], "metadata"),
                object(parts[3], "content"),
                frames.subList(delimiter + 2 + JSON_PARTS, frames.size()));
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(DELIMITER, frames.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonObject object(byte[] json, String part) throws RejectedMessageException {
        try {
            JsonElement element = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new RejectedMessageException("its " + part + " is not a JSON object");
            }
            return element.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new RejectedMessageException("its " + part + " is not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static byte[] utf8(JsonObject json) {
        return JSON.toJson(json).getBytes(StandardCharsets.UTF_8);
    }
}
