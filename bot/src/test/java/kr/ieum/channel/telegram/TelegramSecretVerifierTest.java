package kr.ieum.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The secret-token check. Telegram signs no body (the header is a shared secret sent over TLS), so there is
 * no tampered-body case to test here; LINE's verifier has one.
 */
class TelegramSecretVerifierTest {
    private static final String SECRET = "s3cr3t_Token-for-tests";

    private static TelegramSecretVerifier verifier(String secret) {
        return new TelegramSecretVerifier(new TelegramProperties(true, "123:abc", secret, "http://localhost"));
    }

    @Test
    void acceptsTheConfiguredSecret() {
        assertTrue(verifier(SECRET).verify(SECRET));
    }

    @Test
    void rejectsAWrongOrMissingHeader() {
        assertFalse(verifier(SECRET).verify("s3cr3t_Token-for-tests2"));
        assertFalse(verifier(SECRET).verify("S3CR3T_TOKEN-FOR-TESTS"));
        assertFalse(verifier(SECRET).verify(""));
        assertFalse(verifier(SECRET).verify(null));
    }

    @Test
    void rejectsEverythingWhenNoSecretIsConfigured() {
        assertFalse(verifier(null).verify(null));
        assertFalse(verifier(null).verify("anything"));
        assertFalse(verifier("").verify(""));
        assertFalse(verifier("  ").verify("  "));
    }
}
