package kr.ieum.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The character n-gram models rank the language of common question words first within their script. */
class CharNgramsTest {
    private static CharNgrams ngrams;

    @BeforeAll
    static void load() {
        ngrams = CharNgrams.fromClasspath();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"кантип, ky", "канча, ky", "сколько, ru", "qanday, uz", "berapa, id", "magkano, tl", "bao nhiêu, vi", "how much, en"})
    void ranksTheLanguageFirst(String text, String expected) {
        CharNgrams.Scores scores = ngrams.score(text, Character.UnicodeScript.of(text.charAt(0)));
        String best = scores.logLikelihood().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals(expected, best);
        assertEquals(text.split(" ").length, scores.words());
    }

    @ParameterizedTest(name = "{0}: no word of the script")
    @CsvSource({"안녕하세요", "123", "'"})
    void noWordsNoScores(String text) {
        assertEquals(0, ngrams.score(text, Character.UnicodeScript.CYRILLIC).words());
    }
}
