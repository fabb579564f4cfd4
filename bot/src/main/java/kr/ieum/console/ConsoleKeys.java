package kr.ieum.console;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's keys, each derived from the master key with its own label (HMAC-SHA256), so the console needs no
 * secret of its own and a leaked session key reveals nothing about the key that protects residents' addresses.
 */
@Factory
class ConsoleKeys {
    private final byte[] master;

    ConsoleKeys(@Value("${ieum.master-key}") String masterKeyBase64) {
        this.master = Base64.getDecoder().decode(masterKeyBase64.strip());
    }

    /** Signs the session cookie's JWT (HS256). */
    @Singleton
    @Named("generator")
    SecretSignatureConfiguration sessionSignature() {
        SecretSignatureConfiguration config = new SecretSignatureConfiguration("generator");
        config.setJwsAlgorithm(JWSAlgorithm.HS256);
        config.setBase64(true);
        config.setSecret(Base64.getEncoder().encodeToString(derive("ieum console session v1")));
        return config;
    }

    @Singleton
    CsrfTokens csrfTokens() {
        return new CsrfTokens(derive("ieum console csrf v1"));
    }

    private byte[] derive(String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
