package kr.ieum.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Synchronizer tokens bound to the session: the token is an HMAC of the session cookie, so it changes with every
 * login, needs no storage, and a page of another site can neither read nor guess it. Every console form carries it
 * in {@value #FIELD}; scripts send it in the {@value #HEADER} header.
 */
public final class CsrfTokens {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String SESSION_COOKIE = "JWT";
    private final byte[] key;

    CsrfTokens(byte[] key) {
        this.key = key.clone();
    }

    /** The token for the request's session, if it has one. */
    public Optional<String> token(HttpRequest<?> request) {
        return request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue).map(this::tokenFor);
    }

    boolean valid(HttpRequest<?> request, String presented) {
        Optional<String> expected = token(request);
        return presented != null && expected.isPresent()
                && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String tokenFor(String session) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(session.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
