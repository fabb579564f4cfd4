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

    public Delivery {
        messages = List.copyOf(messages);
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    public String context(String key) {
        return context.get(key);
    }
}
