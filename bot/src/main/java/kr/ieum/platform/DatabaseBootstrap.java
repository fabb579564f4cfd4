package kr.ieum.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the database before the application context starts: {@code DATABASE_URL} (a {@code jdbc:postgresql:}
 * or {@code postgres://user:pass@host:port/db} URL, with {@code DATABASE_USER}/{@code DATABASE_PASSWORD}) or,
 * when none is configured, an embedded PostgreSQL whose data survive restarts in the given folder, reachable on
 * localhost only with the password generated beside that folder ({@link EmbeddedPassword}). One embedded server per JVM.
 */
public final class DatabaseBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static EmbeddedPostgres embedded;
    private static String embeddedPassword;
    private static CompletableFuture<EmbeddedPostgres> starting;
    /** How long the server waits at exit for the context using it to close ({@link #stopAfter}). */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(30);
    private static volatile BooleanSupplier users = () -> false;

    private DatabaseBootstrap() {}

    /** Datasource properties for Micronaut, starting the embedded server when nothing is configured. */
    public static synchronized Map<String, Object> properties(Map<String, String> env, Path dataDir, boolean cleanStart) {
        return properties(env, dataDir, cleanStart, false);
    }

    /**
     * Like {@link #properties} for the service's own start: an embedded server starts on a thread of its own while the
     * application context starts (half a second or more of a start), and the datasource waits for it
     * ({@link EmbeddedDatabaseGate}). Its port is chosen here, so the properties are known at once.
     */
    public static synchronized Map<String, Object> propertiesStarting(Map<String, String> env, Path dataDir) {
        return properties(env, dataDir, false, true);
    }

    private static Map<String, Object> properties(Map<String, String> env, Path dataDir, boolean cleanStart, boolean inBackground) {
        Map<String, Object> props = new HashMap<>();
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            props.putAll(fromUrl(url, env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD")));
            LOG.info("Using the PostgreSQL database configured by DATABASE_URL");
            return props;
        }
        if (System.getProperty("datasources.default.url") != null) {
            return props;
        }
        int port;
        if (inBackground && embedded == null && starting == null) {
            port = startInBackground(dataDir);
        } else {
            awaitEmbedded();
            if (embedded == null) {
                embedded = start(dataDir, cleanStart, 0);
                embeddedPassword = EmbeddedPassword.readOrCreate(EmbeddedPassword.file(dataDir));
            }
            port = embedded.getPort();
        }
        // the embedding library's own URL form (EmbeddedPostgres.getJdbcUrl), which needs a server already started
        props.put("datasources.default.url", String.format("jdbc:postgresql://localhost:%d/postgres?user=%s", port, EmbeddedPassword.USER));
        props.put("datasources.default.username", EmbeddedPassword.USER);
        props.put("datasources.default.password", embeddedPassword);
        return props;
    }

    /** Starts the embedded server on a thread of its own ({@link #propertiesStarting}); answers the port chosen for it. */
    private static int startInBackground(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            embeddedPassword = EmbeddedPassword.readOrCreate(EmbeddedPassword.file(dataDir));
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            CompletableFuture<EmbeddedPostgres> future = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    future.complete(start(dataDir, false, port));
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            }, "embedded-postgres-start");
            t.setDaemon(true);
            t.start();
            starting = future;
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Waits for an embedded server {@link #propertiesStarting} started, if any; fails as its start failed. */
    public static void awaitEmbedded() {
        CompletableFuture<EmbeddedPostgres> future;
        synchronized (DatabaseBootstrap.class) {
            future = starting;
        }
        if (future == null) {
            return;
        }
        try {
            EmbeddedPostgres pg = future.join();
            synchronized (DatabaseBootstrap.class) {
                embedded = pg;
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Starts the embedded PostgreSQL on {@code dataDir}, which then asks every connection for the password kept in
     * {@link EmbeddedPassword#file}. The caller owns the server (one per JVM through {@link #properties}).
     */
    static EmbeddedPostgres start(Path dataDir, boolean cleanStart) {
        return start(dataDir, cleanStart, 0);
    }

    /** {@link #start(Path, boolean)} on the given port (0: one the library chooses). */
    private static EmbeddedPostgres start(Path dataDir, boolean cleanStart, int port) {
        try {
            Files.createDirectories(dataDir);
            LOG.warn("No DATABASE_URL configured: starting the embedded PostgreSQL with its data in {} "
                    + "(fine for trying Ieum out; set DATABASE_URL for production)", dataDir.toAbsolutePath());
            if (!cleanStart) {
                stopOrphan(dataDir);
            }
            Path passwordFile = EmbeddedPassword.file(dataDir);
            String password = EmbeddedPassword.readOrCreate(passwordFile);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(cleanStart)
                    .setServerConfig("max_connections", "50")
                    // The library runs initdb with "-A trust" and checks readiness with a JDBC connection over TCP. Its
                    // locale settings are the one way its builder gives initdb more options (each goes as --key=value,
                    // after -A, so they win): a new cluster is born with the password and asks for it everywhere; its
                    // connect settings give the readiness check the password. A data folder's customizer could only
                    // edit files before the server runs, when no password can be set, and trusting until an ALTER ROLE
                    // would leave every new cluster open for a moment: that remains only for upgrading an older folder.
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setConnectConfig("password", password)
                    // ours below stops it after the context that uses it (stopAfter), the library's would at once
                    .setRegisterShutdownHook(false);
            if (port > 0) {
                builder.setPort(port);
            }
            if (!cleanStart) {
                // the embedding library starts PostgreSQL for throw-away test data (-F: no fsync, no synchronous
                // commit); data that must survive a power cut gets PostgreSQL's durable defaults back (-c comes after -F)
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            EmbeddedPostgres pg = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    awaitStopOfUsers();
                    pg.close();
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
                }
            }, "embedded-postgres-stop"));
            EmbeddedPassword.requireOn(dataDir, pg.getPort(), password);
            return pg;
        } catch (IOException e) {
            stopServerOn(dataDir, false); // started, but not ready or refusing us: nothing else stops it (no library hook)
            boolean refused = String.valueOf(e.getCause()).contains("password authentication failed");
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDir + (refused
                    ? ": it refuses the password in " + EmbeddedPassword.file(dataDir) + " (README: the embedded database's password)"
                    : ""), e);
        }
    }

    /**
     * Keeps the embedded server up at the JVM's exit while {@code running} says its users still run. The JVM runs its
     * shutdown hooks all at once, so without this the server could stop under the application context while that is
     * still closing: its listeners would log failures, and a reply sent meanwhile could not be recorded as sent.
     */
    public static void stopAfter(BooleanSupplier running) {
        users = running;
    }

    private static void awaitStopOfUsers() {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (users.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Datasource properties for a command run beside the service ({@code admin}, {@code content import|export}):
     * DATABASE_URL when set; else the embedded PostgreSQL the running service started on {@code dataDir}; else one of
     * its own (never stopping the service's).
     */
    public static Map<String, Object> forCommand(Map<String, String> env, Path dataDir) {
        if (env.get("DATABASE_URL") == null || env.get("DATABASE_URL").isBlank()) {
            java.util.Optional<Integer> port = runningPort(dataDir);
            if (port.isPresent()) {
                Map<String, Object> props = new HashMap<>();
                props.put("datasources.default.url", "jdbc:postgresql://localhost:" + port.get() + "/postgres");
                props.put("datasources.default.username", EmbeddedPassword.USER);
                // none beside a folder that a service from before passwords still runs on: it trusts
                props.put("datasources.default.password", EmbeddedPassword.read(EmbeddedPassword.file(dataDir)).orElse(""));
                return props;
            }
        }
        return properties(env, dataDir, false);
    }

    /**
     * A connection for a command ({@link #forCommand}), to a database migrated to the service's schema (Flyway), so a
     * command run before the service's first start finds its tables.
     */
    public static java.sql.Connection connectForCommand(Map<String, String> env, Path dataDir) throws java.sql.SQLException {
        Map<String, Object> db = forCommand(env, dataDir);
        String url = String.valueOf(db.get("datasources.default.url"));
        String user = String.valueOf(db.getOrDefault("datasources.default.username", ""));
        String pass = String.valueOf(db.getOrDefault("datasources.default.password", ""));
        org.flywaydb.core.Flyway.configure().dataSource(url, user, pass).locations("classpath:db/migration").load().migrate();
        return java.sql.DriverManager.getConnection(url, user, pass);
    }

    /**
     * The port of the embedded PostgreSQL that a running service has started on {@code dataDir}, if one runs: commands
     * such as {@code admin create-user} then connect to it instead of starting (or stopping) one of their own.
     */
    public static java.util.Optional<Integer> runningPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return java.util.Optional.empty();
            }
            java.util.List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4 || !lines.get(0).strip().matches("\\d{1,9}") || !lines.get(3).strip().matches("\\d{1,5}")) {
                return java.util.Optional.empty();
            }
            boolean alive = ProcessHandle.of(Long.parseLong(lines.get(0).strip())).map(ProcessHandle::isAlive).orElse(false);
            return alive ? java.util.Optional.of(Integer.parseInt(lines.get(3).strip())) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * A PostgreSQL left running by a service that was killed (kill -9, a crash) holds the data folder, and the next start
     * would fail. Its postmaster.pid names the process and the data folder: when that process is alive, is a postgres
     * and serves this very folder, it is asked to stop (and forced after a while).
     */
    static void stopOrphan(Path dataDir) {
        stopServerOn(dataDir, true);
    }

    /** Stops the PostgreSQL serving {@code dataDir}, if one runs ({@link #stopOrphan}; {@code orphan}: say so in the log). */
    private static void stopServerOn(Path dataDir, boolean orphan) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            java.util.List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 2 || !lines.get(0).strip().matches("\\d{1,9}")
                    || !Path.of(lines.get(1).strip()).toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize())) {
                return;
            }
            java.util.Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
            if (process.isEmpty()) {
                return;
            }
            if (orphan) {
                LOG.warn("The embedded PostgreSQL of an earlier run is still running on {} (the service was killed): stopping it",
                        dataDir.toAbsolutePath());
            }
            process.get().destroy();
            try {
                process.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.get().destroyForcibly();
                process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("could not stop the earlier embedded PostgreSQL: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Map<String, Object> fromUrl(String url, String user, String password) {
        Map<String, Object> props = new HashMap<>();
        if (url.startsWith("jdbc:")) {
            props.put("datasources.default.url", url);
        } else {
            URI uri = URI.create(url);
            String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath()
                    + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
            props.put("datasources.default.url", jdbc);
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                props.put("datasources.default.username", parts[0]);
                if (parts.length > 1) {
                    props.put("datasources.default.password", parts[1]);
                }
            }
        }
        if (user != null) {
            props.put("datasources.default.username", user);
        }
        if (password != null) {
            props.put("datasources.default.password", password);
        }
        return props;
    }
}
