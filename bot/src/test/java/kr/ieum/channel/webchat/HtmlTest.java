package kr.ieum.channel.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void rendersParagraphsListsAndTopicLinksInTheReadersLanguage() {
        String md = "First line (모바일).\n\n- one [who](topic:mobile-id-eligibility)\n- two\n   - nested\n\n1. Go to https://www.hikorea.go.kr.\n2. Done";
        assertEquals("<p>First line (모바일).</p><ul><li>one <a href=\"/a/mobile-id-eligibility?lang=vi\">who</a></li>"
                + "<li>two<ul><li>nested</li></ul></li></ul><ol><li>Go to <a href=\"https://www.hikorea.go.kr\" "
                + "rel=\"noopener noreferrer\">https://www.hikorea.go.kr</a>.</li><li>Done</li></ol>", Html.markdown(md, "vi", false));
    }

    @Test
    void escapesEverythingAndLinksOnlyHttpsAndTopics() {
        String md = "<script>alert('x')</script> [bad](javascript:alert(1)) [t](topic:a\"b) \"q\" & http://plain.example";
        assertEquals("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; [bad](javascript:alert(1)) [t](topic:a&quot;b) "
                + "&quot;q&quot; &amp; http://plain.example</p>", Html.markdown(md, "en", true));
    }

    @Test
    void linksInTheChatOpenInANewTab() {
        assertEquals("<p><a href=\"/a/hikorea?lang=ur\" target=\"_blank\" rel=\"noopener noreferrer\">HiKorea</a></p>",
                Html.markdown("[HiKorea](topic:hikorea)", "ur", true));
    }
}
