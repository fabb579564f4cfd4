package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.ieum.channel.Signatures;

/**
 * Issues and checks web chat session tokens: {@code <session id>.<language>.<issued at>.<mac>}, where the MAC is
 * HMAC-SHA256 under a key derived from the master key. Nothing is stored for a session, so opening one costs
 * nothing and a forged or expired token is refused before anything else happens. A new {@link Mac} per call;
 * the MAC is compared in constant time.
 */
@Singleton
class SessionTokens {
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,12}");
    private static final long CLOCK_SKEW_SECONDS = 300;
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;
    private final SecureRandom random = new SecureRandom();
    private final WebchatProperties properties;
    private final Clock clock;

    @Inject
    SessionTokens(@Value("${ieum.master-key}") String masterKeyBase64, WebchatProperties properties) {
        this(masterKeyBase64, properties, Clock.systemUTC());
    }

    SessionTokens(String masterKeyBase64, WebchatProperties properties, Clock clock) {
        byte[] master = Base64.getDecoder().decode(masterKeyBase64);
        if (master.length < 32) {
            throw new IllegalStateException("IEUM_MASTER_KEY must be at least 32 bytes, base64-encoded");
        }
        this.key = mac(master, "ieum webchat session".getBytes(StandardCharsets.UTF_8));
        this.properties = properties;
        this.clock = clock;
    }

    /** A verified session: its id (the contact's address on channel {@code webchat}) and its language. */
    record Session(String id, String language) {}

    /** Opens a new session in {@code language} (a supported tag); answers its token. */
    String issue(String language) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String sessionId = URL.encodeToString(id);
        String payload = sessionId + "." + language + "." + clock.instant().getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The session a token stands for; empty when it is missing, malformed, forged or expired. */
    Optional<Session> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !SESSION_ID.matcher(parts[0]).matches() || !LANGUAGE.matcher(parts[1]).matches()
                || !DIGITS.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1] + "." + parts[2];
        if (!Signatures.equal(sign(payload), parts[3])) {
            return Optional.empty();
        }
        long issued = Long.parseLong(parts[2]);
        long now = clock.instant().getEpochSecond();
        if (issued > now + CLOCK_SKEW_SECONDS || Instant.ofEpochSecond(issued).plus(properties.sessionTtl()).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Session(parts[0], parts[1]));
    }

    private String sign(String payload) {
        return URL.encodeToString(mac(key, ("v1\u0000" + payload).getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
