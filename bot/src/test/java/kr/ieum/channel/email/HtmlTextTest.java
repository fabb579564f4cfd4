package kr.ieum.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HTML-only mail made text: structure to line breaks, no scripts, styles, comments or quoted replies. */
class HtmlTextTest {

    @Test
    void blockElementsBecomeLinesAndEntitiesAreDecoded() {
        assertEquals("Xin chào,\nthẻ có mất tiền không?\n\nA & B <ok> ₩35,000",
                HtmlText.toText("<div>Xin ch&#224;o,<br>th&#7867; có m&#x1EA5;t ti&#7873;n không?</div>"
                        + "<p>A &amp; B &lt;ok&gt; &#8361;35,000</p>"));
    }

    @Test
    void dropsScriptsStylesCommentsAndBlockquotes() {
        String html = "<html><head><title>t</title><style>p{}</style></head><body><script>alert(1)</script>"
                + "<!-- hidden --><p>How much does it cost?</p><blockquote><p>old <blockquote>older</blockquote> question</p>"
                + "</blockquote><p>Thanks</p></body></html>";
        assertEquals("How much does it cost?\n\nThanks", HtmlText.toText(html));
    }

    @Test
    void aBareLessThanSignIsText() {
        assertEquals("1 < 2 and 3 > 2", HtmlText.toText("1 < 2 and 3 > 2"));
    }

    @Test
    void hostileHtmlIsReadInLinearTime() {
        String hostile = "<script>".repeat(20_000) + "<!--".repeat(20_000) + "<a ".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> HtmlText.toText(hostile));
    }
}
