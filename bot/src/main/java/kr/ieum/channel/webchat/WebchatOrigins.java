package kr.ieum.channel.webchat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import kr.ieum.channel.PublicUrl;

/**
 * Which sites may embed the chat or call its API: the service's own origin (its public URL, or the host the
 * request was sent to) and the origins in {@code IEUM_WEBCHAT_ORIGINS}.
 */
@Singleton
class WebchatOrigins {
    private final Set<String> configured;
    private final Set<String> allowed;

    WebchatOrigins(WebchatProperties properties, PublicUrl publicUrl) {
        this.configured = properties.allowedOrigins();
        Set<String> all = new LinkedHashSet<>(configured);
        WebchatProperties.normalise(publicUrl.of("/")).ifPresent(all::add);
        this.allowed = Set.copyOf(all);
    }

    /** True when a request with this {@code Origin} header may use the API (a missing Origin is not a browser's cross-site call). */
    boolean allowed(String origin, HttpRequest<?> request) {
        if (origin == null) {
            return true;
        }
        String normal = WebchatProperties.normalise(origin).orElse(null);
        if (normal == null) {
            return false;
        }
        return allowed.contains(normal) || sameHost(normal, request.getHeaders().get(HttpHeaders.HOST));
    }

    /** True when {@code origin} is another site than this service (so CORS headers are needed). */
    boolean foreign(String origin, HttpRequest<?> request) {
        String normal = WebchatProperties.normalise(origin).orElse("");
        return !sameHost(normal, request.getHeaders().get(HttpHeaders.HOST));
    }

    /** The sites allowed to frame the chat page, for {@code Content-Security-Policy: frame-ancestors}. */
    Set<String> embedders() {
        return configured;
    }

    private static boolean sameHost(String normalOrigin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        int sep = normalOrigin.indexOf("://");
        if (sep < 0) {
            return false;
        }
        String scheme = normalOrigin.substring(0, sep);
        String authority = normalOrigin.substring(sep + 3);
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.equals(authority)) {
            return true;
        }
        String defaultPort = scheme.equals("https") ? ":443" : ":80";
        return h.equals(authority + defaultPort);
    }
}
