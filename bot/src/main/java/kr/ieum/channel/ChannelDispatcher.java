package kr.ieum.channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import io.micronaut.context.annotation.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import kr.ieum.conversation.TurnResult;
import kr.ieum.platform.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every channel adapter calls after verifying a webhook. {@link #accept} stores the message (once per
 * provider id) and returns, so the webhook can be acknowledged at once; the turn runs afterwards on the
 * blocking pool and its replies go through the outbox. Inline channels (KakaoTalk skills, web chat) use
 * {@link #handleNow}. A poller picks up anything a crash or a failure left behind.
 */
@Singleton
public class ChannelDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDispatcher.class);
    private static final int BATCH = 20;
    private final ChannelStore store;
    private final InboundProcessor processor;
    private final OutboxSender sender;
    private final ChannelProperties properties;
    private final ExecutorService executor;
    private final MeterRegistry meters;
    private final Duration retention;

    ChannelDispatcher(ChannelStore store, InboundProcessor processor, OutboxSender sender, ChannelProperties properties,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor, MeterRegistry meters,
            @Value("${ieum.privacy.retention:30d}") Duration retention) {
        this.retention = retention;
        this.store = store;
        this.processor = processor;
        this.sender = sender;
        this.properties = properties;
        this.executor = executor;
        this.meters = meters;
    }

    /** Whether a webhook was new or a provider's retry of one already stored. */
    public enum Acceptance { STORED, DUPLICATE }

    /**
     * Stores a verified inbound message and schedules its turn. Throws when the store fails: the caller
     * then answers 5xx so that the provider retries.
     */
    public Acceptance accept(InboundEnvelope env) {
        Optional<Long> id = store.storeInbound(env);
        meters.counter("ieum.inbox.received", "channel", env.channel(), "duplicate", String.valueOf(id.isEmpty())).increment();
        if (id.isEmpty()) {
            return Acceptance.DUPLICATE;
        }
        long inboxId = id.get();
        executor.execute(() -> {
            try {
                processAndSend(inboxId);
            } catch (RuntimeException e) {
                DatabaseAway.log(LOG, "inbox " + inboxId + ": processing", e);
            }
        });
        return Acceptance.STORED;
    }

    /**
     * For channels that reply in the webhook's response: stores the message (once per provider id) and runs
     * the turn now. Empty for a retry of a message already handled.
     */
    public Optional<TurnResult> handleNow(InboundEnvelope env) {
        Optional<Long> id = store.storeInbound(env);
        meters.counter("ieum.inbox.received", "channel", env.channel(), "duplicate", String.valueOf(id.isEmpty())).increment();
        return id.flatMap(inboxId -> processor.process(inboxId, true)).map(InboundProcessor.Processed::turn);
    }

    /** Sends a turn's replies later through the outbox (for a channel that received it inline but replies late). */
    public void enqueue(Delivery delivery) {
        long id = store.enqueueNow(delivery);
        executor.execute(() -> sendQuietly(id));
    }

    /**
     * Sends now what waits in the outbox for {@code address} on {@code channel}, whether its next attempt is due or not,
     * when this replica can reach it: for a resident who just connected here (a web chat page opening its event stream
     * after replies were queued, or reconnecting after a network change or a replica's restart). In the background.
     */
    public void sendWaiting(String channel, String address) {
        executor.execute(() -> {
            try {
                for (long id : store.pendingFor(channel, address, BATCH)) {
                    sender.sendHandedOver(id);
                }
            } catch (RuntimeException e) {
                // they keep their next attempt: the poller sends them then
                LOG.warn("outbox: sending what waited for a connected {} resident failed ({})", channel, e.getClass().getSimpleName());
            }
        });
    }

    /** Records a provider's delivery status for a message we sent (by the provider's message id). */
    public void recordStatus(String channel, String providerId, String status) {
        store.recordStatus(channel, providerId, status);
    }

    /**
     * Runs the turns of unprocessed inbound messages and sends due replies; the first time one poll interval after the
     * start, as every later time (a fixed first delay made a replica configured not to poll send once anyway).
     */
    @Scheduled(fixedDelay = "${ieum.channels.poll:2s}", initialDelay = "${ieum.channels.poll:2s}")
    void poll() {
        Instant settled = Instant.now().minus(properties.poll());
        try {
            for (long id : store.dueInbound(settled, BATCH)) {
                processAndSend(id);
            }
        } catch (RuntimeException e) {
            DatabaseAway.log(LOG, "inbox poll", e);
        }
        try {
            while (sender.sendDue(null, BATCH) == BATCH) {
                // keep going while full batches come back
            }
        } catch (RuntimeException e) {
            DatabaseAway.log(LOG, "outbox poll", e);
        }
    }

    /** Retention: drops processed inbox keys and finished outbox rows older than {@code ieum.privacy.retention}. */
    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    void purge() {
        int removed = store.purgeBefore(Instant.now().minus(retention));
        if (removed > 0) {
            LOG.info("retention: removed {} inbox/outbox rows older than {}", removed, retention);
        }
    }

    /** Runs a turn and sends its replies; throws (leaving the message for the poller) only when the database is away. */
    private void processAndSend(long inboxId) {
        Optional<InboundProcessor.Processed> processed;
        try {
            processed = processor.process(inboxId, false);
        } catch (RuntimeException e) {
            if (DatabaseAway.causes(e)) {
                // not the message's fault: it stays new, uncounted, and the poller takes it up when the database is back
                throw e;
            }
            // the turn rolled back: count the attempt and let the poller try again later
            LOG.error("inbox {}: processing failed", inboxId, e);
            try {
                store.inboundFailed(inboxId, properties.backoff(1), properties.maxAttempts());
            } catch (RuntimeException counting) {
                DatabaseAway.log(LOG, "inbox " + inboxId + ": counting the failed attempt", counting);
            }
            meters.counter("ieum.inbox.failed").increment();
            return;
        }
        processed.map(InboundProcessor.Processed::outboxId).ifPresent(this::sendQuietly);
    }

    private void sendQuietly(Long outboxId) {
        if (outboxId == null) {
            return;
        }
        try {
            sender.sendDue(outboxId, 1);
        } catch (RuntimeException e) {
            DatabaseAway.log(LOG, "outbox " + outboxId + ": send", e);
        }
    }

    /**
     * How many messages from {@code address} this channel stored in the last {@code window} (duplicates and
     * messages refused before storing do not count): for per-sender rate limits that hold across replicas.
     */
    public long recentInbound(String channel, String address, Duration window) {
        return store.countInboundSince(channel, address, Instant.now().minus(window));
    }

    /** Outbox rows in a state ({@code pending}, {@code sent}, {@code dead}), for tests and operators. */
    public long outboxCount(String state) {
        return store.count("outbox", null, state);
    }

    /** Outbox rows of one channel in a state. */
    public long outboxCount(String channel, String state) {
        return store.count("outbox", channel, state);
    }

    /** Inbox rows in a state ({@code new}, {@code done}, {@code failed}). */
    public long inboxCount(String state) {
        return store.count("inbox", null, state);
    }

    /** Inbox rows of one channel in a state. */
    public long inboxCount(String channel, String state) {
        return store.count("inbox", channel, state);
    }
}
