package kr.ieum.channel;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox rows through their channel's adapter. Rows are claimed with a lease in a short transaction, sent outside
 * any transaction (a slow or hanging provider holds no database connection or row lock, so webhook intake goes on), and
 * each is marked sent with the provider's id, retried later with backoff, or dead-lettered after
 * {@code ieum.channels.max-attempts}, each in a transaction of its own. Two workers or replicas never claim the same row;
 * a worker that dies mid-send leaves its rows to another when the lease ends (only a message the provider took in the
 * instant before the crash can then go twice). Logs say which row and why, never to whom or what.
 */
@Singleton
class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private final ChannelStore store;
    private final Map<String, ChannelAdapter> adapters;
    private final ChannelProperties properties;
    private final MeterRegistry meters;

    OutboxSender(ChannelStore store, List<ChannelAdapter> adapters, ChannelProperties properties, MeterRegistry meters) {
        this.store = store;
        this.adapters = adapters.stream().collect(Collectors.toMap(ChannelAdapter::channel, Function.identity()));
        this.properties = properties;
        this.meters = meters;
    }

    /** Sends the due rows (or only {@code onlyId}); answers how many were handled. */
    int sendDue(Long onlyId, int limit) {
        List<ChannelStore.Pending> due = store.claimDue(onlyId, limit, properties.lease());
        for (ChannelStore.Pending pending : due) {
            send(pending);
        }
        return due.size();
    }

    private void send(ChannelStore.Pending pending) {
        String channel = pending.delivery().channel();
        ChannelAdapter adapter = adapters.get(channel);
        if (adapter == null) {
            store.dead(pending.id(), "channel " + channel + " is not enabled");
            LOG.warn("outbox {}: channel {} is not enabled; dead-lettered", pending.id(), channel);
            meters.counter("ieum.outbox.dead", "channel", channel).increment();
            return;
        }
        try {
            int[] done = {pending.partsSent()};
            String providerId = adapter.send(pending.delivery(), new ChannelAdapter.Progress() {
                @Override
                public int done() {
                    return pending.partsSent();
                }

                @Override
                public void sent(String id) {
                    store.partSent(pending.id(), ++done[0], id);
                }
            });
            store.sent(pending.id(), providerId);
            meters.counter("ieum.outbox.sent", "channel", channel).increment();
        } catch (DeliveryFailed e) {
            int attempts = pending.attempts() + 1;
            if (!e.retryable() || attempts >= properties.maxAttempts()) {
                store.dead(pending.id(), e.getMessage());
                LOG.warn("outbox {}: {} delivery dead-lettered after {} attempt(s): {}", pending.id(), channel, attempts,
                        e.getMessage());
                meters.counter("ieum.outbox.dead", "channel", channel).increment();
            } else {
                Duration delay = properties.backoff(attempts);
                store.retryLater(pending.id(), e.getMessage(), delay);
                LOG.info("outbox {}: {} delivery failed (attempt {}), retrying in {}: {}", pending.id(), channel, attempts,
                        delay, e.getMessage());
                meters.counter("ieum.outbox.retried", "channel", channel).increment();
            }
        }
    }
}
