package kr.ieum.channel;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import kr.ieum.platform.PgListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbox rows handed over between replicas. Some residents are connected to one replica only: a web chat page's event
 * stream ({@code GET /webchat/events}) is held by the replica the load balancer sent it to, and a reply sent later can
 * be pushed only there. Any replica may claim such a row (the enqueuing one at once, or any poller); one that does not
 * hold the connection ({@link ChannelAdapter#reachableHere}) counts the attempt, puts the row back and NOTIFYs
 * {@value ChannelStore#HANDOVERS} with the row's id in the same transaction ({@link ChannelStore#handOver}). Every
 * replica listens here, on a connection of its own; the one holding the connection claims the row at once, whether or
 * not its next attempt is due, and sends it ({@link OutboxSender#sendHandedOver}). The claim (a lease, {@code FOR UPDATE
 * SKIP LOCKED}) lets one worker only have the row, so the reply is pushed once. Notifications carry the id only (no
 * address, no text).
 *
 * <p>The listener ({@link PgListener}) reconnects by itself after the database was away; a handover notified
 * while it was away is not lost but waits for the row's next attempt (the outbox's backoff), as one with no stream open
 * anywhere does, unless a stream of its session opens first ({@link ChannelDispatcher#sendWaiting}).
 */
@Context
class OutboxHandovers {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxHandovers.class);
    private final OutboxSender sender;
    private final ExecutorService executor;
    private final PgListener listener;

    OutboxHandovers(OutboxSender sender, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            @Value("${datasources.default.url}") String url, @Nullable @Value("${datasources.default.username:}") String user,
            @Nullable @Value("${datasources.default.password:}") String password) {
        this.sender = sender;
        this.executor = executor;
        this.listener = new PgListener(ChannelStore.HANDOVERS, "outbox handovers", "outbox-handovers", url, user, password,
                payloads -> payloads.forEach(this::handle), () -> { }).start();
    }

    private void handle(String payload) {
        long id;
        try {
            id = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            LOG.warn("outbox handover: ignoring a notification that is not a row id");
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    sender.sendHandedOver(id);
                } catch (RuntimeException e) {
                    // the row keeps its next attempt: the poller sends it then
                    LOG.warn("outbox {}: taking over a handed-over row failed ({})", id, e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("outbox {}: shutting down, handover left to the poller", id);
        }
    }

    @PreDestroy
    void stop() {
        listener.stop();
    }
}
