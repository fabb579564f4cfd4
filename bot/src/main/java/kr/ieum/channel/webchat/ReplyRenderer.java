package kr.ieum.channel.webchat;

import jakarta.inject.Singleton;
import java.util.List;
import kr.ieum.channel.PublicUrl;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;

/** Turns a turn's replies into what the chat shows: text, safe HTML, direction, options, answer-page link. */
@Singleton
class ReplyRenderer {
    private final LocaleRegistry locales;
    private final PublicUrl publicUrl;

    ReplyRenderer(Messages messages, PublicUrl publicUrl) {
        this.locales = messages.locales();
        this.publicUrl = publicUrl;
    }

    WebchatWire.Replies render(String language, boolean duplicate, List<OutboundMessage> messages) {
        return new WebchatWire.Replies(language, duplicate, messages.stream().map(m -> reply(language, m)).toList());
    }

    private WebchatWire.Reply reply(String readerLanguage, OutboundMessage m) {
        String locale = m.text().locale();
        String reader = locales.supports(readerLanguage) ? readerLanguage : locale;
        List<WebchatWire.Option> options = m.options().stream()
                .map(o -> new WebchatWire.Option(o.key(), o.label().text())).toList();
        String link = m.topic() == null ? null : publicUrl.answerPage(m.topic(), reader);
        return new WebchatWire.Reply(m.text().text(), Html.markdown(m.text().text(), reader, true), locale, direction(locale),
                options, m.topic(), link);
    }

    String direction(String tag) {
        return locales.supports(tag) ? locales.get(tag).direction() : "ltr";
    }
}
