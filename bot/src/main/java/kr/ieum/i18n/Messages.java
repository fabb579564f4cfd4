package kr.ieum.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bot's own words, from {@code locales/messages/<tag>.yaml}. The only place user-facing text is formatted.
 * A key missing in a locale falls back along the locale's chain (the build's locale test keeps that from happening).
 */
public final class Messages {
    private final LocaleRegistry registry;
    private volatile Map<String, Map<String, String>> patterns;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> owners = new ConcurrentHashMap<>();

    Messages(LocaleRegistry registry, Map<String, Map<String, String>> patterns) {
        this.registry = registry;
        this.patterns = Map.copyOf(patterns);
    }

    public LocaleRegistry locales() {
        return registry;
    }

    /** Takes the words read again from {@code locales/} (see {@link LocalesLoader#reload}); what was cached from the old ones goes. */
    void replace(Map<String, Map<String, String>> fresh) {
        this.patterns = Map.copyOf(fresh);
        compiled.clear();
        owners.clear();
    }

    /** The current patterns, per locale (for a reload to keep a locale's last good words). */
    Map<String, Map<String, String>> patterns() {
        return patterns;
    }

    /** Formats {@code key} in {@code locale} with named arguments. */
    public LocalizedText render(String locale, String key, Map<String, Object> args) {
        for (String tag : registry.chain(locale)) {
            String pattern = patterns.getOrDefault(tag, Map.of()).get(key);
            if (pattern != null) {
                MessageFormat format = compiled.computeIfAbsent(tag + '\u0000' + key,
                        k -> new MessageFormat(pattern, ULocale.forLanguageTag(tag)));
                synchronized (format) {
                    return new LocalizedText(tag, format.format(args));
                }
            }
        }
        throw new IllegalArgumentException("no message " + key);
    }

    public LocalizedText render(String locale, String key) {
        return render(locale, key, Map.of());
    }

    /**
     * The words that trigger a command in {@code locale}: the locale's own words plus the English ones,
     * lower case.
     */
    public Set<String> commandWords(String locale, String command) {
        Set<String> words = new LinkedHashSet<>();
        for (String tag : List.of(locale, "en")) {
            words.addAll(words(patterns.getOrDefault(tag, Map.of()).get("command." + command)));
        }
        return words;
    }

    /**
     * The locales whose own words for {@code command} (not the English ones every locale understands) include
     * {@code word}, in registry order: evidence of the language of a one-word message such as "xin chào".
     */
    public List<String> localesWithOwnCommandWord(String command, String word) {
        return owners.computeIfAbsent(command, this::ownersOf).getOrDefault(word, List.of());
    }

    /** Each own word of {@code command} and the locales that list it (asked on every turn, so built once). */
    private Map<String, List<String>> ownersOf(String command) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        for (String tag : registry.tags()) {
            words(patterns.getOrDefault(tag, Map.of()).get("command." + command))
                    .forEach(w -> out.computeIfAbsent(w, k -> new java.util.ArrayList<>()).add(tag));
        }
        out.replaceAll((w, tags) -> List.copyOf(tags));
        return Map.copyOf(out);
    }

    /** The words of a {@code command.*} value: split at |, lower case, without empty ones. */
    private static List<String> words(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.replace("''", "'").split("\\|")).map(w -> w.strip().toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty()).toList();
    }

    /** A language's name written in the reader's language, from ICU's locale data (for example "tiếng Nga"). */
    public String languageName(String tag, String readerLocale) {
        String key = tag + ' ' + readerLocale;
        String known = languageNames.get(key);
        if (known != null) {
            return known;
        }
        ULocale language = ULocale.forLanguageTag(tag);
        String name = language.getDisplayNameWithDialect(ULocale.forLanguageTag(readerLocale));
        name = name == null || name.isBlank() ? registry.get(tag).endonym() : name;
        if (languageNames.size() < MAX_LANGUAGE_NAMES) {
            languageNames.put(key, name);
        }
        return name;
    }

    /**
     * Names made so far: ICU makes each from its locale data (1-2 % of a turn's samples in a JFR profile of
     * {@code bench/run load}), and every SMS that links its answer page names its language. The supported languages in
     * each other's are 400; the bound is for any other caller.
     */
    private final java.util.Map<String, String> languageNames = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_LANGUAGE_NAMES = 2_000;

    /** Keys of the base locale, for checks. */
    Set<String> keys(String locale) {
        return patterns.getOrDefault(locale, Map.of()).keySet();
    }
}
