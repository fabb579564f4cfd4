package kr.ieum.i18n;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The locales Ieum speaks, in menu order, with their fallback chains. */
public final class LocaleRegistry {
    private final Map<String, SupportedLocale> byTag = new LinkedHashMap<>();
    private final Map<String, String> byLowerTag = new LinkedHashMap<>();

    LocaleRegistry(List<SupportedLocale> locales) {
        for (SupportedLocale l : locales) {
            byTag.put(l.tag(), l);
            byLowerTag.put(l.tag().toLowerCase(Locale.ROOT), l.tag());
        }
    }

    public List<SupportedLocale> all() {
        return List.copyOf(byTag.values());
    }

    public List<String> tags() {
        return List.copyOf(byTag.keySet());
    }

    public boolean supports(String tag) {
        return tag != null && byTag.containsKey(tag);
    }

    public SupportedLocale get(String tag) {
        SupportedLocale l = byTag.get(tag);
        if (l == null) {
            throw new IllegalArgumentException("unsupported locale: " + tag);
        }
        return l;
    }

    /**
     * Maps a BCP 47 hint from outside (a channel's language_code, an API caller's locale, a browser's
     * Accept-Language item) to one of our tags: exact match, then script-aware Chinese, then the language.
     */
    public Optional<String> match(String hint) {
        if (hint == null || hint.isBlank() || hint.length() > 64) {
            return Optional.empty();
        }
        String lower = hint.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        if (byLowerTag.containsKey(lower)) {
            return Optional.of(byLowerTag.get(lower));
        }
        Locale locale = Locale.forLanguageTag(lower);
        String language = locale.getLanguage();
        if (language.equals("zh")) {
            String script = locale.getScript().toLowerCase(Locale.ROOT);
            String region = locale.getCountry().toUpperCase(Locale.ROOT);
            boolean traditional = script.equals("hant") || region.equals("TW") || region.equals("HK") || region.equals("MO");
            return Optional.of(traditional ? "zh-Hant" : "zh-Hans");
        }
        if (language.equals("fil")) {
            language = "tl";
        }
        return Optional.ofNullable(byLowerTag.get(language));
    }

    /** The tag itself, then its fallback chain; every chain ends in {@code en}. */
    public List<String> chain(String tag) {
        List<String> chain = new ArrayList<>();
        chain.add(tag);
        if (byTag.containsKey(tag)) {
            for (String f : byTag.get(tag).fallback()) {
                if (!chain.contains(f)) {
                    chain.add(f);
                }
            }
        }
        if (!chain.contains("en")) {
            chain.add("en");
        }
        return chain;
    }
}
