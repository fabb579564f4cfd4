package kr.ieum.language;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Short-text language identification through {@code POST /api/v1/language} on the Lingua test data
 * ({@code shared/data/langid}), for the languages of that data we support (hi, es and fr are not ours).
 */
@MicronautTest
class LanguageIdFloorsIT extends ServiceTest {
    private static final List<String> LANGUAGES = List.of("ko", "en", "zh", "vi", "th", "ru", "mn", "id", "tl", "si", "bn", "ur", "ja", "kk");

    @Inject
    @Client("/")
    HttpClient client;

    @ParameterizedTest(name = "{0}: macro accuracy at least {1}%")
    @CsvSource({"single-words, 93", "word-pairs, 98", "sentences, 99.8"})
    void macroAccuracyAboveFloor(String category, double floor) throws IOException {
        Path dir = SharedData.require("langid").resolve(category);
        double sum = 0;
        StringBuilder table = new StringBuilder("langid " + category + ":\n");
        for (String language : LANGUAGES) {
            int right = 0, total = 0;
            for (String line : Files.readAllLines(dir.resolve(language + ".txt"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                total++;
                Map<?, ?> r = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/language", Map.of("text", line)), Map.class);
                Object detected = r.get("language");
                if (detected != null && (detected.equals(language) || (language.equals("zh") && detected.toString().startsWith("zh")))) {
                    right++;
                }
            }
            double accuracy = 100.0 * right / total;
            sum += accuracy;
            table.append(String.format("  %-3s %5.1f%%  (%d of %d)%n", language, accuracy, right, total));
        }
        double macro = sum / LANGUAGES.size();
        table.append(String.format("  macro %.2f%% (floor %.1f%%)%n", macro, floor));
        System.out.print(table);
        assertTrue(macro >= floor, category + " macro accuracy " + macro + "% is below " + floor + "%");
    }
}
