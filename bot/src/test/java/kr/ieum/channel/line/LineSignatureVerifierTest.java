package kr.ieum.channel.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** x-line-signature = base64(HMAC-SHA256(channel secret, raw body)). */
class LineSignatureVerifierTest {
    private static final String SECRET = "8c570fa6dd201bb328f1c1eac23a96d8";
    private static final byte[] BODY = "{\"destination\":\"U123\",\"events\":[{\"type\":\"message\",\"message\":{\"type\":\"text\",\"text\":\"สวัสดี\"}}]}"
            .getBytes(StandardCharsets.UTF_8);
    // computed independently: printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64
    private static final String SIGNATURE = "DYkOJUgjAtOctQnAia78zx7M1d/x69MJ0dDoeosCttM=";

    private static LineSignatureVerifier verifier(String secret) {
        return new LineSignatureVerifier(new LineProperties(true, secret, "token", "http://localhost", Duration.ofSeconds(50)));
    }

    @Test
    void matchesOpensslsSignature() {
        assertEquals(SIGNATURE, LineSignatures.sign(SECRET, BODY));
    }

    @Test
    void acceptsACorrectSignature() {
        assertTrue(verifier(SECRET).verify(BODY, SIGNATURE));
    }

    @Test
    void rejectsAWrongOrMissingSignature() {
        assertFalse(verifier(SECRET).verify(BODY, LineSignatures.sign("another-secret", BODY)));
        assertFalse(verifier(SECRET).verify(BODY, SIGNATURE.toLowerCase(java.util.Locale.ROOT)));
        assertFalse(verifier(SECRET).verify(BODY, ""));
        assertFalse(verifier(SECRET).verify(BODY, null));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = Arrays.copyOf(BODY, BODY.length);
        tampered[tampered.length - 5] ^= 1;
        assertFalse(verifier(SECRET).verify(tampered, SIGNATURE));
        byte[] longer = Arrays.copyOf(BODY, BODY.length + 1);
        longer[BODY.length] = ' ';
        assertFalse(verifier(SECRET).verify(longer, SIGNATURE));
        assertFalse(verifier(SECRET).verify(null, SIGNATURE));
    }

    @Test
    void rejectsEverythingWhenNoSecretIsConfigured() {
        assertFalse(verifier(null).verify(BODY, SIGNATURE));
        assertFalse(verifier("").verify(BODY, SIGNATURE));
        assertFalse(verifier(" ").verify(BODY, SIGNATURE));
    }
}
