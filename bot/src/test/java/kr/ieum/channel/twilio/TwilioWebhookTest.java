package kr.ieum.channel.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import org.junit.jupiter.api.Test;

/** Mapping Twilio's form fields and API errors at the edge of the channel. */
class TwilioWebhookTest {

    @Test
    void mapsAnSmsKeepingTheNumberWeWereWrittenTo() {
        TwilioWebhook.Incoming in = assertInstanceOf(TwilioWebhook.Incoming.class,
                TwilioWebhook.incoming(TwilioRequests.params("sms-vi.params")));
        assertEquals("SM5a7c3e0b8f1d4a2b9c6e0f1a2b3c4d5e", in.messageSid());
        assertEquals("+84901234567", in.from());
        assertEquals("+15005550006", in.to());
        assertEquals("thẻ cư trú di động là gì?", in.body());
        assertFalse(in.nonText());
    }

    @Test
    void keepsTheWhatsAppPrefixInTheAddressButNotInTheNumber() {
        TwilioWebhook.Incoming in = (TwilioWebhook.Incoming) TwilioWebhook.incoming(TwilioRequests.params("whatsapp-vi.params"));
        assertEquals("whatsapp:+84907654321", in.from());
        assertEquals("+84907654321", in.fromNumber());
        assertEquals("whatsapp:+14155238886", in.to());
    }

    @Test
    void anImageWithoutWordsIsNonText() {
        TwilioWebhook.Incoming in = (TwilioWebhook.Incoming) TwilioWebhook.incoming(TwilioRequests.params("mms-image-th.params"));
        assertEquals(1, in.numMedia());
        assertTrue(in.nonText());
        Map<String, String> captioned = new LinkedHashMap<>(TwilioRequests.params("mms-image-th.params"));
        captioned.put("Body", "what is this?");
        assertFalse(((TwilioWebhook.Incoming) TwilioWebhook.incoming(captioned)).nonText());
    }

    @Test
    void formsWithoutAUsableSidOrSenderAreUnknown() {
        assertInstanceOf(TwilioWebhook.Unknown.class, TwilioWebhook.incoming(Map.of("From", "+84901234567")));
        assertInstanceOf(TwilioWebhook.Unknown.class, TwilioWebhook.incoming(Map.of("MessageSid", "SM" + "a".repeat(32))));
        assertInstanceOf(TwilioWebhook.Unknown.class, TwilioWebhook.status(Map.of("MessageSid", "SM" + "a".repeat(32),
                "MessageStatus", "<script>")));
    }

    @Test
    void statusKeepsTwiliosErrorCode() {
        TwilioWebhook.Status s = (TwilioWebhook.Status) TwilioWebhook.status(
                TwilioRequests.params("status-undelivered.params", Map.of("sid", "SM" + "b".repeat(32))));
        assertEquals("undelivered:30007", s.recorded());
    }

    @Test
    void malformedOrRepeatedFormFieldsAreRejected() {
        assertTrue(TwilioForm.parse("Body=%zz").isEmpty());
        assertTrue(TwilioForm.parse("Body=a&Body=b").isEmpty());
        assertEquals(Map.of("Body", "a b+c", "To", ""), TwilioForm.parse("Body=a+b%2Bc&To=").orElseThrow());
    }

    @Test
    void retriesOnlyWhatARetryCanFix() {
        assertTrue(TwilioChannel.failed(429, 20429).retryable());
        assertTrue(TwilioChannel.failed(503, null).retryable());
        assertTrue(TwilioChannel.failed(null, null).retryable(), "no HTTP status: the network failed");
        DeliveryFailed unsubscribed = TwilioChannel.failed(400, 21610);
        assertFalse(unsubscribed.retryable());
        assertEquals("twilio answered HTTP 400 (error 21610)", unsubscribed.getMessage());
        assertFalse(TwilioChannel.failed(400, 21211).retryable());
        assertFalse(TwilioChannel.failed(401, 20003).retryable());
    }

    @Test
    void whatsAppShowsBoldItsWayAndKeepsATopicLinksPage() {
        var reply = OutboundMessage.of(new LocalizedText("en", "It is **free**. See [booking a visit](topic:mobile-id-reservation)."));
        assertEquals(List.of("It is *free*. See booking a visit (https://x/a/mobile-id-reservation)."),
                TwilioChannel.whatsAppTexts(List.of(reply), t -> "https://x/a/" + t));
    }

    @Test
    void whatsAppSplitsOnlyBeyond1600Characters() {
        var shortReply = OutboundMessage.of(new LocalizedText("en", "word ".repeat(300).strip()));
        assertEquals(1, TwilioChannel.whatsAppTexts(List.of(shortReply), t -> "https://x/a/" + t).size());
        var longReply = OutboundMessage.of(new LocalizedText("en", "word ".repeat(400).strip()));
        var parts = TwilioChannel.whatsAppTexts(List.of(longReply), t -> "https://x/a/" + t);
        assertEquals(2, parts.size());
        parts.forEach(p -> assertTrue(p.length() <= 1600));
        assertEquals(400, String.join(" ", parts).split(" ").length);
    }
}
