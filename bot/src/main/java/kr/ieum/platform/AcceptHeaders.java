package kr.ieum.platform;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.util.List;
import org.reactivestreams.Publisher;

/**
 * Drops an {@code Accept-Language} or {@code Accept-Charset} header made of nothing but separators ({@code ;}, {@code ,;}):
 * Micronaut's own parsing of them fails on such a value with an exception, which would answer any page with a 500
 * (found by {@code bench/run fuzz}). Without the header the request is served as if the browser had sent none.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
class AcceptHeaders implements HttpServerFilter {
    private static final List<String> PARSED = List.of(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.ACCEPT_CHARSET);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        List<String> broken = PARSED.stream().filter(name -> request.getHeaders().getAll(name).stream().anyMatch(AcceptHeaders::unparsable))
                .toList();
        if (broken.isEmpty()) {
            return chain.proceed(request);
        }
        MutableHttpRequest<?> mutable = request.mutate();
        broken.forEach(name -> mutable.getHeaders().remove(name));
        return chain.proceed(mutable);
    }

    /** Whether the first entry of an accept header is missing the way Micronaut's split cannot handle (nothing but separators). */
    static boolean unparsable(String value) {
        String first = value;
        if (first.indexOf(';') > -1) {
            String[] parts = first.split(";");
            if (parts.length == 0) {
                return true;
            }
            first = parts[0];
        }
        return first.indexOf(',') > -1 && first.split(",").length == 0;
    }
}
