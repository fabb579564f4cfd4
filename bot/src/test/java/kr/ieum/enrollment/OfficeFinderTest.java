package kr.ieum.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import kr.ieum.content.ContentReader;
import kr.ieum.content.ContentSet;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where residents say they live, as they type it, against the bundled content/offices.yaml. */
class OfficeFinderTest {
    private static final OfficeFinder FINDER;

    static {
        ContentSet set = ContentReader.read(ProjectPaths.resolve(null, "content"),
                new HashSet<>(LocalesLoader.registry(ProjectPaths.resolve(null, "locales")).tags()));
        FINDER = new OfficeFinder(set.offices());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // Hangul, with and without the suffix, and with a particle
        "구로구|seoul-southern", "구로|seoul-southern", "구로구에 살아요|seoul-southern",
        // Revised Romanisation with a hyphen, without, with a space, upper case
        "Guro-gu|seoul-southern", "guro gu|seoul-southern", "GURO|seoul-southern", "Gangnam-gu|seoul",
        "Hwaseong-si|unknown", "hwaseongsi|unknown", "Ansan|unknown", "an san|unknown", "안산시|unknown",
        // older McCune-Reischauer-style spellings and a typo
        "Hwasung|unknown", "Pusan|busan", "Suwoon|suwon",
        // in a sentence
        "I live in Suwon city|suwon", "toi song o Gimhae|gimhae",
        // Cyrillic (Russian, Kazakh, Mongolian spellings of Korean places)
        "Ансан|unknown", "Сувон|suwon", "Пусан|busan", "Инчхон|incheon",
        // Thai and Japanese kana spellings
        "อันซัน|unknown", "アンサン|unknown",
        // a branch office city
        "Mokpo-si|mokpo", "목포|mokpo"})
    void findsTheOffice(String typed, String office) {
        Optional<OfficeFinder.Match> match = FINDER.find(typed);
        assertTrue(match.isPresent(), typed);
        assertEquals(office, match.get().office().id(), typed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"hello", "I do not know", "Tokyo", "😀😀", "'; drop table contact; --", "x"})
    void findsNothingForTextThatNamesNoKnownPlace(String typed) {
        assertTrue(FINDER.find(typed).isEmpty(), typed);
    }

    @Test
    void neverThrowsOnGarbage() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(30);
            for (int j = 0; j < n; j++) {
                s.appendCodePoint(random.nextInt(0x2FFFF));
            }
            FINDER.find(s.toString());
        }
        assertTrue(FINDER.find("x".repeat(5_000)).isEmpty());
        assertTrue(FINDER.find(null).isEmpty());
    }

    @Test
    void anOfficeWhoseAddressIsNotConfirmedHasNone() {
        assertEquals(null, FINDER.find("Suwon").orElseThrow().office().address(), "facts 3.03: Suwon's address is unconfirmed");
        assertEquals("48 Magokseo 1-ro, Gangseo-gu, Seoul", FINDER.find("Guro").orElseThrow().office().address());
    }
}
