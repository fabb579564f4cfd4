package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;

/**
 * Runs before the web chat API parses anything: refuses a foreign {@code Origin} (403), answers CORS preflights
 * for allowed origins, and checks the session token (401 when missing, forged or expired), so that a refused
 * request reaches no controller and stores nothing. The token is never logged.
 */
@ServerFilter("/webchat/**")
@Requires(property = "ieum.channels.webchat.enabled", value = "true", defaultValue = "true")
class WebchatFilter {
    static final String SESSION = "ieum.webchat.session";
    static final String SESSION_HEADER = "X-Ieum-Session";
    private static final String API_PREFIX = "/webchat/";
    private final WebchatOrigins origins;
    private final SessionTokens tokens;

    WebchatFilter(WebchatOrigins origins, SessionTokens tokens) {
        this.origins = origins;
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (!api(path)) {
            return null;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (!origins.allowed(origin, request)) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new WebchatWire.Problem("origin-not-allowed"));
        }
        if (request.getMethod() == HttpMethod.OPTIONS) {
            MutableHttpResponse<?> preflight = HttpResponse.noContent()
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS")
                    .header(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, " + SESSION_HEADER)
                    .header(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
            cors(request, preflight);
            return preflight;
        }
        if (path.equals("/webchat/sessions")) {
            return null;
        }
        Optional<SessionTokens.Session> session = tokens.verify(token(request));
        if (session.isEmpty()) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(new WebchatWire.Problem("invalid-session"));
        }
        request.setAttribute(SESSION, session.get());
        return null;
    }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!api(request.getPath())) {
            return;
        }
        cors(request, response);
    }

    private void cors(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        response.getHeaders().set(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && origins.allowed(origin, request) && origins.foreign(origin, request)) {
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            response.getHeaders().set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
        }
    }

    /** The API (not the widget's and page's scripts, which any page may load). */
    private static boolean api(String path) {
        return path.startsWith(API_PREFIX) && !path.endsWith(".js");
    }

    private static String token(HttpRequest<?> request) {
        String auth = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        String header = request.getHeaders().get(SESSION_HEADER);
        if (header != null) {
            return header.strip();
        }
        // EventSource cannot set headers: the event stream takes the token as a query parameter
        if (request.getMethod() == HttpMethod.GET && request.getPath().equals("/webchat/events")) {
            return request.getParameters().get("token");
        }
        return null;
    }
}
