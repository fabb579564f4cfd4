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

    /** Every locale's key → pattern map; a locale without a file gets an empty map. */
    public static Map<String, Map<String, String>> patterns(LocaleRegistry registry, Path dir) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String tag : registry.tags()) {
            Path file = dir.resolve("messages").resolve(tag + ".yaml");
            Map<String, String> patterns = new LinkedHashMap<>();
            if (Files.exists(file)) {
                read(file).forEach((k, v) -> patterns.put(k, String.valueOf(v)));
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
