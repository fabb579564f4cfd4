package kr.ieum.faq.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.ibm.icu.lang.UScript;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.Test;

class AnalyzerRegistryTest {
    /** Mixed scripts, dictionary-broken ones (Thai, Khmer, Myanmar, Chinese, Japanese) next to each other. */
    private static final List<String> TEXTS = List.of(
            "모바일 외국인등록증 how do I get it? 手机怎么申请 ขอบัตรได้ที่ไหน",
            "ភាសាខ្មែរ ကျွန်တော် မိုဘိုင်း ကတ် モバイル在留カードの申請 hikorea.go.kr 1345",
            "мобильная карта Ўзбекистон mobil karta қалай аламын বাংলা কার্ড کارڈ کیسے ملے گا",
            "සිංහල කාඩ්පත नेपाली कार्ड 😀👍🏽 Tiếng Việt thẻ cư trú di động ok",
            "ขอบคุณครับ ありがとう 谢谢 감사합니다 thanks សូមអរគុណ ကျေးဇူးတင်ပါတယ်");

    @Test
    void aTokenizerKeepsOneBreakIteratorForJapaneseAndOneForEveryOtherScript() {
        AnalyzerRegistry.BreakIteratorsPerKind config = new AnalyzerRegistry.BreakIteratorsPerKind();
        var latin = config.getBreakIterator(UScript.LATIN);
        for (int script : new int[] {UScript.THAI, UScript.KHMER, UScript.MYANMAR, UScript.HANGUL, UScript.HAN, UScript.CYRILLIC,
                UScript.ARABIC, UScript.SINHALA, UScript.BENGALI, UScript.DEVANAGARI, UScript.COMMON}) {
            assertSame(latin, config.getBreakIterator(script), UScript.getName(script));
        }
        assertNotSame(latin, config.getBreakIterator(UScript.JAPANESE));
        assertSame(config.getBreakIterator(UScript.JAPANESE), config.getBreakIterator(UScript.JAPANESE));
    }

    @Test
    void tokensAreThoseOfLucenesDefaultTokenizerAlsoWhenOneTokenizerIsReused() throws IOException {
        Tokenizer ours = AnalyzerRegistry.icuTokenizer();
        Tokenizer lucenes = new ICUTokenizer();
        for (int round = 0; round < 2; round++) {
            for (String text : TEXTS) {
                assertEquals(tokens(lucenes, text), tokens(ours, text), text);
            }
        }
    }

    private static List<String> tokens(Tokenizer tokenizer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
        OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
        TypeAttribute type = tokenizer.addAttribute(TypeAttribute.class);
        tokenizer.setReader(new StringReader(text));
        tokenizer.reset();
        while (tokenizer.incrementToken()) {
            out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + ":" + type.type());
        }
        tokenizer.end();
        tokenizer.close();
        return out;
    }
}
