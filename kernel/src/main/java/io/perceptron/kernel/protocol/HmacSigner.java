package io.perceptron.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC check of the Jupyter wire protocol: signs the four JSON parts of every message that
 * leaves the kernel, and tells whether a received signature is the one the connection key gives.
 *
 * <p>The connection file names the scheme ({@code hmac-sha256}) and the key. With an empty key,
 * as the protocol specifies, signatures are empty and nothing is checked:
 * <pre>{@code
 * HmacSigner signer = HmacSigner.forKey("hmac-sha256", key);
 * String signature = signer.sign(header, parentHeader, metadata, content);   // 64 hex digits
 * signer.accepts(received, header, parentHeader, metadata, content);         // false for a forged message
 * }</pre>
 */
final class HmacSigner {

    private static final HexFormat HEX = HexFormat.of();

    /** Null when authentication is off (an empty key). Guarded by itself: a {@link Mac} keeps state between calls. */
    private final Mac mac;

    private HmacSigner(Mac mac) {
        this.mac = mac;
    }

    /**
     * A signer for {@code key} under {@code scheme}, such as {@code hmac-sha256} (Java's
     * {@code HmacSHA256}). An empty or missing key turns authentication off.
     *
     * @throws IllegalArgumentException if this JVM has no such HMAC algorithm, naming the scheme
     */
    static HmacSigner forKey(String scheme, String key) {
        if (key == null || key.isEmpty()) {
            return new HmacSigner(null);
        }
        // Jupyter writes "hmac-sha256"; the JDK's name for it is "HmacSHA256" (names are case-blind).
        String algorithm = scheme.replace("-", "");
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return new HmacSigner(mac);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The connection file asks for signature scheme '" + scheme
                    + "', which this JVM cannot compute: " + e.getMessage()
                    + ". Use hmac-sha256, the scheme Jupyter writes by default.", e);
        }
    }

    /** The lower-case hex signature of {@code parts}, in order; empty when authentication is off. */
    String sign(byte[]... parts) {
        if (mac == null) {
            return "";
        }
        byte[] digest;
        synchronized (mac) {
            for (byte[] part : parts) {
                mac.update(part);
            }
            digest = mac.doFinal();
        }
        return HEX.formatHex(digest);
    }

    /**
     * Whether {@code received} is the signature of {@code parts}; always true when authentication
     * is off. Compared in constant time, so the time taken tells a forger nothing.
     */
    boolean accepts(byte[] received, byte[]... parts) {
        return mac == null || MessageDigest.isEqual(sign(parts).getBytes(StandardCharsets.US_ASCII), received);
    }
}
