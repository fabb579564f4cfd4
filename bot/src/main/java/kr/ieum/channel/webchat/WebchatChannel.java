package kr.ieum.channel.webchat;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.UUID;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;

/**
 * Web chat as a channel: a turn's replies come back in the response to {@code POST /webchat/messages}; replies
 * sent later through the outbox ({@link kr.ieum.channel.ChannelDispatcher#enqueue}) are pushed on the session's open
 * event stream. That stream is open on one replica only: another replica that claims the reply hands it over to that one
 * at once (PostgreSQL NOTIFY; see {@code OutboxHandovers}), which pushes it once. The address is the session id.
 */
@Singleton
@Requires(property = "ieum.channels.webchat.enabled", value = "true", defaultValue = "true")
class WebchatChannel implements ChannelAdapter {
    static final String CHANNEL = "webchat";
    private final WebchatStreams streams;
    private final ReplyRenderer renderer;

    WebchatChannel(WebchatStreams streams, ReplyRenderer renderer) {
        this.streams = streams;
        this.renderer = renderer;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.BUTTONS, Capability.LINKS, Capability.RICH_TEXT);
    }

    /** No reminders: a reply reaches only an open chat page. */
    @Override
    public boolean proactive() {
        return false;
    }

    /** Whether one of the session's event streams is open on this replica (else the outbox hands the reply over). */
    @Override
    public boolean reachableHere(String address) {
        return streams.count(address) > 0;
    }

    @Override
    public String send(Delivery delivery) {
        WebchatWire.Replies replies = renderer.render(delivery.language(), false, delivery.messages());
        if (streams.push(delivery.address(), replies) == 0) {
            // the stream closed since reachableHere said it was open: the outbox retries with backoff
            throw new DeliveryFailed("no open web chat stream for the session on this replica", true);
        }
        return "wc-" + UUID.randomUUID();
    }
}
