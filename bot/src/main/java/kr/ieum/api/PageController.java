package kr.ieum.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;

/** The small page at {@code /} where a newcomer can ask questions; its words come from {@code locales/}. */
@Controller
class PageController {
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z.]+)}}");
    private final Messages messages;
    private final String template;

    PageController(Messages messages) {
        this.messages = messages;
        try (InputStream in = PageController.class.getResourceAsStream("/web/index.html")) {
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    String index(@QueryValue @Nullable String lang, @Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        LocaleRegistry registry = messages.locales();
        String tag = registry.match(lang)
                .or(() -> acceptLanguage == null ? java.util.Optional.empty()
                        : registry.match(acceptLanguage.split(",")[0].split(";")[0]))
                .orElse("en");
        SupportedLocale locale = registry.get(tag);
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = switch (key) {
                case "lang" -> tag;
                case "dir" -> locale.direction();
                default -> messages.render(tag, key).text();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
