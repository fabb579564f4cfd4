package kr.ieum.channel;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import kr.ieum.conversation.OutboundMessage;

/**
 * One turn's replies on their way to one resident.
 *
 * @param channel  channel id
 * @param address  the resident's address on that channel (decrypted only while sending)
 * @param language the language the turn replied in (BCP 47)
 * @param messages the replies, in order
 * @param context  what the channel kept from the inbound message to reply in place (a LINE reply token,
 *                 an e-mail's Message-ID and subject, the number the resident wrote to); never shown
 */
@Serdeable
public record Delivery(String channel, String address, String language, List<OutboundMessage> messages,
        Map<String, String> context) {
    /**
     * Context key: send as this approved message template (WhatsApp outside its 24-hour window; on Twilio a Content SID)
     * instead of the messages' text, which is the template's only variable ({@link #TEMPLATE_TEXT}).
     */
    public static final String TEMPLATE = "template";
    /** Context key: the text a template's one variable takes. */
    public static final String TEMPLATE_TEXT = "template-text";

    public Delivery {
        messages = List.copyOf(messages);
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public String context(String key) {
        return context.get(key);
    }
}
