package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kr.ieum.outreach.Announcements;
import kr.ieum.platform.AddressCipher;
import kr.ieum.support.Await;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An announcement to 2,000 Telegram residents: a second service process on the same PostgreSQL ({@code java -jar
 * ieum-bot.jar}) starts sending it and is killed ({@code kill -9}) a third of the way, then this service sends the rest:
 * every resident gets it exactly once at the Telegram stand-in, the five who said STOP none. The second process only queues announcements
 * (its outbox sender is idle): a provider without idempotency keys could otherwise get a message twice from a process
 * killed between the provider's answer and marking the row sent.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.channels.telegram.enabled", value = "true")
@Property(name = "ieum.channels.telegram.bot-token", value = AnnouncementCrashIT.TOKEN)
@Property(name = "ieum.channels.telegram.webhook-secret", value = "a-Webhook_secret-0123456789")
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.announcements.poll", value = "1h")
@Property(name = "ieum.announcements.burst", value = "200ms")
@Property(name = "ieum.announcements.rates.telegram", value = "150")
@Property(name = "ieum.enrollment.quiet-start", value = "00:00")
@Property(name = "ieum.enrollment.quiet-end", value = "00:00")
class AnnouncementCrashIT extends ServiceTest {
    static final String TOKEN = "7123456789:AAE-crash-token";
    private static final HttpStandIn API = HttpStandIn.start();
    private static final Pattern CHAT = Pattern.compile("\"chat_id\"\\s*:\\s*\"?(-?\\d+)");

    @Inject
    Announcements announcements;
    @Inject
    AnnouncementSender sender;
    @Inject
    AddressCipher cipher;
    @Inject
    DataSource dataSource;

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
    void eachResidentGetsItOnceAlthoughAReplicaIsKilledHalfWay() throws Exception {
        Path jar = Path.of("target/ieum-bot.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "needs the packaged jar (mvn verify builds it before the integration tests)");
        long firstChat = 900_000_000L + (System.nanoTime() % 1_000_000L) * 1000;
        List<String> chats = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            chats.add(String.valueOf(firstChat + i));
        }
        kr.ieum.support.NewsSubscribers.subscribe(dataSource, cipher, "telegram", chats.stream().collect(java.util.stream.Collectors.toMap(c -> c, c -> "vi")));
        // five said STOP after saying yes
        Sql.execute(dataSource, "delete from news_consent n using contact c where c.id = n.contact_id and c.channel = 'telegram' "
                + "and c.address_hash in ('" + String.join("','", chats.subList(0, 5).stream().map(a -> cipher.hash("telegram", a)).toList()) + "')");

        Process replica = startReplica(jar, dataSource, List.of("-Dieum.channels.poll=1h", "-Dieum.enrollment.reminder-poll=1h",
                "-Dieum.announcements.poll=100ms", "-Dieum.announcements.burst=200ms", "-Dieum.announcements.rates.telegram=150",
                "-Dieum.enrollment.quiet-start=00:00", "-Dieum.enrollment.quiet-end=00:00"), Map.of("TELEGRAM_ENABLED", "true",
                "TELEGRAM_BOT_TOKEN", TOKEN, "TELEGRAM_WEBHOOK_SECRET", "a-Webhook_secret-0123456789", "TELEGRAM_API_URL", API.url()))
                .process();
        try {
            long id = announcements.create("crash test", List.of("telegram"), Map.of("vi", "Tin mới (crash test)"), "test");
            String announcement = String.valueOf(id);
            Await.until("a third is queued", Duration.ofSeconds(60), () -> Long.parseLong(Sql.one(dataSource,
                    "select count(*) from announcement_delivery where announcement_id = ?::bigint and status <> 'pending'", announcement)) > 600);
            replica.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback courtesy
            replica.waitFor();
            long byReplica = Long.parseLong(Sql.one(dataSource,
                    "select count(*) from announcement_delivery where announcement_id = ?::bigint and status <> 'pending'", announcement));
            assertTrue(byReplica > 600 && byReplica < 1995, "the replica died half-way: " + byReplica);
            // this service takes over what is left
            Await.until("every delivery is handled", Duration.ofSeconds(120), () -> {
                sender.tick();
                return "0".equals(Sql.one(dataSource,
                        "select count(*) from announcement_delivery where announcement_id = ?::bigint and status = 'pending'", announcement));
            });
            Await.until("every message is sent", Duration.ofSeconds(120), () -> "0".equals(Sql.one(dataSource,
                    "select count(*) from announcement_delivery d join outbox o on o.id = d.outbox_id where d.announcement_id = ?::bigint "
                            + "and o.state <> 'sent'", announcement)));
            Map<String, Long> perChat = API.calls("/sendMessage").stream().filter(c -> c.body().contains("crash test"))
                    .map(c -> chatOf(c.body())).collect(Collectors.groupingBy(c -> c, Collectors.counting()));
            assertEquals(1995, perChat.size(), "everyone who still wants news");
            assertTrue(perChat.values().stream().allMatch(n -> n == 1), "exactly once each: "
                    + perChat.entrySet().stream().filter(e -> e.getValue() > 1).limit(5).toList());
            chats.subList(0, 5).forEach(c -> assertTrue(!perChat.containsKey(c), c + " said STOP"));
            assertEquals("1995", Sql.one(dataSource, "select count(distinct outbox_id) from announcement_delivery where announcement_id = ?::bigint "
                    + "and status = 'queued'", announcement), "one outbox row each");
        } finally {
            replica.destroyForcibly();
        }
    }

    private static String chatOf(String body) {
        Matcher m = CHAT.matcher(body);
        return m.find() ? m.group(1) : "?";
    }
}
