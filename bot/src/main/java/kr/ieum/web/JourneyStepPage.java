package kr.ieum.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import kr.ieum.content.Journey;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.JourneyTurn;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.RichText;

/**
 * {@code GET /j/{journey}/{step}?lang=}: one journey step as a light page (no JavaScript, a few KB), which an SMS links
 * to when the step's text is too long for two or three segments: the step's words and its numbered choices (the
 * resident answers by SMS with the number), and a link to go on in the web chat.
 */
@Controller("/j")
class JourneyStepPage {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
    private final JourneyService journeys;
    private final Messages messages;
    private final LocaleRegistry locales;

    JourneyStepPage(JourneyService journeys, Messages messages, LocaleRegistry locales) {
        this.journeys = journeys;
        this.messages = messages;
        this.locales = locales;
    }

    @Get(value = "/{journey}/{step}", produces = MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> step(@PathVariable String journey, @PathVariable String step, @Nullable @QueryValue String lang) {
        String tag = locales.match(lang).orElse("en");
        Optional<Journey> found = journeys.journey(journey);
        Optional<JourneyTurn.Part> part = found.flatMap(j -> journeys.stepText(j, step, tag));
        if (part.isEmpty()) {
            String body = "<h1>" + RichText.escape(messages.render(tag, "answer.notfound.title").text()) + "</h1>";
            return secure(HttpResponse.<String>status(HttpStatus.NOT_FOUND).body(page(tag, body, body)));
        }
        StringBuilder body = new StringBuilder();
        String title = journeys.title(found.get(), tag).text();
        body.append("<h1>").append(RichText.escape(title)).append("</h1>");
        body.append("<div lang=\"").append(RichText.escape(part.get().text().locale())).append("\">")
                .append(RichText.parse(part.get().text().text()).html(t -> "/a/" + t + "?lang=" + enc(tag), "", "rel=\"noopener noreferrer\""))
                .append("</div>");
        if (!part.get().choices().isEmpty()) {
            body.append("<ol>");
            part.get().choices().forEach(c -> body.append("<li>").append(RichText.escape(c.label().text())).append("</li>"));
            body.append("</ol>");
        }
        body.append("<p><a href=\"/j/").append(enc(found.get().id())).append("?lang=").append(enc(tag)).append("&amp;step=")
                .append(enc(step)).append("\">").append(RichText.escape(messages.render(tag, "webchat.open").text())).append("</a></p>");
        return secure(HttpResponse.ok(page(tag, title, body.toString())));
    }

    private String page(String tag, String title, String body) {
        return "<!DOCTYPE html><html lang=\"" + RichText.escape(tag) + "\" dir=\"" + locales.get(tag).direction() + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + RichText.escape(title.replaceAll("<[^>]*>", "")) + "</title>"
                + "<style>body{font:17px/1.5 sans-serif;max-width:40em;margin:1em auto;padding:0 1em}li{margin:.4em 0}</style>"
                + "</head><body>" + body + "</body></html>";
    }

    private static HttpResponse<String> secure(io.micronaut.http.MutableHttpResponse<String> response) {
        return response.contentType(MediaType.TEXT_HTML + ";charset=utf-8").header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "public, max-age=300");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
