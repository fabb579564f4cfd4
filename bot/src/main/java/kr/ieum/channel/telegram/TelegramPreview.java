package kr.ieum.channel.telegram;

import jakarta.inject.Singleton;
import java.util.List;
import kr.ieum.channel.ChannelPreview;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.TextRendering;
import kr.ieum.conversation.OutboundMessage;

/** Telegram's HTML for a reply, as {@link TelegramSender} sends it (links to other topics go to their answer pages). */
@Singleton
class TelegramPreview implements ChannelPreview {
    private final PublicUrl publicUrl;

    TelegramPreview(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return "Telegram";
    }

    @Override
    public Preview preview(String locale, OutboundMessage reply) {
        String html = TextRendering.inlineHtml(reply, topic -> publicUrl.answerPage(topic, locale));
        return new Preview(channel(), List.of(html), true, List.of(new Fact("preview.telegram.length", java.util.Map.of("length", html.length()))));
    }
}
