package kr.ieum.channel.twilio;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.ieum.channel.ChannelPreview;
import kr.ieum.channel.PublicUrl;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.Messages;

/**
 * The SMS an answer becomes, with the renderer the channel uses (so the preview cannot drift from what is sent): each
 * message's segments and encoding, the total billed, and whether a Korean carrier (EUC-KR only) can carry it.
 */
@Singleton
class SmsPreview implements ChannelPreview {
    private final SmsRenderer renderer;
    private final PublicUrl publicUrl;

    SmsPreview(Messages messages, TwilioProperties properties, PublicUrl publicUrl) {
        this.renderer = new SmsRenderer(messages, properties.smsMaxSegments(), properties.smsMaxSegmentsUcs2());
        this.publicUrl = publicUrl;
    }

    @Override
    public String channel() {
        return "SMS";
    }

    @Override
    public Preview preview(String locale, OutboundMessage reply) {
        List<String> texts = renderer.render(locale, List.of(reply), publicUrl::of);
        List<Fact> facts = new ArrayList<>();
        int total = 0;
        boolean eucKr = true;
        for (String text : texts) {
            SmsSegments.Count count = SmsSegments.count(text);
            total += count.segments();
            facts.add(new Fact(count.encoding() == SmsSegments.Encoding.GSM7 ? "preview.sms.gsm7" : "preview.sms.ucs2",
                    Map.of("segments", count.segments(), "units", count.units())));
            eucKr &= SmsRenderer.forKoreanCarrier(text).isPresent();
        }
        facts.add(new Fact("preview.sms.total", Map.of("segments", total, "messages", texts.size())));
        facts.add(new Fact(eucKr ? "preview.sms.euckr.yes" : "preview.sms.euckr.no", Map.of()));
        return new Preview(channel(), texts, false, facts);
    }
}
