package kr.ieum.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one PostgreSQL NOTIFY channel on a connection of its own (a pooled one would be handed back), on a daemon
 * thread: hands each batch of payloads to {@code onNotify}, in order. It reconnects by itself, with a growing pause,
 * after the database was away, and then calls {@code onReconnect} (notifications sent meanwhile are lost: the caller
 * catches up there). A connection cut without a word (a firewall, a failover) delivers nothing and raises nothing, so
 * after {@value #IDLE_CHECK_MILLIS} ms of quiet it talks to the server (LISTEN again, a no-op) and replaces a dead one.
 */
public final class PgListener {
    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final long IDLE_CHECK_MILLIS = 30_000;
    private final String channel;
    private final String what;
    private final String url;
    private final String user;
    private final String password;
    private final Consumer<List<String>> onNotify;
    private final Runnable onReconnect;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    /**
     * @param channel     the NOTIFY channel (a fixed identifier, never user input)
     * @param what        what is listened for, in log lines ("published content")
     * @param threadName  the listening thread's name, also the connection's application name
     */
    public PgListener(String channel, String what, String threadName, String url, String user, String password,
            Consumer<List<String>> onNotify, Runnable onReconnect) {
        this.channel = channel;
        this.what = what;
        this.url = url;
        this.user = user;
        this.password = password;
        this.onNotify = onNotify;
        this.onReconnect = onReconnect;
        this.thread = new Thread(this::listen, threadName);
        this.thread.setDaemon(true);
    }

    public PgListener start() {
        thread.start();
        return this;
    }

    private void listen() {
        boolean reconnected = false;
        long backoff = 1000;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                listen(c);
                if (reconnected) {
                    onReconnect.run();
                    LOG.info("Listening for {} again", what);
                }
                backoff = 1000;
                PGConnection pg = c.unwrap(PGConnection.class);
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(5000);
                    if (notifications != null && notifications.length > 0) {
                        quietSince = System.nanoTime();
                        List<String> payloads = new ArrayList<>(notifications.length);
                        for (PGNotification n : notifications) {
                            payloads.add(n.getParameter());
                        }
                        onNotify.accept(payloads);
                    } else if ((System.nanoTime() - quietSince) / 1_000_000 > IDLE_CHECK_MILLIS) {
                        listen(c);
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Listening for {} failed ({}); retrying in {} ms", what, e.getClass().getSimpleName(), backoff);
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

    private void listen(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(10);
            st.execute("LISTEN " + channel);
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
        props.setProperty("ApplicationName", "ieum-" + thread.getName());
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, props);
    }

    /** Stops listening and closes the connection. */
    public void stop() {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the {} listener's connection: {}", what, e.getMessage());
            }
        }
        thread.interrupt();
    }
}
