package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;

/**
 * The chat page ({@code /chat}, {@code /chat?embed=1} inside the widget's panel), its script and the widget script.
 * Every word comes from {@code locales/}, rendered here into the HTML, escaped.
 */
@Controller
@Requires(property = "ieum.channels.webchat.enabled", value = "true", defaultValue = "true")
class ChatPageController {
    private static final String JS = "application/javascript;charset=utf-8";
    private static final java.util.regex.Pattern START_CODE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private final Messages messages;
    private final LocaleRegistry locales;
    private final WebchatOrigins origins;
    private final Template page = Template.load("/web/chat.html");
    private final String chatScript = Template.load("/web/chat.js").raw();
    private final String widgetScript;

    ChatPageController(Messages messages, WebchatOrigins origins) {
        this.messages = messages;
        this.locales = messages.locales();
        this.origins = origins;
        this.widgetScript = Template.load("/web/widget.js").raw().replace("/*WORDS*/{}", widgetWords());
    }

    @Get("/chat")
    HttpResponse<String> chat(@QueryValue @Nullable String lang, @QueryValue @Nullable String embed,
            @QueryValue @Nullable String start, @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        String tag = Pages.language(locales, lang, acceptLanguage);
        boolean embedded = "1".equals(embed);
        Map<String, String> values = new HashMap<>();
        values.put("lang", tag);
        values.put("dir", locales.get(tag).direction());
        values.put("mode", embedded ? "embed" : "page");
        values.put("rtl", locales.all().stream().filter(SupportedLocale::rtl).map(SupportedLocale::tag).collect(Collectors.joining(" ")));
        values.put("languages", languageOptions(tag));
        // a deep link's start code (/j/...): the page sends it as its first message; anything else is dropped
        values.put("start", start != null && START_CODE.matcher(start).matches() ? start : "");
        values.put("embedInput", embedded ? "<input type=\"hidden\" name=\"embed\" value=\"1\">" : "");
        String html = page.render(values, key -> messages.render(tag, key).text());
        return Pages.secure(HttpResponse.ok(html).contentType(Pages.HTML), true, origins.embedders(), "public, max-age=300")
                .header(HttpHeaders.CONTENT_LANGUAGE, tag);
    }

    @Get("/webchat/chat.js")
    HttpResponse<String> chatScript() {
        return HttpResponse.ok(chatScript).contentType(JS).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Get("/webchat/widget.js")
    HttpResponse<String> widgetScript() {
        return HttpResponse.ok(widgetScript).contentType(JS).header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
                .header("X-Content-Type-Options", "nosniff");
    }

    private String languageOptions(String selected) {
        StringBuilder out = new StringBuilder();
        for (SupportedLocale l : locales.all()) {
            out.append("<option value=\"").append(Html.escape(l.tag())).append("\" lang=\"").append(Html.escape(l.tag()))
                    .append("\" dir=\"").append(l.direction()).append('"')
                    .append(l.tag().equals(selected) ? " selected" : "").append('>')
                    .append(Html.escape(l.endonym())).append("</option>");
        }
        return out.toString();
    }

    /** The widget's words in every locale: {@code {"vi": {"open": ..., "close": ..., "title": ..., "dir": "ltr"}}}. */
    private String widgetWords() {
        StringBuilder out = new StringBuilder("{");
        for (SupportedLocale l : locales.all()) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(Pages.jsString(l.tag())).append(":{")
                    .append("\"open\":").append(Pages.jsString(messages.render(l.tag(), "webchat.open").text())).append(',')
                    .append("\"close\":").append(Pages.jsString(messages.render(l.tag(), "webchat.close").text())).append(',')
                    .append("\"title\":").append(Pages.jsString(messages.render(l.tag(), "page.title").text())).append(',')
                    .append("\"dir\":").append(Pages.jsString(l.direction())).append('}');
        }
        return out.append('}').toString();
    }
}
