package kr.ieum.channel.twilio;

import com.twilio.security.RequestValidator;
import jakarta.inject.Singleton;
import java.util.Map;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.Signatures;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator} (HMAC-SHA1 of the URL plus
 * the sorted form parameters, compared in constant time) against the URL Twilio was configured to call:
 * built from {@code IEUM_PUBLIC_URL}, never from the request's Host header. Fails closed without an auth token.
 */
@Singleton
class TwilioSignatureVerifier {
    private final TwilioProperties properties;
    private final PublicUrl publicUrl;

    TwilioSignatureVerifier(TwilioProperties properties, PublicUrl publicUrl) {
        this.properties = properties;
        this.publicUrl = publicUrl;
    }

    /** True only when a token is configured and {@code signature} signs {@code params} posted to {@code path}. */
    boolean verify(String path, Map<String, String> params, String signature) {
        if (!Signatures.configured(properties.authToken()) || signature == null || signature.isBlank()) {
            return false;
        }
        // a new validator per call: it holds only the key, and the SDK makes a fresh Mac inside validate
        return new RequestValidator(properties.authToken()).validate(publicUrl.of(path), params, signature);
    }
}
