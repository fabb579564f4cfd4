package kr.ieum.channel.webchat;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kr.ieum.content.Localization;
import kr.ieum.faq.Answer;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;

/**
 * The light answer page {@code /a/{topic}?lang=xx} that SMS and other short channels link to: the topic's
 * question and full answer in the reader's language (or the next one of its fallback chain, with a notice),
 * readable without JavaScript, with a link to the chat.
 */
@Controller
class AnswerPageController {
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9-]{1,80}");
    private final FaqService faq;
    private final Messages messages;
    private final LocaleRegistry locales;
    private final WebchatOrigins origins;
    private final Template page = Template.load("/web/answer.html");

    AnswerPageController(FaqService faq, Messages messages, WebchatOrigins origins) {
        this.faq = faq;
        this.messages = messages;
        this.locales = messages.locales();
        this.origins = origins;
    }

    @Get("/a/{topic}")
    HttpResponse<String> answer(@PathVariable String topic, @QueryValue @Nullable String lang,
            @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        String tag = Pages.language(locales, lang, acceptLanguage);
        Optional<Answer> found = TOPIC.matcher(topic).matches() ? faq.text(topic, tag) : Optional.empty();
        if (found.isEmpty()) {
            return notFound(tag);
        }
        Localization l = found.get().localization();
        StringBuilder notices = new StringBuilder();
        if (found.get().fallback()) {
            notice(notices, messages.render(tag, "notice.fallback", Map.of(
                    "language", messages.languageName(tag, tag),
                    "fallbackLanguage", messages.languageName(l.locale(), tag))));
        }
        if (l.machineTranslated()) {
            notice(notices, messages.render(tag, "notice.machine"));
        }
        Map<String, String> values = base(tag);
        values.put("heading", l.question());
        values.put("contentLang", l.locale());
        values.put("contentDir", direction(l.locale()));
        values.put("notices", notices.toString());
        values.put("body", Html.markdown(l.answer(), tag, false));
        values.put("sources", sources(tag, l));
        return respond(HttpStatus.OK, tag, values, "public, max-age=300");
    }

    private HttpResponse<String> notFound(String tag) {
        Map<String, String> values = base(tag);
        values.put("heading", messages.render(tag, "answer.notfound.title").text());
        values.put("contentLang", tag);
        values.put("contentDir", direction(tag));
        values.put("notices", "");
        StringBuilder body = new StringBuilder("<p>").append(Html.escape(messages.render(tag, "answer.notfound.text").text()))
                .append("</p><ul>");
        for (String topic : faq.menu()) {
            faq.text(topic, tag).ifPresent(a -> body.append("<li><a href=\"").append(Html.escape(Html.answerPath(topic, tag)))
                    .append("\" lang=\"").append(Html.escape(a.localization().locale())).append("\">")
                    .append(Html.escape(a.localization().question())).append("</a></li>"));
        }
        values.put("body", body.append("</ul>").toString());
        values.put("sources", "");
        return respond(HttpStatus.NOT_FOUND, tag, values, "public, max-age=60");
    }

    private Map<String, String> base(String tag) {
        Map<String, String> values = new HashMap<>();
        values.put("lang", tag);
        values.put("dir", direction(tag));
        values.put("chatUrl", "/chat?lang=" + tag);
        return values;
    }

    private HttpResponse<String> respond(HttpStatus status, String tag, Map<String, String> values, String cache) {
        String html = page.render(values, key -> messages.render(tag, key).text());
        return Pages.secure(HttpResponse.<String>status(status).body(html).contentType(Pages.HTML), false, origins.embedders(), cache)
                .header(HttpHeaders.CONTENT_LANGUAGE, tag);
    }

    private void notice(StringBuilder out, LocalizedText text) {
        out.append("<p class=\"notice\" role=\"note\" lang=\"").append(Html.escape(text.locale())).append("\">")
                .append(Html.escape(text.text())).append("</p>");
    }

    private String sources(String tag, Localization l) {
        if (l.links() == null || l.links().isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<aside class=\"sources\"><h2>")
                .append(Html.escape(messages.render(tag, "answer.sources").text())).append("</h2><ul>");
        for (String link : l.links()) {
            if (link.startsWith("https://")) {
                out.append("<li><a href=\"").append(Html.escape(link)).append("\" rel=\"noopener noreferrer\">")
                        .append(Html.escape(link)).append("</a></li>");
            }
        }
        return out.append("</ul></aside>").toString();
    }

    private String direction(String tag) {
        return locales.supports(tag) ? locales.get(tag).direction() : "ltr";
    }
}
