package kr.ieum.channel.webchat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import java.util.Optional;
import java.util.Set;
import kr.ieum.i18n.LocaleRegistry;

/** What the chat and answer pages share: choosing the page's language and their security and cache headers. */
final class Pages {
    static final String HTML = "text/html;charset=utf-8";

    private Pages() {}

    /** {@code ?lang=} when it matches a supported locale (best match), else the browser's first language, else en. */
    static String language(LocaleRegistry locales, String lang, String acceptLanguage) {
        Optional<String> chosen = locales.match(lang);
        if (chosen.isEmpty() && acceptLanguage != null && acceptLanguage.length() <= 500) {
            for (String item : acceptLanguage.split(",")) {
                chosen = locales.match(item.split(";")[0].strip());
                if (chosen.isPresent()) {
                    break;
                }
            }
        }
        return chosen.orElse("en");
    }

    /**
     * No external resources, no inline script ({@code script-src 'self'}); only the service itself and the configured
     * sites may frame the page.
     */
    static <T> MutableHttpResponse<T> secure(MutableHttpResponse<T> response, boolean scripts, Set<String> embedders, String cache) {
        String frameAncestors = "'self'" + (embedders.isEmpty() ? "" : " " + String.join(" ", embedders));
        response.header("Content-Security-Policy", "default-src 'none'; " + (scripts ? "script-src 'self'; connect-src 'self'; " : "")
                + "style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors "
                + frameAncestors);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "strict-origin-when-cross-origin");
        response.header(HttpHeaders.CACHE_CONTROL, cache);
        response.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        return response;
    }

    /** A JavaScript string literal (with quotes) that is also safe inside HTML. */
    static String jsString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '<', '>', '&', '\'', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
