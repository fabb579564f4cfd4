package kr.ieum.channel;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.platform.AddressCipher;

/**
 * Messages Ieum writes first, outside a resident's turn (journey reminders, an agent's reply): into the outbox only where
 * the channel allows it, that is a channel that can write first (not a KakaoTalk callback, the web chat or WhatsApp
 * Cloud) and, where the channel has one, inside its reply window (WhatsApp's 24 hours after the resident's last message).
 */
@Singleton
class ProactiveOutbox {
    private final ChannelStore store;
    private final AddressCipher cipher;
    private final Map<String, ChannelAdapter> adapters;

    ProactiveOutbox(ChannelStore store, AddressCipher cipher, List<ChannelAdapter> adapters) {
        this.store = store;
        this.cipher = cipher;
        this.adapters = adapters.stream().collect(Collectors.toMap(ChannelAdapter::channel, Function.identity()));
    }

    /** What became of a message. */
    enum Result { QUEUED, CANNOT_WRITE_FIRST, OUTSIDE_WINDOW }

    /**
     * Puts {@code messages} in the outbox for the resident at {@code addressEnc} on {@code channel}, when allowed.
     *
     * @param lastInbound when the resident last wrote (null: never, or not known)
     */
    Result enqueue(String channel, byte[] addressEnc, Instant lastInbound, Instant now, String language, List<OutboundMessage> messages) {
        return put(channel, addressEnc, lastInbound, now, language, messages).result();
    }

    /** What became of a message, and its outbox row when it was queued. */
    record Enqueued(Result result, Long outboxId) {}

    /**
     * Outside a channel's reply window, as an approved template whose one variable is {@code text} (the only way a
     * WhatsApp business may write first): queued for a channel that can write first, whatever the window.
     */
    Enqueued putTemplate(String channel, byte[] addressEnc, String language, String template, String text) {
        ChannelAdapter adapter = adapters.get(channel);
        if (adapter == null || !adapter.proactive()) {
            return new Enqueued(Result.CANNOT_WRITE_FIRST, null);
        }
        List<OutboundMessage> messages = List.of(OutboundMessage.of(new LocalizedText(language, text)));
        return new Enqueued(Result.QUEUED, store.enqueue(new Delivery(channel, cipher.decrypt(addressEnc), language, messages,
                Map.of(Delivery.TEMPLATE, template, Delivery.TEMPLATE_TEXT, text))));
    }

    /** As {@link #enqueue}, also answering the outbox row (to follow its delivery status). */
    Enqueued put(String channel, byte[] addressEnc, Instant lastInbound, Instant now, String language, List<OutboundMessage> messages) {
        ChannelAdapter adapter = adapters.get(channel);
        if (adapter == null || !adapter.proactive()) {
            return new Enqueued(Result.CANNOT_WRITE_FIRST, null);
        }
        String address = cipher.decrypt(addressEnc);
        Duration window = adapter.replyWindow(address);
        if (window != null && (lastInbound == null || lastInbound.plus(window).isBefore(now))) {
            return new Enqueued(Result.OUTSIDE_WINDOW, null);
        }
        return new Enqueued(Result.QUEUED, store.enqueue(new Delivery(channel, address, language, messages, Map.of())));
    }
}
