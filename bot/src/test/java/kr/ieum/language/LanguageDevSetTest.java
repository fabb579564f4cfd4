package kr.ieum.language;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Language identification on the development data for the languages the Lingua test set lacks
 * ({@code bench/langid-dev}: Uzbek in both scripts, Kyrgyz, Nepali, Khmer, Burmese; openly licensed localisation text,
 * never UDHR). Prints every language's accuracy on single words and on phrases, and holds floors at today's level
 * minus a margin so that a change that loses these languages shows. Today's numbers: bench/results/langid.md.
 */
class LanguageDevSetTest {
    /** tag of the file, language expected, floor for single words %, floor for phrases %. */
    private static final List<Object[]> FLOORS = List.of(
            new Object[] {"uz-Latn", "uz", 73.5, 95.5},
            new Object[] {"uz-Cyrl", "uz", 68.5, 89.5},
            new Object[] {"ky", "ky", 67.5, 88.0},
            new Object[] {"ne", "ne", 99.0, 99.0},
            new Object[] {"km", "km", 99.0, 99.0},
            new Object[] {"my", "my", 99.0, 99.0});
    private static LanguageDetector detector;

    @BeforeAll
    static void load() {
        LanguageFactory factory = new LanguageFactory();
        detector = new LanguageDetector(factory.model(), factory.cues(), factory.romanisedCues(), factory.population(), factory.charNgrams());
    }

    @Test
    void everyLanguageOfTheDevelopmentDataIsAboveItsFloor() throws IOException {
        Path dir = ProjectPaths.resolve(null, "bench").resolve("langid-dev");
        List<String> below = new ArrayList<>();
        StringBuilder table = new StringBuilder("langid-dev (single words / phrases):\n");
        for (Object[] f : FLOORS) {
            int words = 0, wordsRight = 0, phrases = 0, phrasesRight = 0;
            for (String line : Files.readAllLines(dir.resolve(f[0] + ".txt"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                LanguageGuess g = detector.detect(line);
                boolean right = g.known() && g.tag().equals(f[1]);
                if (line.strip().contains(" ")) {
                    phrases++;
                    phrasesRight += right ? 1 : 0;
                } else {
                    words++;
                    wordsRight += right ? 1 : 0;
                }
            }
            double w = 100.0 * wordsRight / words;
            double p = phrases == 0 ? 100 : 100.0 * phrasesRight / phrases;
            table.append(String.format("  %-8s %5.1f%% of %4d words  %5.1f%% of %4d phrases%n", f[0], w, words, p, phrases));
            if (w < (double) f[2] || p < (double) f[3]) {
                below.add(f[0] + " " + String.format("%.1f/%.1f", w, p) + " below " + f[2] + "/" + f[3]);
            }
        }
        System.out.print(table);
        assertTrue(below.isEmpty(), below.toString());
    }
}
