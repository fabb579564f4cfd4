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
     * Sends what is left of a delivery the provider receives as several messages: skips the first {@code progress.done()}
     * (taken in an earlier attempt) and reports each message the provider takes at once, so that a retry after a failure
     * or a crash sends only the rest. Channels that send one message per delivery keep the default.
     */
    default String send(Delivery delivery, Progress progress) {
        return send(delivery);
    }

    /** How far a delivery got: messages the provider took in earlier attempts, and a way to record each new one. */
    interface Progress {
        Progress NONE = new Progress() {
            @Override
            public int done() {
                return 0;
            }

            @Override
            public void sent(String providerId, boolean more) {
                // nothing kept
            }

            @Override
            public String key() {
                return null;
            }
        };

        /** How many of the delivery's messages the provider has taken already. */
        int done();

        /**
         * The provider took one more message; {@code more}: the delivery has messages after it. Kept at once, in a
         * transaction of its own, unless it was the last one (then the row's "sent" write keeps it, one write fewer).
         */
        void sent(String providerId, boolean more);

        /**
         * The same in every attempt of this delivery and never used by another one, for a provider's idempotency key
         * (LINE's {@code X-Line-Retry-Key}); null when the delivery is not kept anywhere.
         */
        String key();
    }

    /**
     * How long after the resident's last message this channel lets us write to {@code address} freely (WhatsApp:
     * 24 hours), or null when there is no such window. Reminders outside it are skipped.
     */
    default java.time.Duration replyWindow(String address) {
        return null;
    }

    /**
     * Whether this replica can send to {@code address} now. Channels that send through a provider's API can from every
     * replica (the default); the web chat only from the replica holding one of the session's open event streams. A
     * delivery this replica cannot send is handed over to the one that can ({@link OutboxSender}).
     */
    default boolean reachableHere(String address) {
        return true;
    }

    /** False for channels that can only answer a message (a KakaoTalk skill callback): no reminders there. */
    default boolean proactive() {
        return true;
    }
}
