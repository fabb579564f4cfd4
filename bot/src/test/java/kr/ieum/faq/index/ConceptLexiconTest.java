package kr.ieum.faq.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConceptLexiconTest {
    private final ConceptLexicon lexicon = new ConceptLexicon(Map.of(
            "en", Map.of("phone", List.of("phone*", "mobile phone"), "lost", List.of("lost", "cant find"),
                    "old-card", List.of("2021*", "old card"), "app", List.of("app")),
            "ko", Map.of("phone", List.of("폰*"), "lost", List.of("잃어버*")),
            "th", Map.of("lost", List.of("หาย")),
            "uz", Map.of("stolen", List.of("o'g'irla*"))));

    @Test
    void wholeWordsUnlessTheEntryEndsInAStar() {
        assertEquals(Set.of("phone", "lost"), lexicon.concepts("I lost my phones", List.of("en")));
        assertEquals(Set.of(), lexicon.concepts("the lostness of apps", List.of("en")), "lost and app are whole words");
        assertEquals(Set.of("lost"), lexicon.concepts("i cant find it", List.of("en")), "words in a row");
        assertEquals(Set.of(), lexicon.concepts("cant you find it", List.of("en")));
    }

    @Test
    void onlyTheGivenLocalesAreRead() {
        assertEquals(Set.of("phone", "lost"), lexicon.concepts("폰을 잃어버렸어요", List.of("ko")));
        assertEquals(Set.of(), lexicon.concepts("폰을 잃어버렸어요", List.of("en")));
    }

    @Test
    void scriptsWithoutSpacesMatchAnywhere() {
        assertEquals(Set.of("lost"), lexicon.concepts("โทรศัพท์หายทำยังไง", List.of("th")));
    }

    @Test
    void digitsOfEveryScriptAndFullWidthFormsCount() {
        assertEquals(Set.of("old-card"), lexicon.concepts("কার্ড ২০২১ সালে", List.of("en")));
        assertEquals(Set.of("old-card"), lexicon.concepts("２０２１年", List.of("en")));
        assertEquals(Set.of("old-card", "phone"), lexicon.concepts("OLD CARD, PHONE", List.of("en")), "case folded");
    }

    @Test
    void apostrophesAreOne() {
        assertEquals(Set.of("stolen"), lexicon.concepts("telefonimni oʻgʻirlatib qoʻydim", List.of("uz")));
        assertEquals(Set.of("stolen"), lexicon.concepts("telefonimni o’g’irlatib", List.of("uz")));
    }

    @Test
    void longTextsAreReadInLinearTime() {
        String word = "ф".repeat(10_000);
        assertTrue(lexicon.concepts(word + " phone", List.of("en", "ko", "th")).isEmpty(), "text past 600 characters is not read");
        assertEquals(Set.of(), lexicon.concepts("", List.of("en")));
        assertEquals(Set.of(), ConceptLexicon.EMPTY.concepts("phone", List.of("en")));
    }
}
