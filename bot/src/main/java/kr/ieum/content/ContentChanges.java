package kr.ieum.content;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing on one replica reaches every replica: {@link ContentStore} sends a PostgreSQL NOTIFY on
 * {@value #CHANNEL} with {@code topic/locale} in the publishing transaction, and this listener, on its own
 * connection, reloads what changed and refreshes the answer index (on the publishing replica too, which is
 * harmless: indexing a localization again replaces it). It reconnects by itself after the database was away,
 * and then reloads everything, since notifications sent while it was away are lost.
 */
@Context
class ContentChanges {
    static final String CHANNEL = "ieum_content";
    private static final Logger LOG = LoggerFactory.getLogger(ContentChanges.class);
    private final ContentStore store;
    private final ApplicationEventPublisher<ContentPublished> events;
    private final String url;
    private final String user;
    private final String password;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    ContentChanges(ContentStore store, ApplicationEventPublisher<ContentPublished> events,
            @Value("${datasources.default.url}") String url, @Nullable @Value("${datasources.default.username:}") String user,
            @Nullable @Value("${datasources.default.password:}") String password) {
        this.store = store;
        this.events = events;
        this.url = url;
        this.user = user;
        this.password = password;
        this.thread = new Thread(this::listen, "content-changes");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void listen() {
        boolean reconnected = false;
        long backoff = 1000;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (reconnected) {
                    events.publishEvent(new ContentPublished(store.localizations()));
                    LOG.info("Listening for published content again; reloaded the knowledge base");
                }
                backoff = 1000;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5000);
                    if (notifications != null && notifications.length > 0) {
                        refresh(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Listening for published content failed ({}); retrying in {} ms", e.getClass().getSimpleName(), backoff);
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

    private void refresh(PGNotification[] notifications) {
        List<Localization> changed = new ArrayList<>();
        for (PGNotification n : notifications) {
            String[] parts = n.getParameter().split("/", 2);
            if (parts.length == 2) {
                store.localization(parts[0], parts[1]).ifPresent(changed::add);
            }
        }
        if (!changed.isEmpty()) {
            events.publishEvent(new ContentPublished(List.copyOf(changed)));
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
        props.setProperty("ApplicationName", "ieum-content-changes");
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
                LOG.debug("closing the listener connection: {}", e.getMessage());
            }
        }
        thread.interrupt();
    }
}
