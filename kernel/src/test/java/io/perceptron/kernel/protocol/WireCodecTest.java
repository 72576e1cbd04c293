package io.perceptron.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing and checking messages on the wire. */
class WireCodecTest {
    private final WireCodec kernel = WireCodec.forKey("hmac-sha256", "the-connection-key");
    private final Session client = new Session("client");

    private JupyterMessage request() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "println(\"ü\")");
        JupyterMessage bare = client.request("execute_request", content);
        return new JupyterMessage(List.of("router-id".getBytes(StandardCharsets.UTF_8)), bare.header(),
                null, null, bare.content(), List.of());
    }

    @Test
    void aSignedMessageDecodesToWhatWasSent() throws RejectedMessageException {
        JupyterMessage sent = request();

        JupyterMessage received = kernel.decode(kernel.encode(sent));

        assertEquals("execute_request", received.type());
        assertEquals(sent.id(), received.id());
        assertEquals("println(\"ü\")", received.string("code", ""));
        assertArrayEquals("router-id".getBytes(StandardCharsets.UTF_8), received.identities().get(0));
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRejected() {
        List<byte[]> forged = WireCodec.forKey("hmac-sha256", "a-guessed-key").encode(request());

        RejectedMessageException rejected = assertThrows(RejectedMessageException.class, () -> kernel.decode(forged));
        assertTrue(rejected.getMessage().contains("signature does not match"), rejected.getMessage());
    }

    @Test
    void aMessageWhoseContentWasChangedAfterSigningIsRejected() {
        List<byte[]> frames = new ArrayList<>(kernel.encode(request()));
        int content = frames.size() - 1;
        frames.set(content, "{\"code\": \"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));

        assertThrows(RejectedMessageException.class, () -> kernel.decode(frames));
    }

    @Test
    void framesWithoutTheDelimiterAreRejected() {
        List<byte[]> frames = List.of("hello".getBytes(StandardCharsets.UTF_8));

        RejectedMessageException rejected = assertThrows(RejectedMessageException.class, () -> kernel.decode(frames));
        assertTrue(rejected.getMessage().contains("delimiter"), rejected.getMessage());
    }

    @Test
    void withAnEmptyKeySignaturesAreEmptyAndNotChecked() throws RejectedMessageException {
        WireCodec open = WireCodec.forKey("hmac-sha256", "");
        List<byte[]> frames = new ArrayList<>(open.encode(request()));
        int signature = 2;

        assertEquals(0, frames.get(signature).length);
        frames.set(signature, "anything".getBytes(StandardCharsets.US_ASCII));
        assertEquals("execute_request", open.decode(frames).type());
    }

    @Test
    void anUnknownSignatureSchemeIsExplained() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.forKey("hmac-md17", "key"));
        assertTrue(error.getMessage().contains("'hmac-md17'"), error.getMessage());
    }
}
