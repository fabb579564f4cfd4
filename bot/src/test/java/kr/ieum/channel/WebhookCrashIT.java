package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.TelegramLoad;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * 2,000 signed Telegram webhooks arrive at two service processes on one PostgreSQL (this one and {@code java -jar
 * ieum-bot.jar}), and the second is killed ({@code kill -9}) a quarter of the way. What it had not acknowledged,
 * Telegram sends again (here: to this service, as a load balancer would). Every acknowledged message is answered: none
 * is lost. A message can be answered twice only when the killed process had sent it to Telegram and died before marking
 * it sent (Telegram offers no idempotency key); the test counts those and bounds them by what was in flight.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.channels.telegram.enabled", value = "true")
@Property(name = "ieum.channels.telegram.bot-token", value = WebhookCrashIT.TOKEN)
@Property(name = "ieum.channels.telegram.webhook-secret", value = WebhookCrashIT.SECRET)
@Property(name = "ieum.channels.poll", value = "200ms")
@Property(name = "ieum.channels.lease", value = "3s")
class WebhookCrashIT extends ServiceTest {
    static final String TOKEN = "7123456789:AAE-webhook-crash";
    static final String SECRET = "a-Webhook_secret-crash-0123456789";
    private static final int MESSAGES = 2000;
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
    }

    @Test
    void everyAcknowledgedMessageIsAnsweredAlthoughAReplicaIsKilled() throws Exception {
        Path jar = Path.of("target/ieum-bot.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "needs the packaged jar (mvn verify builds it before the integration tests)");
        TelegramLoad load = new TelegramLoad(SECRET, MESSAGES);
        java.sql.Timestamp started = new java.sql.Timestamp(System.currentTimeMillis() - 1000);
        Replica replicaProcess = startReplica(jar, dataSource, TelegramLoad.replicaOptions("3s"), TelegramLoad.replicaEnv(TOKEN, SECRET, API));
        Process replica = replicaProcess.process();
        AtomicInteger ackedByReplica = new AtomicInteger();
        AtomicInteger ackedHere = new AtomicInteger();
        ConcurrentLinkedQueue<Integer> notAcked = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < MESSAGES; i++) {
                int n = i;
                senders.execute(() -> {
                    boolean toReplica = n % 2 == 0;
                    String base = toReplica ? replicaProcess.url() : server.getURL().toString();
                    if (load.post(base, n).status() == 200) {
                        int acked = (toReplica ? ackedByReplica : ackedHere).incrementAndGet();
                        if (toReplica && acked == MESSAGES / 4) {
                            replica.destroyForcibly(); // SIGKILL: no shutdown hook, connections cut mid-transaction
                        }
                    } else {
                        notAcked.add(n);
                    }
                });
            }
            senders.shutdown();
            assertTrue(senders.awaitTermination(5, TimeUnit.MINUTES), "every webhook was sent");
            replica.waitFor();
            int retried = notAcked.size();
            assertTrue(ackedByReplica.get() >= MESSAGES / 4 && retried > 0, "the replica died part-way: acknowledged "
                    + ackedByReplica.get() + ", not acknowledged " + retried);
            // Telegram retries what was not acknowledged; a load balancer sends it to the live replica
            for (int n : notAcked) {
                assertEquals(200, load.post(server.getURL().toString(), n).status());
            }
            load.awaitAnswered(dataSource, started, Duration.ofSeconds(180));
            assertEquals("0", TelegramLoad.outbox(dataSource, started, "dead"), "no answer was dead-lettered");
            TelegramLoad.Tally tally = load.tally(API);
            System.out.printf("webhook crash: acknowledged by the replica %d, here %d, resent after the kill %d; answers per "
                    + "message %d; lost %d; answered twice %d %s%n", ackedByReplica.get(), ackedHere.get(), retried, tally.usual(),
                    tally.lost().size(), tally.twice().size(), tally.twice());
            assertEquals(List.of(), tally.lost(), "every acknowledged message is answered");
            // at most what the killed process had in flight to Telegram (its turn and sender threads)
            assertTrue(tally.twice().size() <= 16, "answered twice: " + tally.twice());
        } finally {
            replica.destroyForcibly();
            senders.shutdownNow();
        }
    }
}
