package kr.ieum.channel;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
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
 * <p>Like {@code ContentChanges}, the listener reconnects by itself after the database was away; a handover notified
 * while it was away is not lost but waits for the row's next attempt (the outbox's backoff), as one with no stream open
 * anywhere does, unless a stream of its session opens first ({@link ChannelDispatcher#sendWaiting}).
 */
@Context
class OutboxHandovers {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxHandovers.class);
    private static final long IDLE_CHECK_MILLIS = 30_000;
    private final OutboxSender sender;
    private final ExecutorService executor;
    private final String url;
    private final String user;
    private final String password;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    OutboxHandovers(OutboxSender sender, @Named(TaskExecutors.BLOCKING) ExecutorService executor,
            @Value("${datasources.default.url}") String url, @Nullable @Value("${datasources.default.username:}") String user,
            @Nullable @Value("${datasources.default.password:}") String password) {
        this.sender = sender;
        this.executor = executor;
        this.url = url;
        this.user = user;
        this.password = password;
        this.thread = new Thread(this::listen, "outbox-handovers");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void listen() {
        long backoff = 1000;
        boolean reconnected = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + ChannelStore.HANDOVERS);
                }
                if (reconnected) {
                    LOG.info("Listening for outbox handovers again");
                }
                backoff = 1000;
                PGConnection pg = c.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5000);
                    if (notifications != null && notifications.length > 0) {
                        quietSince = System.nanoTime();
                        for (PGNotification n : notifications) {
                            handle(n.getParameter());
                        }
                    } else if ((System.nanoTime() - quietSince) / 1_000_000 > IDLE_CHECK_MILLIS) {
                        // a connection cut without a word (a firewall, a failover) delivers nothing and raises nothing:
                        // talk to the server now and then (LISTEN again, a no-op), so that a dead connection is replaced
                        try (Statement st = c.createStatement()) {
                            st.setQueryTimeout(10);
                            st.execute("LISTEN " + ChannelStore.HANDOVERS);
                        }
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Listening for outbox handovers failed ({}); retrying in {} ms", e.getClass().getSimpleName(), backoff);
                reconnected = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
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

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "ieum-outbox-handovers");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, props);
    }

    @PreDestroy
    void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the handover listener's connection: {}", e.getMessage());
            }
        }
        thread.interrupt();
    }
}
