package kr.ieum.console;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.server.filter.FilterBodyParser;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Guards every console request. A request that changes something (POST, PUT, PATCH, DELETE) must come from a page
 * of this site (its {@code Origin}, or else {@code Referer}, names this host, when the browser sends one) and, once
 * signed in, carry the session's CSRF token in the form, the {@link CsrfTokens#HEADER} header or (file uploads) the query; otherwise it is
 * refused with 403 before any handler runs. The session cookie is SameSite=Strict on top of that. Every console
 * response gets headers that keep it out of frames and caches and allow only its own scripts and styles.
 */
@Filter({"/console/**", "/console", "/api/v1/admin/**"})
class ConsoleFilter implements HttpServerFilter {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    private final CsrfTokens tokens;
    private final FilterBodyParser bodies;
    private final ConsoleText text;

    ConsoleFilter(CsrfTokens tokens, FilterBodyParser bodies, ConsoleText text) {
        this.tokens = tokens;
        this.bodies = bodies;
        this.text = text;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (SAFE.contains(request.getMethod())) {
            return Publishers.map(chain.proceed(request), ConsoleFilter::secure);
        }
        if (!sameOrigin(request)) {
            return Publishers.just(refuse(request));
        }
        if (tokens.token(request).isEmpty()) {
            // not signed in (the login form, or an expired session): security answers that
            return Publishers.map(chain.proceed(request), ConsoleFilter::secure);
        }
        String header = request.getHeaders().get(CsrfTokens.HEADER);
        if (header == null) {
            // a file upload (multipart) carries the token in its action's query string
            header = request.getParameters().get(CsrfTokens.FIELD);
        }
        if (header != null) {
            return tokens.valid(request, header) ? Publishers.map(chain.proceed(request), ConsoleFilter::secure) : Publishers.just(refuse(request));
        }
        // a body that cannot be read carries no token either: refused like one without (not a 500 quoting the parser)
        return Mono.fromFuture(bodies.parseBody(request)).onErrorReturn(Map.of()).defaultIfEmpty(Map.of()).flux().flatMap(form -> {
            Object presented = form.get(CsrfTokens.FIELD);
            return tokens.valid(request, presented == null ? null : String.valueOf(presented))
                    ? Flux.from(chain.proceed(request)).map(ConsoleFilter::secure)
                    : Flux.just(refuse(request));
        });
    }

    private static boolean sameOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get("Origin");
        if (origin == null) {
            origin = request.getHeaders().get("Referer");
        }
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get("Host");
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && uri.getHost() != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private MutableHttpResponse<?> refuse(HttpRequest<?> request) {
        return secure(HttpResponse.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN_TYPE + ";charset=utf-8")
                .body(text.format(text.ui(request), "csrf.refused", Map.of())));
    }

    private static MutableHttpResponse<?> secure(MutableHttpResponse<?> response) {
        response.getHeaders().set("Content-Security-Policy", CSP);
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "same-origin");
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("Cache-Control", "no-store");
        return response;
    }
}
