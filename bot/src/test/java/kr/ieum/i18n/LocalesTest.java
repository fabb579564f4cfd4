package kr.ieum.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.MessagePattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;

/** Every locale has every key of the base locale, every pattern parses, and arguments match the base. */
class LocalesTest {
    static final Path DIR = ProjectPaths.resolve(null, "locales");
    static final LocaleRegistry REGISTRY = LocalesLoader.registry(DIR);

    @Test
    void registryHasTheTwentyLocalesWithChainsEndingInEnglish() {
        assertEquals(List.of("ko", "en", "zh-Hans", "zh-Hant", "vi", "ne", "uz", "km", "th", "id", "tl", "mn", "my", "ru",
                "si", "bn", "ur", "ja", "kk", "ky"), REGISTRY.tags());
        assertEquals(List.of("kk", "ru", "en"), REGISTRY.chain("kk"));
        assertEquals(List.of("zh-Hant", "zh-Hans", "en"), REGISTRY.chain("zh-Hant"));
        assertTrue(REGISTRY.get("ur").rtl());
    }

    @Test
    void everyLocaleHasEveryKeyAndValidPatterns() {
        Map<String, Map<String, String>> all = LocalesLoader.patterns(REGISTRY, DIR);
        Map<String, String> base = all.get("en");
        assertTrue(base.size() > 30, "base locale has too few keys");
        List<String> problems = new ArrayList<>();
        for (String tag : REGISTRY.tags()) {
            Map<String, String> patterns = all.get(tag);
            for (String key : base.keySet()) {
                if (!patterns.containsKey(key)) {
                    problems.add(tag + ": missing " + key);
                    continue;
                }
                try {
                    if (!arguments(base.get(key)).equals(arguments(patterns.get(key)))) {
                        problems.add(tag + ": " + key + " has arguments " + arguments(patterns.get(key)) + ", base has " + arguments(base.get(key)));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(tag + ": " + key + " does not parse: " + e.getMessage());
                }
            }
            for (String key : patterns.keySet()) {
                if (!base.containsKey(key)) {
                    problems.add(tag + ": unknown key " + key);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void commandWordsDoNotCollideWithinALocale() {
        Messages messages = LocalesLoader.messages(REGISTRY, DIR);
        List<String> problems = new ArrayList<>();
        for (String tag : REGISTRY.tags()) {
            Map<String, String> seen = new java.util.HashMap<>();
            for (String command : List.of("language", "menu", "help", "human", "stop", "start", "forget", "yes", "no", "more",
                    "continue", "greeting", "thanks")) {
                for (String word : messages.commandWords(tag, command)) {
                    String other = seen.put(word, command);
                    // yes/no only answer "erase everything?", asked just before: there "ok" is yes, elsewhere thanks
                    boolean contextual = other != null && Set.of("yes", "no").contains(other) && Set.of("thanks", "greeting").contains(command);
                    if (other != null && !other.equals(command) && !contextual) {
                        problems.add(tag + ": '" + word + "' is both " + other + " and " + command);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Set<String> arguments(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(parsed.getSubstring(part));
            }
        }
        return names;
    }
}
