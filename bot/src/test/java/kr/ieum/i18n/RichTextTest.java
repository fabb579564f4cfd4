package kr.ieum.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The knowledge base's Markdown subset, parsed once and rendered for plain, Telegram-HTML and page channels. */
class RichTextTest {
    private static final String MD = "First line (모바일).\nSecond line.\n\n- one [who](topic:mobile-id-eligibility)\n- two **bold**\n"
            + "   - nested\n\n1. Go to https://www.hikorea.go.kr.\n2. [HiKorea](https://www.hikorea.go.kr) <b>";

    @Test
    void plainTextKeepsLinesAndListsAndDropsEveryMarkup() {
        assertEquals("First line (모바일).\nSecond line.\n- one who\n- two bold\n  - nested\n1. Go to https://www.hikorea.go.kr.\n"
                + "2. HiKorea (https://www.hikorea.go.kr) <b>", RichText.parse(MD).plain());
    }

    @Test
    void linkedTextKeepsTopicPagesAndShowsBoldWithTheAppsMarker() {
        assertEquals("First line (모바일).\nSecond line.\n- one who (https://x/a/mobile-id-eligibility)\n- two *bold*\n  - nested\n"
                + "1. Go to https://www.hikorea.go.kr.\n2. HiKorea (https://www.hikorea.go.kr) <b>", RichText.parse(MD).linked(t -> "https://x/a/" + t, "*"));
        assertTrue(!RichText.parse(MD).linked(t -> "https://x/a/" + t, null).contains("*"), "no marker where the app shows none");
    }

    @Test
    void inlineHtmlLinksTopicsToTheirPagesAndEscapesTheRest() {
        assertEquals("First line (모바일).\nSecond line.\n- one <a href=\"https://x/a/mobile-id-eligibility\">who</a>\n"
                + "- two <b>bold</b>\n  - nested\n1. Go to <a href=\"https://www.hikorea.go.kr\">https://www.hikorea.go.kr</a>.\n"
                + "2. <a href=\"https://www.hikorea.go.kr\">HiKorea</a> &lt;b&gt;",
                RichText.parse(MD).inlineHtml(t -> "https://x/a/" + t));
    }

    @Test
    void htmlNestsListsAndSwitchesListKinds() {
        assertEquals("<p>a</p><ul><li>x<ol><li>y</li></ol></li><li>z</li></ul><p>b</p>",
                RichText.parse("a\n\n- x\n  1. y\n- z\n\nb").html(t -> t, "", ""));
    }

    @Test
    void onlyHttpsAndTopicLinksAreLinks() {
        String plain = RichText.parse("[bad](javascript:alert(1)) [t](topic:a\"b) http://plain.example").plain();
        assertEquals("[bad](javascript:alert(1)) [t](topic:a\"b) http://plain.example", plain);
        assertEquals("<p>[bad](javascript:alert(1))</p>", RichText.parse("[bad](javascript:alert(1))").html(t -> t, "", ""));
    }

    @Test
    void neverThrowsOnGarbage() {
        Random random = new Random(11);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                s.append("[]()*_-\n 1.https://topic:ab".charAt(random.nextInt(27)));
            }
            RichText text = RichText.parse(s.toString());
            text.plain();
            text.inlineHtml(t -> t);
            assertFalse(text.html(t -> t, "", "").contains("<script"));
        }
    }
}
