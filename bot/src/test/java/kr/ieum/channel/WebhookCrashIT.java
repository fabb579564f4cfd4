package kr.ieum.channel;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kr.ieum.support.Await;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
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
    private static final Pattern CHAT = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");

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
        long firstChat = 700_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        long firstUpdate = 500_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        String golden = new String(getClass().getResourceAsStream("/webhooks/telegram/message-text-ru.json").readAllBytes(),
                StandardCharsets.UTF_8);
        java.sql.Timestamp started = new java.sql.Timestamp(System.currentTimeMillis() - 1000);
        Replica replicaProcess = startReplica(jar, dataSource, List.of("-Dieum.channels.poll=200ms", "-Dieum.channels.lease=3s",
                "-Dieum.enrollment.reminder-poll=1h", "-Dieum.announcements.poll=1h"), Map.of("TELEGRAM_ENABLED", "true",
                "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_SECRET", SECRET, "TELEGRAM_API_URL", API.url()));
        Process replica = replicaProcess.process();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
                    int status = post(http, base, update(golden, firstUpdate + n, firstChat + n));
                    if (status == 200) {
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
                assertEquals(200, post(http, server.getURL().toString(), update(golden, firstUpdate + n, firstChat + n)));
            }
            // this test's rows only: the database is shared with the tests before it (their dead letters stay)
            String inboxLeft = "select count(*) from inbox where channel = 'telegram' and state = 'new' and "
                    + "(case when provider_id ~ '^[0-9]{1,18}$' then provider_id::bigint end) between ? and ?";
            String outbox = "select count(*) from outbox where channel = 'telegram' and created_at >= ? and state = ?";
            Await.until("every message is processed and its answer sent", Duration.ofSeconds(180), () ->
                    "0".equals(Sql.one(dataSource, inboxLeft, firstUpdate, firstUpdate + MESSAGES))
                            && "0".equals(Sql.one(dataSource, outbox, started, "pending")));
            assertEquals("0", Sql.one(dataSource, outbox, started, "dead"), "no answer was dead-lettered");
            Map<String, Long> perChat = API.calls("/sendMessage").stream().map(c -> chatOf(c.body()))
                    .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
            long usual = perChat.values().stream().collect(Collectors.groupingBy(v -> v, Collectors.counting())).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            List<Long> lost = new ArrayList<>();
            List<String> twice = new ArrayList<>();
            for (int n = 0; n < MESSAGES; n++) {
                long got = perChat.getOrDefault(String.valueOf(firstChat + n), 0L);
                if (got < usual) {
                    lost.add(firstChat + n);
                } else if (got > usual) {
                    twice.add((firstChat + n) + "=" + got);
                }
            }
            System.out.printf("webhook crash: acknowledged by the replica %d, here %d, resent after the kill %d; answers per "
                    + "message %d; lost %d; answered twice %d %s%n", ackedByReplica.get(), ackedHere.get(), retried, usual, lost.size(),
                    twice.size(), twice);
            assertEquals(List.of(), lost, "every acknowledged message is answered");
            // at most what the killed process had in flight to Telegram (its turn and sender threads)
            assertTrue(twice.size() <= 16, "answered twice: " + twice);
        } finally {
            replica.destroyForcibly();
            senders.shutdownNow();
        }
    }

    private static String update(String golden, long updateId, long chat) {
        return golden.replace("857412001", String.valueOf(updateId)).replace("5038217766", String.valueOf(chat));
    }

    private static int post(HttpClient http, String base, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/webhooks/telegram")).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1; // refused or cut: not acknowledged, so Telegram would send it again
        }
    }

    private static String chatOf(String body) {
        Matcher m = CHAT.matcher(body);
        return m.find() ? m.group(1) : "?";
    }
}
