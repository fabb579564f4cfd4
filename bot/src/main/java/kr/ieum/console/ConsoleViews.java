package kr.ieum.console;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;

/**
 * Renders a console page (Thymeleaf, {@code views/console/}) to a string before the response starts, so that a
 * template error becomes the service's ordinary 500 with a log reference instead of a response that never ends.
 */
@Singleton
class ConsoleViews {
    private final ThymeleafViewsRenderer<Map<String, Object>> renderer;

    ConsoleViews(ThymeleafViewsRenderer<Map<String, Object>> renderer) {
        this.renderer = renderer;
    }

    HttpResponse<String> page(String view, Map<String, Object> model, HttpRequest<?> request) {
        return page(HttpStatus.OK, view, model, request);
    }

    HttpResponse<String> page(HttpStatus status, String view, Map<String, Object> model, HttpRequest<?> request) {
        StringWriter out = new StringWriter(16 * 1024);
        try {
            Writable writable = renderer.render(view, model, request);
            writable.writeTo(out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("console page " + view + " could not be rendered", e);
        }
        return HttpResponse.<String>status(status).contentType(MediaType.TEXT_HTML + ";charset=utf-8").body(out.toString());
    }
}
