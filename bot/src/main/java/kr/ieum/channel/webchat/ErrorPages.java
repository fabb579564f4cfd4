package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.HtmlErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;

/**
 * The page a browser gets for an error (a mistyped address, a method a page does not take): the status, a line in the
 * reader's language from {@code locales/} where one fits (page not found; our fault, try again) and a link to the chat,
 * never an exception's message. It replaces Micronaut's default page, which spoke English only and kept every page it
 * rendered in a map keyed by the request's locale and error messages, without a bound: any client could grow the heap
 * without end by varying {@code Accept-Language} on requests for missing pages (found by {@code bench/run fuzz}). Pages
 * here are kept per status and supported locale, a bounded set.
 */
@Singleton
@Replaces(HtmlErrorResponseBodyProvider.class)
final class ErrorPages implements HtmlErrorResponseBodyProvider {
    private final Messages messages;
    private final LocaleRegistry locales;
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    ErrorPages(Messages messages) {
        this.messages = messages;
        this.locales = messages.locales();
    }

    @Override
    public String body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String tag = Pages.language(locales, null, context.getRequest().getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        return rendered.computeIfAbsent(status + "/" + tag, k -> render(status, tag));
    }

    /** How many pages are kept (tests: a bounded number, whatever the requests say). */
    int kept() {
        return rendered.size();
    }

    private String render(int status, String tag) {
        String line = status == 404 ? messages.render(tag, "answer.notfound.title").text()
                : status >= 500 ? messages.render(tag, "error.temporary").text() : null;
        String home = messages.render(tag, "page.title").text();
        return "<!doctype html><html lang=\"" + Html.escape(tag) + "\" dir=\"" + locales.get(tag).direction() + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\"><title>" + status + "</title></head><body><h1>" + status + "</h1>"
                + (line == null ? "" : "<p>" + Html.escape(line) + "</p>")
                + "<p><a href=\"/?lang=" + Html.escape(tag) + "\">" + Html.escape(home) + "</a></p></body></html>";
    }
}
