package kr.ieum.channel.meta;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaSignatureVerifierTest {
    // a published HMAC-SHA256 test vector (GitHub's webhook documentation uses the same scheme as Meta)
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void acceptsTheHmacOfTheRawBody() {
        assertTrue(MetaSignatureVerifier.valid(SECRET, BODY, SIGNATURE));
        assertTrue(MetaSignatureVerifier.valid(SECRET, BODY, SIGNATURE.toUpperCase(java.util.Locale.ROOT).replace("SHA256=", "sha256=")),
                "hex case does not matter");
    }

    @Test
    void rejectsAnotherBodySecretOrSignature() {
        assertFalse(MetaSignatureVerifier.valid(SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), SIGNATURE));
        assertFalse(MetaSignatureVerifier.valid("another secret", BODY, SIGNATURE));
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, "sha256=" + "0".repeat(64)));
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, SIGNATURE.substring(0, SIGNATURE.length() - 1)));
    }

    @Test
    void failsClosedWithoutSecretHeaderOrPrefix() {
        assertFalse(MetaSignatureVerifier.valid(null, BODY, SIGNATURE));
        assertFalse(MetaSignatureVerifier.valid("  ", BODY, SIGNATURE));
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, null));
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, ""));
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, "sha256="));
        assertFalse(MetaSignatureVerifier.valid(SECRET, null, SIGNATURE));
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, SIGNATURE.substring("sha256=".length())), "prefix required");
        assertFalse(MetaSignatureVerifier.valid(SECRET, BODY, "sha1=" + SIGNATURE.substring("sha256=".length())));
    }
}
