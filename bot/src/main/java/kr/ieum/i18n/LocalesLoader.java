package kr.ieum.i18n;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads {@code locales.yaml} and {@code messages/<tag>.yaml}. */
public final class LocalesLoader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalesLoader.class);
    private LocalesLoader() {}

    public static LocaleRegistry registry(Path dir) {
        Map<String, Object> root = read(dir.resolve("locales.yaml"));
        List<SupportedLocale> locales = new ArrayList<>();
        for (Object o : (List<?>) root.get("locales")) {
            Map<?, ?> m = (Map<?, ?>) o;
            List<String> fallback = new ArrayList<>();
            for (Object f : (List<?>) m.get("fallback")) {
                fallback.add(String.valueOf(f));
            }
            locales.add(new SupportedLocale(String.valueOf(m.get("tag")), String.valueOf(m.get("endonym")),
                    String.valueOf(m.get("script")), "rtl".equals(m.get("direction")), List.copyOf(fallback),
                    Boolean.TRUE.equals(m.get("euc-kr"))));
        }
        return new LocaleRegistry(locales);
    }

    public static Messages messages(LocaleRegistry registry, Path dir) {
        return new Messages(registry, patterns(registry, dir));
    }

    /**
     * Every locale's key → pattern map; a locale without a file gets an empty map. A file that does not parse is refused
     * whole, and a pattern that does not compile or whose placeholders differ from English is refused alone, each logged
     * with its file and line: the locale then speaks through its fallback chain (ending in English) for what was refused.
     * Only broken English stops the service, since nothing else could stand in for it.
     */
    public static Map<String, Map<String, String>> patterns(LocaleRegistry registry, Path dir) {
        return patterns(registry, dir, Map.of());
    }

    /**
     * Reads {@code locales/messages} again into {@code messages}, while the service runs: a locale whose file is broken
     * keeps the words it had (its last good version), and a refused pattern keeps its last good one; answers the problems
     * (file:line), empty when everything was taken. Broken English changes nothing at all.
     */
    public static List<LocalesChecker.Problem> reload(Messages messages, Path dir) {
        List<LocalesChecker.Problem> problems = LocalesChecker.check(dir, messages.locales());
        try {
            messages.replace(patterns(messages.locales(), dir, messages.patterns()));
        } catch (IllegalStateException e) {
            LOG.error("Kept all of the bot's words: {}", e.getMessage());
        }
        return problems;
    }

    private static Map<String, Map<String, String>> patterns(LocaleRegistry registry, Path dir, Map<String, Map<String, String>> previous) {
        Map<String, Map<String, String>> all = new HashMap<>();
        Map<String, String> source = null;
        List<String> tags = new ArrayList<>(registry.tags());
        tags.remove("en");
        tags.add(0, "en");
        for (String tag : tags) {
            Path file = dir.resolve("messages").resolve(tag + ".yaml");
            Map<String, String> patterns = new LinkedHashMap<>();
            if (Files.exists(file)) {
                LocalesChecker.Read read = LocalesChecker.read(file, "locales/messages/" + tag + ".yaml");
                if (!read.problems().isEmpty()) {
                    if (tag.equals("en")) {
                        throw new IllegalStateException("the English messages cannot be loaded: " + read.problems());
                    }
                    read.problems().forEach(p -> LOG.error("Refused {} ({}): {}", file.getFileName(),
                            previous.containsKey(tag) ? "its last good version stays" : "its readers get the fallback language", p));
                    patterns.putAll(previous.getOrDefault(tag, Map.of()));
                } else {
                    for (Map.Entry<String, String> e : read.patterns().entrySet()) {
                        java.util.Set<String> args = LocalesChecker.arguments(e.getValue(), tag);
                        java.util.Set<String> expected = source == null ? args
                                : source.containsKey(e.getKey()) ? LocalesChecker.arguments(source.get(e.getKey()), "en") : args;
                        if (args == null || !args.equals(expected)) {
                            LOG.error("Refused {}:{}: '{}' {}", "locales/messages/" + tag + ".yaml", read.lines().get(e.getKey()), e.getKey(),
                                    args == null ? "is not a valid ICU MessageFormat pattern" : "has placeholders " + args + " but English has " + expected);
                            if (tag.equals("en")) {
                                throw new IllegalStateException("the English message '" + e.getKey() + "' is not a valid pattern");
                            }
                            String old = previous.getOrDefault(tag, Map.of()).get(e.getKey());
                            if (old != null) {
                                patterns.put(e.getKey(), old);
                            }
                            continue;
                        }
                        patterns.put(e.getKey(), e.getValue());
                    }
                }
            }
            if (tag.equals("en")) {
                source = patterns;
            }
            all.put(tag, patterns);
        }
        return all;
    }

    private static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> map = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return map == null ? Map.of() : map;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
