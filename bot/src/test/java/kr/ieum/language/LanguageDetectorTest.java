package kr.ieum.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One case per linguistic quirk residents' messages have. */
class LanguageDetectorTest {
    static LanguageDetector detector;

    @BeforeAll
    static void load() {
        LanguageFactory factory = new LanguageFactory();
        detector = new LanguageDetector(factory.model(), factory.cues(), factory.romanisedCues(), factory.population(), factory.charNgrams());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "모바일 외국인등록증 어떻게 받아요? | ko",            // Hangul decides alone
            "IC 카드로 바꾸는 데 얼마예요 | ko",                  // English letters mixed in do not outvote Hangul
            "携帯に登録証を入れたい | ja",                         // kana means Japanese even with kanji
            "哪些人可以申请手机登录证 | zh-Hans",                  // Simplified characters
            "哪些人可以申請手機登錄證 | zh-Hant",                  // Traditional characters
            "tai ung dung o dau | vi",                             // Vietnamese typed without tone marks
            "Ai được cấp thẻ cư trú? | vi",                        // Vietnamese letters decide
            "yangi telefon oldim, qaytadan ro'yxatdan o'tishim kerakmi | uz", // Uzbek Latin with o'
            "Янги телефон олдим, қайтадан рўйхатдан ўтишим керакми | uz",     // Uzbek Cyrillic (ў)
            "Мобильді куәлікті қалай алуға болады? | kk",          // Kazakh letters (ә, қ, і)
            "Кто может получить мобильную карту? | ru",
            "Хэн авч болох вэ? | mn",
            "sino ang pwedeng kumuha ng mobile ID | tl",           // Taglish
            "siapa yang bisa dapat kartu mobile | id",
            "who can get a mobile ID card | en",
            "एप कहाँबाट डाउनलोड गर्ने? | ne",                     // Devanagari: Nepali among ours
            "موبائل کارڈ کون لے سکتا ہے؟ | ur",                     // Arabic script: Urdu among ours
            "តើអ្នកណាអាចទទួលបានប័ណ្ណចល័ត? | km",
            "ဘယ်သူတွေ လျှောက်လို့ရလဲ | my",
            "ජංගම කාඩ්පත ලබා ගත හැක්කේ කාටද? | si",
            "কারা মোবাইল কার্ড পেতে পারে? | bn",
            "ใครทำบัตรบนมือถือได้บ้าง 😀 | th"                    // emoji ignored
    })
    void detects(String text, String expected) {
        assertEquals(expected, detector.detect(text).tag());
    }

    @Test
    void noLettersMeansNoLanguage() {
        assertNull(detector.detect("😀👍 123 !!!").tag());
        assertNull(detector.detect("").tag());
        assertNull(detector.detect(null).tag());
    }

    @Test
    void uniqueScriptsAreDecisiveButAnAmbiguousLatinWordIsNot() {
        assertTrue(detector.detect("감사합니다").decisive());
        assertFalse(detector.detect("ok").decisive());
    }

    @Test
    void randomStringsNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                s.appendCodePoint(random.nextInt(0x30000));
            }
            LanguageGuess g = detector.detect(s.toString());
            assertTrue(g.confidence() >= 0 && g.confidence() <= 1);
        }
    }

    @Test
    void aFloodOfLettersInAnyScriptIsReadLikeAnyOtherText() {
        // one 10,000-letter "word" per script: the affix cues skip it (they would cost time growing with its square)
        for (String letter : new String[] {"a", "k", "д", "ң", "한", "ก", "ក", "မ", "ස", "ব", "ب", "न", "中", "あ"}) {
            LanguageGuess g = detector.detect(letter.repeat(10_000) + (letter.equals("a") ? "kan" : ""));
            assertTrue(g.confidence() >= 0 && g.confidence() <= 1, letter);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{1}: {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        // romanised Nepali, Urdu, Bengali and Sinhala: Latin letters, read by their function words
        "malai mobile card banauna kati paisa lagcha | ne",
        "tapai ko office kaha cha, kasari jane | ne",
        "mujhe card kaise milega, kya karna hai | ur",
        "mera phone gum ho gaya ab kya karun | ur",
        "ami kivabe card pabo, koto lagbe | bn",
        "mage phone eka nathi una, mokakda karanna | si",
        // and the Latin-script languages keep theirs
        "how do i get the mobile card | en",
        "paano ko makukuha ang mobile card | tl",
        "bagaimana cara daftar kartu mobile | id"})
    void readsRomanisedLanguagesByTheirFunctionWords(String text, String tag) {
        LanguageGuess g = detector.detect(text);
        assertEquals(tag, g.tag(), text);
        if (List.of("ne", "ur", "bn", "si").contains(tag)) {
            assertFalse(g.decisive(), "romanised text never switches a known language");
        }
    }
}
