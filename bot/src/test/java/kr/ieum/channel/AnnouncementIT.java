package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import kr.ieum.i18n.Messages;
import kr.ieum.outreach.Announcements;
import kr.ieum.platform.AddressCipher;
import kr.ieum.support.Await;
import kr.ieum.support.MutableClock;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;

/**
 * Announcements residents asked for, with a clock the test moves: NEWS (in the resident's language) is a yes kept with
 * when and where, STOP ends it; an announcement to 2,000 residents goes out exactly once each although two replicas send
 * and one stops half-way, at the channel's rate (a token bucket in the database), never in the quiet hours, only in the
 * languages it was written in, and not to those who said STOP after it was created.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.test.recording-channel", value = "true")
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.announcements.rates.recording", value = "100")
@Property(name = "ieum.announcements.poll", value = "1h")
@Property(name = "ieum.announcements.burst", value = "1s")
@Property(name = "ieum.test.shared-clock", value = "true")
class AnnouncementIT extends ServiceTest {
    /** 10:00 in Korea. */
    private static final Instant DAY = Instant.parse("2026-12-01T01:00:00Z");
    private final MutableClock clock = kr.ieum.support.SharedClock.CLOCK;

    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    RecordingChannel channel;
    @Inject
    AnnouncementSender sender;
    @Inject
    Announcements announcements;
    @Inject
    Messages messages;
    @Inject
    AddressCipher cipher;
    @Inject
    DataSource dataSource;

    private void says(String address, String text, String language, String expectedReply) {
        int before = channel.sent.size();
        dispatcher.accept(new InboundEnvelope("recording", UUID.randomUUID().toString(), address, text, language, false, Map.of()));
        Await.until("the reply to " + text, () -> channel.sent.subList(before, channel.sent.size()).stream()
                .anyMatch(d -> d.address().equals(address) && d.messages().stream().anyMatch(m -> m.text().text().equals(expectedReply))));
    }

    @Test
    void newsInTheResidentsLanguageIsAYesKeptWithWhenAndWhereAndStopEndsIt() {
        String address = "news-" + UUID.randomUUID();
        says(address, "tin tức", "vi", messages.render("vi", "news.done").text());
        String id = Sql.one(dataSource, "select id from contact where channel = 'recording' and address_hash = ?", cipher.hash("recording", address));
        assertEquals("recording command", Sql.one(dataSource, "select channel || ' ' || given_by from news_consent where contact_id = ?::bigint", id));
        says(address, "STOP", "vi", messages.render("vi", "stop.done").text());
        assertEquals("0", Sql.one(dataSource, "select count(*) from news_consent where contact_id = ?::bigint", id));

        // FORGET (in Russian here) erases the yes with everything else
        String other = "news-" + UUID.randomUUID();
        says(other, "новости", "ru", messages.render("ru", "news.done").text());
        String otherId = Sql.one(dataSource, "select id from contact where channel = 'recording' and address_hash = ?", cipher.hash("recording", other));
        says(other, "FORGET", "ru", messages.render("ru", "forget.confirm").text());
        says(other, "1", "ru", messages.render("ru", "forget.done").text());
        assertEquals("0", Sql.one(dataSource, "select count(*) from news_consent where contact_id = ?::bigint", otherId));
    }

    @Test
    void twoThousandResidentsGetItOnceEachAtTheRateOutsideQuietHoursInTheirLanguage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> languageOf = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            languageOf.put("ann-" + run + "-" + i, i % 2 == 0 ? "vi" : "ko");
        }
        for (int i = 0; i < 20; i++) {
            languageOf.put("ann-" + run + "-th" + i, "th"); // no Thai text: not a recipient
        }
        kr.ieum.support.NewsSubscribers.subscribe(dataSource, cipher, "recording", languageOf);
        clock.set(DAY);
        long id = announcements.create("December news " + run, List.of("recording"), Map.of("vi", "Tin mới " + run, "ko", "새 소식 " + run), "test");
        assertEquals("2000", Sql.one(dataSource, "select count(*) from announcement_delivery where announcement_id = ?::bigint", String.valueOf(id)));
        // five residents say STOP after it was created: they are skipped
        List<String> stoppers = List.of(0, 1, 2, 3, 4).stream().map(i -> "ann-" + run + "-" + i).toList();
        for (String s : stoppers) {
            says(s, "STOP", languageOf.get(s), messages.render(languageOf.get(s), "stop.done").text());
        }

        // quiet hours (22:00 in Korea): nothing goes out
        clock.set(Instant.parse("2026-12-01T13:00:00Z"));
        assertEquals(0, sender.tick());
        // 10:00: 100 per second, however often the sender polls
        clock.set(DAY.plusSeconds(3600));
        int first = sender.tick();
        assertEquals(95, first, "100 claimed, the five who said STOP skipped (a skip costs nothing)");
        assertEquals(5, sender.tick(), "the rest of this second's 100");
        assertEquals(0, sender.tick(), "nothing left this second");

        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("micronaut.server.port", "-1");
        props.put("ieum.channels.poll", "1h");
        props.put("ieum.enrollment.reminder-poll", "1h");
        props.put("ieum.announcements.rates.recording", "100");
        props.put("ieum.announcements.poll", "1h");
        props.put("ieum.announcements.burst", "1s");
        props.put("ieum.test.recording-channel", "true");
        props.put("ieum.test.shared-clock", "true");
        int seconds = 1;
        try (ApplicationContext replica = ApplicationContext.run(props)) {
            AnnouncementSender other = replica.getBean(AnnouncementSender.class);
            // the two replicas take turns for ten seconds, then the replica stops
            for (; seconds <= 10; seconds++) {
                clock.set(DAY.plusSeconds(3600 + seconds));
                int a = other.tick();
                int b = sender.tick();
                assertEquals(100, a + b, "one replica sends a second's worth, the other finds nothing left");
            }
        }
        while (!"0".equals(Sql.one(dataSource, "select count(*) from announcement_delivery where announcement_id = ?::bigint "
                + "and status = 'pending'", String.valueOf(id)))) {
            clock.set(DAY.plusSeconds(3600 + seconds++));
            int n = sender.tick();
            assertTrue(n > 0 && n <= 100, "at the rate: " + n);
        }
        assertEquals(20, seconds, "1,995 messages at 100 a second");
        assertEquals(0, sender.tick());
        assertEquals(Map.of("stopped", 5L), announcements.skipped(id));
        Await.until("every queued message is sent", () -> "0".equals(Sql.one(dataSource,
                "select count(*) from announcement_delivery d join outbox o on o.id = d.outbox_id where d.announcement_id = ?::bigint "
                        + "and o.state <> 'sent'", String.valueOf(id))));
        Map<String, Long> received = channel.sent.stream().filter(d -> d.address().startsWith("ann-" + run + "-"))
                .filter(d -> d.messages().get(0).text().text().contains(run))
                .collect(Collectors.groupingBy(Delivery::address, Collectors.counting()));
        assertEquals(1995, received.size(), "everyone but the five who said STOP");
        assertTrue(received.values().stream().allMatch(n -> n == 1), "exactly once each");
        stoppers.forEach(s -> assertTrue(!received.containsKey(s), s));
        Map<String, Delivery> byAddress = channel.sent.stream().filter(d -> received.containsKey(d.address()))
                .filter(d -> d.messages().get(0).text().text().contains(run))
                .collect(Collectors.toMap(Delivery::address, Function.identity(), (x, y) -> x));
        String vi = byAddress.get("ann-" + run + "-10").messages().get(0).text().text();
        assertEquals("Tin mới " + run + "\n" + messages.render("vi", "news.footer").text(), vi, "in their language, with the way out");
        assertTrue(byAddress.get("ann-" + run + "-11").messages().get(0).text().text().startsWith("새 소식 " + run));
        assertTrue(announcements.report(id).stream().mapToLong(r -> (Long) r.get(5)).sum() == 1995, "the console counts them sent");
    }

}
