package kr.ieum.channel;

import java.util.Set;

/**
 * A channel that sends replies to residents. One {@code @Singleton} per provider in its own package,
 * switched on with {@code @Requires(property = "ieum.channels.<x>.enabled", value = "true")}; the core finds
 * adapters by {@link #channel()} and never switches on the channel's name.
 */
public interface ChannelAdapter {

    /** The channel id stored with contacts and messages ({@code twilio}, {@code telegram}, ...). */
    String channel();

    /** What this channel can show besides plain text. */
    Set<Capability> capabilities();

    /**
     * Sends one turn's replies, in order, to one address; renders them for the channel's capabilities.
     *
     * @return the provider's id of the (last) message sent, or null when the provider gives none
     * @throws DeliveryFailed when the provider refused or could not be reached (retryable or not)
     */
    String send(Delivery delivery);

    /**
     * How long after the resident's last message this channel lets us write to {@code address} freely (WhatsApp:
     * 24 hours), or null when there is no such window. Reminders outside it are skipped.
     */
    default java.time.Duration replyWindow(String address) {
        return null;
    }

    /** False for channels that can only answer a message (a KakaoTalk skill callback): no reminders there. */
    default boolean proactive() {
        return true;
    }
}
