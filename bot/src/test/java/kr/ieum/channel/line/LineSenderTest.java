package kr.ieum.channel.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import org.junit.jupiter.api.Test;

class LineSenderTest {

    @Test
    void cutsLabelsToTwentyCharactersWithAnEllipsis() {
        assertEquals("1. Short", LineSender.cut("1. Short", 20));
        String cut = LineSender.cut("3. บัตรต่างด้าวบนมือถือคืออะไร", 20);
        assertEquals(20, cut.codePointCount(0, cut.length()));
        assertEquals("…", cut.substring(cut.length() - 1));
        String emoji = LineSender.cut("😀".repeat(30), 20);
        assertEquals(20, emoji.codePointCount(0, emoji.length()));
    }

    @Test
    void offersAtMostThirteenQuickReplies() {
        List<OutboundMessage.Option> options = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            options.add(new OutboundMessage.Option(String.valueOf(i), new LocalizedText("en", "Language " + i)));
        }
        List<Map<String, Object>> items = LineSender.quickReplies(options);
        assertEquals(13, items.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> action = (Map<String, Object>) items.get(12).get("action");
        assertEquals("13", action.get("data"));
        assertEquals("postback", action.get("type"));
    }
}
