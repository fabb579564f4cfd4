package kr.ieum.channel.meta;

import java.util.Locale;
import kr.ieum.channel.Signatures;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}. The HMAC is computed over
 * the exact bytes received (never over re-serialized JSON), compared in constant time; a missing secret, header
 * or body is a mismatch.
 */
final class MetaSignatureVerifier {
    private static final String PREFIX = "sha256=";

    private MetaSignatureVerifier() {}

    static boolean valid(String appSecret, byte[] rawBody, String header) {
        if (!Signatures.configured(appSecret) || rawBody == null || header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        String given = header.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT);
        String expected = Signatures.hex(Signatures.hmac("HmacSHA256", appSecret, rawBody));
        return Signatures.equal(expected, given);
    }
}
