package kr.ieum.channel.line;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Base64;
import kr.ieum.channel.Signatures;

/**
 * LINE's webhook authenticity: {@code x-line-signature} is base64(HMAC-SHA256(channel secret, the raw body)).
 * Checked over the exact bytes received, in constant time; a missing secret or header is a mismatch.
 */
@Singleton
class LineSignatureVerifier {
    private final String secret;

    LineSignatureVerifier(LineProperties properties) {
        this.secret = properties.channelSecret();
    }

    boolean verify(@Nullable byte[] body, @Nullable String signature) {
        if (!Signatures.configured(secret) || body == null || signature == null) {
            return false;
        }
        String expected = Base64.getEncoder().encodeToString(Signatures.hmac("HmacSHA256", secret, body));
        return Signatures.equal(expected, signature.strip());
    }
}
