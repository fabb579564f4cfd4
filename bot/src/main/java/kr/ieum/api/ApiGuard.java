package kr.ieum.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Async;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kr.ieum.platform.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use {@code /api/v1/messages} and {@code /api/v1/language}: a program with a key in force for that scope
 * ({@code Authorization: Bearer <key>} or {@code X-Api-Key}), at most {@code ieum.api.rate} requests a minute per key,
 * counted by all replicas together (a token bucket in PostgreSQL, {@link RateLimits}: that many at once, then one every
 * 60 / rate seconds; 429 with {@code Retry-After} beyond); until the first key exists, requests from this machine only
 * (so the README's curl examples work on a laptop, and nobody else can write as any resident). The web chat does not go
 * through here: it has its own signed session.
 */
@Singleton
class ApiGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGuard.class);
    private final ApiKeys keys;
    private final Clock clock;
    private final RateLimits.Limiter perKey;

    ApiGuard(ApiKeys keys, @Value("${ieum.api.rate:600}") int perMinute, Clock clock, RateLimits limits) {
        this.keys = keys;
        this.clock = clock;
        this.perKey = limits.limiter("api", perMinute, perMinute);
    }

    @EventListener
    @Async
    void onStartup(StartupEvent event) {
        try {
            if (!keys.any()) {
                LOG.info("No API key yet: /api/v1/messages and /api/v1/language answer this machine only "
                        + "(create one with: java -jar ieum-bot.jar admin create-api-key <name>)");
            }
        } catch (RuntimeException e) {
            LOG.warn("could not read the API keys at start-up: {}", e.getMessage());
        }
    }

    /** Empty when the request may go on; else the answer to give it (401, 403 or 429, a short JSON error). */
    Optional<HttpResponse<?>> refuse(HttpRequest<?> request, String scope) {
        String presented = presented(request);
        if (presented == null) {
            if (loopback(request) && !anyKey()) {
                return Optional.empty();
            }
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "an API key is required (Authorization: Bearer <key>)")
                    .header("WWW-Authenticate", "Bearer realm=\"ieum-api\""));
        }
        Optional<ApiKeys.Key> key = keys.find(presented);
        if (key.isEmpty()) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "unknown or revoked API key").header("WWW-Authenticate", "Bearer realm=\"ieum-api\""));
        }
        if (!key.get().scopes().contains(scope)) {
            return Optional.of(error(HttpStatus.FORBIDDEN, "this API key is not for " + scope));
        }
        Duration wait = perKey.acquire(key.get().name());
        if (!wait.isZero()) {
            return Optional.of(error(HttpStatus.TOO_MANY_REQUESTS, "too many requests for this key; try again later")
                    .header("Retry-After", String.valueOf(wait.toSeconds())));
        }
        return Optional.empty();
    }

    private volatile boolean anyKnown;
    private volatile Instant anyCheckedAt = Instant.EPOCH;

    /** Whether a key exists, read again at most once a second (a key created on another machine counts within a second). */
    private boolean anyKey() {
        Instant now = clock.instant();
        if (anyCheckedAt.plusSeconds(1).isBefore(now) || anyCheckedAt.isAfter(now)) {
            anyKnown = keys.any();
            anyCheckedAt = now;
        }
        return anyKnown;
    }

    private static String presented(HttpRequest<?> request) {
        String auth = request.getHeaders().get("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        String header = request.getHeaders().get("X-Api-Key");
        return header == null || header.isBlank() ? null : header.strip();
    }

    private static boolean loopback(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress()
                && request.getHeaders().get("X-Forwarded-For") == null && request.getHeaders().get("Forwarded") == null;
    }

    private static io.micronaut.http.MutableHttpResponse<?> error(HttpStatus status, String message) {
        return HttpResponse.status(status).body(Map.of("error", message));
    }
}
