package io.perceptron.kernel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HMAC check of the wire protocol, against the published HMAC-SHA256 test vectors. */
class HmacSignerTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void signsAsTheHmacSha256ReferenceDoes() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        HmacSigner signer = HmacSigner.forKey("hmac-sha256", "Jefe");

        String whole = signer.sign(ascii("what do ya want for nothing?"));
        String inParts = signer.sign(ascii("what do ya "), ascii("want for "), ascii("nothing?"));

        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", whole);
        assertEquals(whole, inParts, "the parts are signed as one run of bytes");
    }

    @Test
    void acceptsItsOwnSignatureAndNoOther() {
        HmacSigner signer = HmacSigner.forKey("hmac-sha256", "the-connection-key");
        byte[] header = ascii("{\"msg_type\":\"execute_request\"}");
        byte[] content = ascii("{\"code\":\"1 + 1\"}");
        byte[] signature = ascii(signer.sign(header, content));
        byte[] otherKeys = ascii(HmacSigner.forKey("hmac-sha256", "a-guessed-key").sign(header, content));

        assertTrue(signer.accepts(signature, header, content));
        assertFalse(signer.accepts(otherKeys, header, content));
        assertFalse(signer.accepts(signature, header, ascii("{\"code\":\"2 + 2\"}")));
    }

    @Test
    void anEmptyKeySignsWithNothingAndAcceptsEverything() {
        HmacSigner open = HmacSigner.forKey("hmac-sha256", "");

        assertEquals("", open.sign(ascii("anything")));
        assertTrue(open.accepts(ascii("whatever"), ascii("anything")));
    }

    @Test
    void anUnknownSchemeIsNamedWithTheFix() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HmacSigner.forKey("hmac-md17", "key"));

        assertTrue(error.getMessage().contains("'hmac-md17'"), error.getMessage());
        assertTrue(error.getMessage().contains("Use hmac-sha256"), error.getMessage());
    }
}
