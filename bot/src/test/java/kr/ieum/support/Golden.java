package kr.ieum.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Provider payload golden files under {@code src/test/resources/webhooks/}. */
public final class Golden {
    private Golden() {}

    /** The file's text, with each pair of {@code replacements} (literal, replacement) applied. */
    public static String load(String path, String... replacements) {
        try (InputStream in = Golden.class.getResourceAsStream("/webhooks/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < replacements.length; i += 2) {
                if (!text.contains(replacements[i])) {
                    throw new IllegalArgumentException(path + " does not contain " + replacements[i]);
                }
                text = text.replace(replacements[i], replacements[i + 1]);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
