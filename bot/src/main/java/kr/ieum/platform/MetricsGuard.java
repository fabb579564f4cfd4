package kr.ieum.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.reactivestreams.Publisher;

/**
 * {@code /prometheus} answers only a scraper that sends {@code Authorization: Bearer <IEUM_METRICS_TOKEN>}; without a
 * configured token it answers no one (the metrics say how many residents write, in which languages, and how the service
 * is doing: not for anyone who finds the address).
 */
@Filter("/prometheus/**")
class MetricsGuard implements HttpServerFilter {
    private final byte[] token;

    MetricsGuard(@Nullable @Value("${ieum.metrics.token:}") String token) {
        this.token = token == null || token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String presented = request.getHeaders().get("Authorization");
        if (token != null && presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
            return chain.proceed(request);
        }
        return Publishers.just(HttpResponse.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer realm=\"ieum-metrics\""));
    }
}
