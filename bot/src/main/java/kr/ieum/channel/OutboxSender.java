package kr.ieum.channel;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.ieum.platform.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox rows through their channel's adapter. Rows are claimed with a lease in a short transaction, sent outside
 * any transaction (a slow or hanging provider holds no database connection or row lock, so webhook intake goes on), and
 * each is marked sent with the provider's id, retried later with backoff, or dead-lettered after
 * {@code ieum.channels.max-attempts}, each in a transaction of its own. A provider's {@code Retry-After} is honoured; a
 * provider that fails {@code breaker-failures} times in a row is left alone for a while ({@link CircuitBreaker}). Two workers or replicas never claim the same row;
 * a worker that dies mid-send leaves its rows to another when the lease ends (only a message the provider took in the
 * instant before the crash can then go twice). A row for a resident connected to another replica (the web chat's event
 * stream) is handed over to that replica ({@link #sendHandedOver}, {@link OutboxHandovers}). Logs say which row and why,
 * never to whom or what.
 */
@Singleton
class OutboxSender {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration RECORD_RETRY = Duration.ofMillis(500);
    private final ChannelStore store;
    private final Map<String, ChannelAdapter> adapters;
    private final ChannelProperties properties;
    private final MeterRegistry meters;

    private final CircuitBreaker breaker;

    OutboxSender(ChannelStore store, List<ChannelAdapter> adapters, ChannelProperties properties, MeterRegistry meters,
            java.time.Clock clock) {
        Duration longest = properties.maxRetry().compareTo(properties.breakerOpen().multipliedBy(16)) > 0
                ? properties.maxRetry() : properties.breakerOpen().multipliedBy(16);
        this.breaker = new CircuitBreaker(properties.breakerFailures(), properties.breakerOpen(), longest, clock);
        this.store = store;
        this.adapters = adapters.stream().collect(Collectors.toMap(ChannelAdapter::channel, Function.identity()));
        this.properties = properties;
        this.meters = meters;
    }

    /** Sends the due rows (or only {@code onlyId}); answers how many were handled. */
    int sendDue(Long onlyId, int limit) {
        // taken before the claim, so never later than the lease the claim writes
        Instant leaseEnds = Instant.now().plus(properties.lease());
        List<ChannelStore.Pending> due = store.claimDue(onlyId, limit, properties.lease());
        for (ChannelStore.Pending pending : due) {
            if (Instant.now().isAfter(leaseEnds.minus(properties.lease().dividedBy(2)))) {
                // the rows before took long (the database was away while recording them, a slow provider): this one's
                // lease could end mid-send and another worker take it too, so it goes back for any worker to take now
                store.postpone(pending.id(), Duration.ZERO);
                continue;
            }
            send(pending, leaseEnds);
        }
        return due.size();
    }

    /**
     * Writes down that the provider took a message of a claimed row ({@code write}: a part sent, or the row sent). Until
     * then that is known only here, and the provider cannot be asked again (Telegram, for one, takes no idempotency key):
     * when the database is away, this keeps trying while the row's lease holds, since no other worker takes the row before
     * it ends. An outage shorter than {@code ieum.channels.lease} thus sends nothing twice; after a longer one another
     * worker takes the row again and sends what was not written down.
     */
    private void record(ChannelStore.Pending pending, Instant leaseEnds, Runnable write) {
        while (true) {
            try {
                write.run();
                return;
            } catch (RuntimeException e) {
                if (!DatabaseAway.causes(e) || Instant.now().plus(RECORD_RETRY).isAfter(leaseEnds)) {
                    throw e;
                }
                LOG.warn("outbox {}: the database is away ({}); keeping what the provider took and trying again", pending.id(),
                        e.getClass().getSimpleName());
                try {
                    Thread.sleep(RECORD_RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Sends row {@code id} now (its next attempt need not be due: handed over by another replica, or waiting for a
     * resident who just connected) if its resident is connected here and no other worker holds it; answers whether it
     * was claimed.
     */
    boolean sendHandedOver(long id) {
        Optional<ChannelStore.Recipient> recipient = store.pendingRecipient(id);
        ChannelAdapter adapter = recipient.map(r -> adapters.get(r.channel())).orElse(null);
        if (adapter == null || !adapter.reachableHere(recipient.get().address())) {
            return false;
        }
        Instant leaseEnds = Instant.now().plus(properties.lease());
        List<ChannelStore.Pending> claimed = store.claimHandedOver(id, properties.lease());
        claimed.forEach(p -> send(p, leaseEnds));
        return !claimed.isEmpty();
    }

    private void send(ChannelStore.Pending pending, Instant leaseEnds) {
        String channel = pending.delivery().channel();
        ChannelAdapter adapter = adapters.get(channel);
        if (adapter == null) {
            store.dead(pending.id(), "channel " + channel + " is not enabled");
            LOG.warn("outbox {}: channel {} is not enabled; dead-lettered", pending.id(), channel);
            meters.counter("ieum.outbox.dead", "channel", channel).increment();
            return;
        }
        if (!adapter.reachableHere(pending.delivery().address())) {
            handOver(pending, channel);
            return;
        }
        Duration wait = breaker.openFor(channel);
        if (wait != null) {
            // the provider failed again and again: leave it alone for a while, without using up the message's attempts
            store.postpone(pending.id(), wait);
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
                public void sent(String id, boolean more) {
                    int parts = ++done[0];
                    if (more) {
                        record(pending, leaseEnds, () -> store.partSent(pending.id(), parts, id));
                    }
                    // the last one: the row's "sent" write below keeps it
                }

                @Override
                public String key() {
                    return pending.key();
                }
            });
            record(pending, leaseEnds, () -> store.sent(pending.id(), done[0], providerId));
            breaker.succeeded(channel);
            meters.counter("ieum.outbox.sent", "channel", channel).increment();
        } catch (DeliveryFailed e) {
            int attempts = pending.attempts() + 1;
            if (e.retryable() && breaker.failed(channel)) {
                LOG.warn("outbox: {} failed {} times in a row; pausing it for {}", channel, properties.breakerFailures(), breaker.openFor(channel));
                meters.counter("ieum.outbox.circuit.opened", "channel", channel).increment();
            }
            if (!e.retryable() || attempts >= properties.maxAttempts()) {
                store.dead(pending.id(), e.getMessage());
                LOG.warn("outbox {}: {} delivery dead-lettered after {} attempt(s): {}", pending.id(), channel, attempts,
                        e.getMessage());
                meters.counter("ieum.outbox.dead", "channel", channel).increment();
            } else {
                Duration delay = properties.backoff(attempts);
                if (e.retryAfter() != null && e.retryAfter().compareTo(delay) > 0) {
                    // the provider said when: never sooner (capped at an hour, whatever it says)
                    delay = e.retryAfter().compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : e.retryAfter();
                }
                store.retryLater(pending.id(), e.getMessage(), delay);
                LOG.info("outbox {}: {} delivery failed (attempt {}), retrying in {}: {}", pending.id(), channel, attempts,
                        delay, e.getMessage());
                meters.counter("ieum.outbox.retried", "channel", channel).increment();
            }
        }
    }

    /**
     * The resident is connected to another replica (or to none): counts the attempt as a failed one would (so a row
     * nobody can send is dead-lettered in the end), without blaming the channel's provider (no circuit breaker), and
     * hands the row over: the replica holding the connection hears of it at once and sends it.
     */
    private void handOver(ChannelStore.Pending pending, String channel) {
        int attempts = pending.attempts() + 1;
        String reason = "the resident is not connected to this replica";
        if (attempts >= properties.maxAttempts()) {
            store.dead(pending.id(), reason);
            LOG.warn("outbox {}: {} delivery dead-lettered after {} attempt(s): {}", pending.id(), channel, attempts, reason);
            meters.counter("ieum.outbox.dead", "channel", channel).increment();
            return;
        }
        store.handOver(pending.id(), reason, properties.backoff(attempts));
        LOG.debug("outbox {}: {} delivery handed over to the replica holding the connection", pending.id(), channel);
        meters.counter("ieum.outbox.handed-over", "channel", channel).increment();
    }
}
