package kr.ieum.channel;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * A verified webhook, mapped to what the core needs, before it is stored.
 *
 * @param channel    channel id
 * @param providerId the provider's id for this message (Twilio MessageSid, Telegram update_id, e-mail
 *                   Message-ID): the idempotency key
 * @param address    the sender's address on the channel
 * @param text       the text (may be empty)
 * @param localeHint a language hint from the provider (Telegram language_code, a phone's country), or null
 * @param nonText    true for images, stickers, voice, locations, contact cards
 * @param context    what the adapter needs to reply in place (see {@link Delivery#context()})
 */
@Serdeable
public record InboundEnvelope(String channel, String providerId, String address, String text, String localeHint,
        boolean nonText, Map<String, String> context) {

    public InboundEnvelope {
        text = text == null ? "" : text;
        context = context == null ? Map.of() : Map.copyOf(context);
    }
}
