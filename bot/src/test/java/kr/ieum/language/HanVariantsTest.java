package kr.ieum.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSetIterator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;

/**
 * {@code /language/han-variants.txt} lists exactly the characters that ICU4J's Hant-Hans and Hans-Hant transliterators
 * change on their own. After an ICU4J upgrade, {@code -Dieum.han-variants.write=true} writes the file anew from ICU4J.
 */
class HanVariantsTest {

    /** The file as ICU4J says it should be: each transliterator's source characters that it changes on their own. */
    static String expected() {
        return "# Han characters that ICU4J's Hant-Hans transliterator changes (traditional) and that its Hans-Hant changes\n"
                + "# (simplified); read by HanVariants, written and checked by HanVariantsTest.\n"
                + "traditional\t" + changedBy("Hant-Hans") + "\n"
                + "simplified\t" + changedBy("Hans-Hant") + "\n";
    }

    private static String changedBy(String id) {
        Transliterator t = Transliterator.getInstance(id);
        StringBuilder out = new StringBuilder();
        for (UnicodeSetIterator it = new UnicodeSetIterator(t.getSourceSet()); it.next(); ) {
            if (it.codepoint == UnicodeSetIterator.IS_STRING) {
                throw new IllegalStateException(id + " has a rule for a string; HanVariants reads characters only");
            }
            String s = new String(Character.toChars(it.codepoint));
            if (!t.transliterate(s).equals(s)) {
                out.appendCodePoint(it.codepoint);
            }
        }
        return out.toString();
    }

    @Test
    void listsTheCharactersIcuChanges() throws IOException {
        String expected = expected();
        if (Boolean.getBoolean("ieum.han-variants.write")) {
            Files.writeString(ProjectPaths.resolve(null, "bot").resolve("src/main/resources" + HanVariants.RESOURCE), expected,
                    StandardCharsets.UTF_8);
        }
        try (InputStream in = HanVariants.class.getResourceAsStream(HanVariants.RESOURCE)) {
            assertEquals(expected, new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "han-variants.txt differs from ICU4J: run this test with -Dieum.han-variants.write=true");
        }
    }

    @Test
    void tellsTraditionalFromSimplifiedAsIcuDoes() {
        HanVariants han = HanVariants.fromClasspath();
        Transliterator toSimplified = Transliterator.getInstance("Hant-Hans");
        Transliterator toTraditional = Transliterator.getInstance("Hans-Hant");
        // Traditional only, Simplified only, characters both share, Japanese kanji and kana, mixed with Latin letters
        for (String text : new String[] {"這個應用程式在哪裡下載", "这个应用程序在哪里下载", "中文", "日本の在留カード", "mobile 身份证 app",
                "大家好", "臺灣", "台湾", "乾隆", "头发", "頭髮"}) {
            assertEquals(!toSimplified.transliterate(text).equals(text), han.hasTraditional(text), text);
            assertEquals(!toTraditional.transliterate(text).equals(text), han.hasSimplified(text), text);
        }
        // where ICU's conversion of a character depends on its neighbours (宣布 -> 宣佈, 沈重 -> 沉重), the character alone
        // belongs to both systems and tells neither
        assertFalse(han.hasSimplified("宣布"));
        assertFalse(han.hasTraditional("沈重"));
        assertTrue(han.hasTraditional("這"));
        assertFalse(han.hasTraditional("这"));
        assertTrue(han.hasSimplified("这"));
    }
}
