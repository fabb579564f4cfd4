package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import kr.ieum.content.ContentReader;
import kr.ieum.content.ContentSet;
import kr.ieum.content.Localization;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the bundled knowledge base, in every locale, as the plain channels (SMS, WhatsApp, Messenger, LINE,
 * KakaoTalk) and Telegram get it: no Markdown markup, no {@code topic:} link.
 */
class TextRenderingTest {
    private static final Pattern MARKUP = Pattern.compile("\\]\\(|topic:|\\*\\*|__|^#+ ", Pattern.MULTILINE);

    private static List<Localization> all() {
        ContentSet set = ContentReader.read(ProjectPaths.resolve(null, "content"),
                new HashSet<>(LocalesLoader.registry(ProjectPaths.resolve(null, "locales")).tags()));
        return set.localizations();
    }

    @Test
    void noMarkdownReachesAPlainOrTelegramChannelOnAnyTopic() {
        List<String> leaks = new ArrayList<>();
        int topicLinks = 0;
        for (Localization l : all()) {
            OutboundMessage answer = new OutboundMessage(LocalizedText.fromContent(l.locale(), l.answer()),
                    List.of(new OutboundMessage.Option("1", LocalizedText.fromContent(l.locale(), l.question()))));
            String plain = TextRendering.plain(answer);
            String telegram = TextRendering.inlineHtml(answer, topic -> "https://ieum.example/a/" + topic + "?lang=" + l.locale());
            if (MARKUP.matcher(plain).find()) {
                leaks.add("plain " + l.topic() + "/" + l.locale() + ": " + plain);
            }
            if (MARKUP.matcher(telegram.replaceAll("<a href=\"[^\"]*\">", "")).find()) {
                leaks.add("telegram " + l.topic() + "/" + l.locale() + ": " + telegram);
            }
            topicLinks += l.answer().contains("](topic:") ? 1 : 0;
        }
        assertTrue(topicLinks > 100, "the check saw answers with topic links");
        assertEquals(List.of(), leaks);
    }

    @Test
    void aTopicLinkBecomesItsLabelInPlainTextAndALinkToItsPageForTelegram() {
        OutboundMessage m = OutboundMessage.of(LocalizedText.fromContent("en", "Call [1345](topic:contact-1345)."));
        assertEquals("Call 1345.", TextRendering.plain(m));
        assertEquals("Call <a href=\"https://ieum.example/a/contact-1345\">1345</a>.",
                TextRendering.inlineHtml(m, t -> "https://ieum.example/a/" + t));
    }
}
