package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import kr.ieum.support.Await;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.PostgresServer;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import kr.ieum.support.TelegramLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two service processes on one PostgreSQL (this one and {@code java -jar ieum-bot.jar}) take signed Telegram webhooks from
 * {@value #RESIDENTS} residents, alternately, from {@value #SENDERS} senders; a third of the way PostgreSQL stops and comes
 * back some seconds later. Each webhook is sent again until it is acknowledged, as Telegram does (to either process, as a
 * load balancer would). While the database is away webhooks get 503 (never 500, never a 2xx for a message not stored, no
 * database detail in the body) and both processes say they are not ready but alive; afterwards both are ready again by
 * themselves, without a restart, and every resident's message is answered exactly once, with nothing dead-lettered.
 *
 * <p>The database is stopped for real ({@link PostgresServer}: {@code pg_ctl stop -m immediate}, then {@code pg_ctl start}
 * on the same port and data folder) rather than switched off with {@code alter database ... allow_connections false} as in
 * {@link DatabaseDownIT}: that leaves the server up and refuses connections only once they have authenticated, while a
 * stopped server cuts every open connection mid-statement (the pool's, the content listener's, the replica's) and refuses
 * new ones at the port, and its restart replays the write-ahead log, so the test also shows that what was acknowledged
 * before the crash is still there after it. The immediate mode is a crash (no checkpoint), the harder case for recovery;
 * commits are made durable for it as in production ({@link PostgresServer#durableCommits}: the test server acknowledges
 * commits before writing them, and a crash would lose acknowledged webhooks that production keeps).
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.channels.telegram.enabled", value = "true")
@Property(name = "ieum.channels.telegram.bot-token", value = DatabaseOutageIT.TOKEN)
@Property(name = "ieum.channels.telegram.webhook-secret", value = DatabaseOutageIT.SECRET)
@Property(name = "ieum.channels.poll", value = "200ms")
@Property(name = "ieum.channels.lease", value = DatabaseOutageIT.LEASE)
class DatabaseOutageIT extends ServiceTest {
    static final String TOKEN = "7123456789:AAE-database-outage";
    static final String SECRET = "a-Database_outage-secret-0123456789";
    /**
     * How long a process holds the outbox rows it claimed: longer than the outage, since what the provider took while the
     * database was away is written down within the lease (a longer outage can send an answer twice, see OutboxSender).
     */
    static final String LEASE = "30s";
    private static final int RESIDENTS = 1200;
    private static final int SENDERS = 8;
    /** How long the database stays away at least (it stays away longer while the test sees both processes not ready). */
    private static final Duration OUTAGE = Duration.ofSeconds(6);
    private static final HttpStandIn API = HttpStandIn.start();

    @Inject
    DataSource dataSource;
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = super.getProperties();
        props.put("ieum.channels.telegram.api-url", API.url());
        return props;
    }

    @AfterAll
    void stopStandIn() {
        API.close();
        PostgresServer.durableCommits(dataSource, false); // back to the test server's fast commits for the tests after
    }

    @Test
    void webhooksGet503WhileTheDatabaseIsAwayAndEveryAcknowledgedMessageIsAnsweredOnce() throws Exception {
        Path jar = Path.of("target/ieum-bot.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "needs the packaged jar (mvn verify builds it before the integration tests)");
        TelegramLoad load = new TelegramLoad(SECRET, RESIDENTS);
        Timestamp started = new Timestamp(System.currentTimeMillis() - 1000);
        PostgresServer postgres = PostgresServer.of(dataSource);
        PostgresServer.durableCommits(dataSource, true); // as in production: an acknowledged commit survives the crash
        assertEquals("on", Sql.one(dataSource, "show synchronous_commit"));
        Replica replica = startReplica(jar, dataSource, TelegramLoad.replicaOptions(LEASE), TelegramLoad.replicaEnv(TOKEN, SECRET, API));
        List<String> processes = List.of(replica.url(), server.getURL().toString());
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger cut = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        Map<Integer, String> history = new ConcurrentHashMap<>(); // what each resident's webhooks got, for a failure message
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long sendingSince = System.nanoTime();
        try {
            for (int i = 0; i < RESIDENTS; i++) {
                int n = i;
                senders.execute(() -> {
                    for (int attempt = 0; !Thread.currentThread().isInterrupted(); attempt++) {
                        TelegramLoad.Response response = load.post(processes.get((n + attempt) % 2), n);
                        history.merge(n, ((n + attempt) % 2 == 0 ? "replica " : "here ") + response.status() + " at "
                                + Duration.ofNanos(System.nanoTime() - sendingSince).toMillis() + " ms", (a, b) -> a + ", " + b);
                        if (response.status() == 200) {
                            acked.incrementAndGet();
                            return;
                        }
                        if (response.status() == 503) {
                            unavailable.incrementAndGet();
                        } else if (response.status() == -1) {
                            cut.incrementAndGet();
                        } else {
                            wrong.add(response.status() + " " + response.body());
                        }
                        if (response.status() > 0 && leaks(response.body())) {
                            wrong.add("database detail in a " + response.status() + ": " + response.body());
                        }
                        if (attempt == 100) {
                            wrong.add("resident " + n + " never acknowledged");
                            return;
                        }
                        pause(Math.min(1000, 100L * (attempt + 1))); // Telegram waits longer after each failed try
                    }
                });
            }
            senders.shutdown();

            Await.until("a third of the residents acknowledged", Duration.ofSeconds(120), () -> acked.get() >= RESIDENTS / 3);
            int ackedBefore = acked.get();
            long down = System.nanoTime();
            postgres.stopImmediately();
            try {
                Await.until("webhooks are answered 503", Duration.ofSeconds(60), () -> unavailable.get() > 0);
                Await.until("neither process is ready", Duration.ofSeconds(60), () -> processes.stream().allMatch(p -> status(p, "/health/readiness") == 503));
                for (String p : processes) {
                    assertEquals(200, status(p, "/health/liveness"), "alive (do not restart it) while the database is away: " + p);
                }
                pause(Math.max(0, OUTAGE.toMillis() - Duration.ofNanos(System.nanoTime() - down).toMillis()));
            } finally {
                postgres.start();
            }
            int ackedWhileDown = acked.get() - ackedBefore;
            Duration outage = Duration.ofNanos(System.nanoTime() - down);
            Await.until("both processes are ready again without a restart", Duration.ofSeconds(90),
                    () -> processes.stream().allMatch(p -> status(p, "/health/readiness") == 200));
            assertTrue(senders.awaitTermination(5, TimeUnit.MINUTES), "every webhook was acknowledged in the end");
            Duration sending = Duration.ofNanos(System.nanoTime() - sendingSince);

            load.awaitAnswered(dataSource, started, Duration.ofSeconds(180));
            TelegramLoad.Tally tally = load.tally(API);
            System.out.printf("database outage: %d residents from %d senders in %d s; acknowledged before the stop %d, from the stop to the "
                    + "restart (%d s; those in flight at the stop) %d; 503s %d, cut or timed out %d; answers per message %d; lost %d; answered twice %d %s; replica log %s%n",
                    RESIDENTS, SENDERS, sending.toSeconds(), ackedBefore, outage.toSeconds(), ackedWhileDown, unavailable.get(), cut.get(), tally.usual(),
                    tally.lost().size(), tally.twice().size(), tally.twice(), replica.log());
            assertEquals(List.of(), List.copyOf(wrong), "only 200 or 503, and no database detail in a response");
            assertTrue(unavailable.get() > 0, "webhooks got 503 while the database was away");
            assertEquals("0", load.inbox(dataSource, "failed"), "no message given up");
            assertEquals("0", TelegramLoad.outbox(dataSource, started, "dead"), "no answer was dead-lettered");
            assertEquals(List.of(), tally.lost(), () -> "every acknowledged message is answered; " + tally.lost().stream()
                    .map(c -> "resident " + load.resident(c) + ": " + history.get(load.resident(c)) + "; inbox: "
                            + load.inboxRow(dataSource, load.resident(c))).toList());
            assertEquals(List.of(), tally.twice(), "no message is answered twice");
            assertEquals(String.valueOf(RESIDENTS), load.inbox(dataSource, "done"), "every acknowledged message was stored and processed");
            assertTrue(Files.readAllLines(replica.log()).stream().noneMatch(l -> l.startsWith("Exception in thread")),
                    "no thread of the replica died of the outage: " + replica.log());
        } finally {
            senders.shutdownNow();
            replica.process().destroyForcibly();
        }
    }

    /** Whether a response body shows anything of the database (an exception, SQL, the driver's words). */
    private static boolean leaks(String body) {
        String b = body.toLowerCase(Locale.ROOT);
        return List.of("sql", "postgres", "jdbc", "hikari", "connection", "exception", "select ", "insert ").stream().anyMatch(b::contains);
    }

    private static int status(String base, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
