package kr.ieum.console;

import com.ibm.icu.text.MessageFormat;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.ieum.i18n.LocalesChecker;
import kr.ieum.i18n.LocalesProperties;

/**
 * The console's own words, in Korean and English: {@code locales/console/<ui>.yaml}, key → ICU MessageFormat
 * pattern. English is the fallback for a key missing in Korean. The UI language is the {@code ui} cookie staff
 * choose on any page, else the browser's first of ko/en.
 */
@Singleton
public class ConsoleText {
    public static final List<String> LANGUAGES = List.of("en", "ko");
    public static final String COOKIE = "console_ui";
    private final Map<String, Map<String, String>> words = new LinkedHashMap<>();

    ConsoleText(LocalesProperties locales) {
        for (String ui : LANGUAGES) {
            words.put(ui, read(locales.directory().resolve("console").resolve(ui + ".yaml")));
        }
    }

    /** Every word of {@code ui}, with English where it lacks a key. */
    public Map<String, String> words(String ui) {
        Map<String, String> all = new LinkedHashMap<>(words.get("en"));
        all.putAll(words.getOrDefault(ui, Map.of()));
        return all;
    }

    public String format(String ui, String key, Map<String, Object> args) {
        String pattern = words.getOrDefault(ui, Map.of()).getOrDefault(key, words.get("en").get(key));
        if (pattern == null) {
            return key;
        }
        return args.isEmpty() ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(ui)).format(args);
    }

    /** The UI language of a request. */
    public String ui(HttpRequest<?> request) {
        String chosen = request.getCookies().findCookie(COOKIE).map(c -> c.getValue()).orElse(null);
        if (chosen != null && LANGUAGES.contains(chosen)) {
            return chosen;
        }
        String accept = request.getHeaders().get("Accept-Language");
        if (accept != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept.length() > 200 ? accept.substring(0, 200) : accept)) {
                    String lang = range.getRange().split("-")[0];
                    if (LANGUAGES.contains(lang)) {
                        return lang;
                    }
                }
            } catch (IllegalArgumentException e) {
                return "en";
            }
        }
        return "en";
    }

    /** The words of one file; a broken file stops the start with its problems at file:line (the console has no fallback). */
    private static Map<String, String> read(Path file) {
        LocalesChecker.Read read = LocalesChecker.read(file, "locales/console/" + file.getFileName());
        if (!read.problems().isEmpty()) {
            throw new IllegalStateException("the console's words cannot be loaded: " + read.problems());
        }
        return read.patterns();
    }
}
