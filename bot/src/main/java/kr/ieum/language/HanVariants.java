package kr.ieum.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Han characters that only one of the two Chinese writing systems uses: those that ICU4J's Hant-Hans
 * transliterator changes (Traditional) and those that its Hans-Hant changes (Simplified), listed in
 * {@code /language/han-variants.txt}. Holding the two lists instead of the transliterators spares about 5 MiB of heap
 * and a transliteration per message; {@code HanVariantsTest} checks the lists against ICU4J (and writes them anew).
 * Immutable and thread-safe.
 */
final class HanVariants {
    static final String RESOURCE = "/language/han-variants.txt";

    private final int[] traditional;
    private final int[] simplified;

    HanVariants(int[] traditional, int[] simplified) {
        this.traditional = sorted(traditional);
        this.simplified = sorted(simplified);
    }

    static HanVariants fromClasspath() {
        try (InputStream in = HanVariants.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int[] traditional = null;
            int[] simplified = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("traditional\t")) {
                    traditional = line.substring(line.indexOf('\t') + 1).codePoints().toArray();
                } else if (line.startsWith("simplified\t")) {
                    simplified = line.substring(line.indexOf('\t') + 1).codePoints().toArray();
                }
            }
            if (traditional == null || simplified == null) {
                throw new IllegalStateException(RESOURCE + " needs a 'traditional' and a 'simplified' line");
            }
            return new HanVariants(traditional, simplified);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code text} holds a character only Traditional Chinese uses. */
    boolean hasTraditional(String text) {
        return holdsAny(text, traditional);
    }

    /** Whether {@code text} holds a character only Simplified Chinese uses. */
    boolean hasSimplified(String text) {
        return holdsAny(text, simplified);
    }

    private static boolean holdsAny(String text, int[] set) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Arrays.binarySearch(set, cp) >= 0) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    private static int[] sorted(int[] codePoints) {
        int[] copy = codePoints.clone();
        Arrays.sort(copy);
        return copy;
    }
}
