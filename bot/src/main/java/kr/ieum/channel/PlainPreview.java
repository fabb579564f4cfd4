package kr.ieum.channel;

import jakarta.inject.Singleton;
import java.util.List;
import kr.ieum.conversation.OutboundMessage;

/** Plain text, as WhatsApp, Messenger, LINE and KakaoTalk show a reply today (links as words, lists as lines). */
@Singleton
class PlainPreview implements ChannelPreview {

    @Override
    public String channel() {
        return "WhatsApp, Messenger, LINE, KakaoTalk";
    }

    @Override
    public Preview preview(String locale, OutboundMessage reply) {
        String text = TextRendering.plain(reply);
        return new Preview(channel(), List.of(text), false, List.of(new Fact("preview.plain.length", java.util.Map.of("length", text.codePointCount(0, text.length())))));
    }
}
