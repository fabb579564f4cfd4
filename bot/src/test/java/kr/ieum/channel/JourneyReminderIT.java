package kr.ieum.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.ieum.enrollment.Reminders;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.MutableClock;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/**
 * Reminders after "later", with a clock the test moves: never in the quiet hours (21:00-09:00 Korea time), never after
 * STOP, and exactly one even when a second sender (another replica, or the service after a restart) polls again.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.test.recording-channel", value = "true")
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.enrollment.reminder-poll", value = "1h")
class JourneyReminderIT extends ServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));

    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    RecordingChannel channel;
    @Inject
    ReminderSender sender;
    @Inject
    Reminders reminders;
    @Inject
    Messages messages;
    @Inject
    kr.ieum.enrollment.AbandonJob abandon;
    @Inject
    kr.ieum.enrollment.Funnels funnels;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    private void says(String address, String text, String expectedReply) {
        int before = channel.sent.size();
        dispatcher.accept(new InboundEnvelope("recording", UUID.randomUUID().toString(), address, text, "en", false, Map.of()));
        Await.until("the reply to " + text, () -> channel.sent.subList(before, channel.sent.size()).stream()
                .anyMatch(d -> d.address().equals(address) && d.messages().stream().anyMatch(m -> m.text().text().equals(expectedReply))));
    }

    private long remindersTo(String address) {
        String text = messages.render("en", "journey.reminder.text").text();
        return channel.sent.stream().filter(d -> d.address().equals(address))
                .filter(d -> d.messages().stream().anyMatch(m -> m.text().text().equals(text))).count();
    }

    private void laterWithReminder(String address) {
        says(address, "j_mobile-id-enrollment_ic-tap_l-en", stepText("ic-tap"));
        says(address, "3", messages.render("en", "journey.reminder.offer", Map.of("days", 2L)).text());
        says(address, "1", messages.render("en", "journey.reminder.set", Map.of("days", 2L)).text());
    }

    @Inject
    kr.ieum.enrollment.JourneyService journeys;

    private String stepText(String step) {
        return journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("en").steps().get(step).text();
    }

    @Test
    void noReminderInQuietHoursThenExactlyOneAcrossARestart() {
        String address = "quiet-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-12-01T13:00:00Z")); // 22:00 in Seoul
        laterWithReminder(address);
        // due two days later at 22:00 Seoul time: that is quiet, so it waits for 09:00 the next morning
        clock.set(Instant.parse("2026-12-03T14:00:00Z")); // 23:00 Seoul
        assertEquals(0, sender.sendDue(20));
        clock.set(Instant.parse("2026-12-03T23:59:00Z")); // 08:59 Seoul
        assertEquals(0, sender.sendDue(20));
        assertEquals(0, remindersTo(address), "nothing in the quiet hours");
        // the service restarts: a new application context on the same database (its clock is the real one, and
        // its quiet hours are switched off so that the test does not depend on the hour it runs at) sends it
        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("ieum.test.recording-channel", "true");
        props.put("ieum.enrollment.reminder-poll", "1h");
        props.put("ieum.channels.poll", "1h");
        props.put("ieum.enrollment.quiet-start", "00:00");
        props.put("ieum.enrollment.quiet-end", "00:00");
        try (ApplicationContext restarted = ApplicationContext.run(props)) {
            assertTrue(restarted.getBean(ReminderSender.class).sendDue(20) >= 1, "the reminder survived the restart");
        }
        clock.set(Instant.parse("2026-12-04T00:30:00Z")); // 09:30 Seoul
        sender.sendDue(20);
        Await.until("the reminder is delivered", () -> remindersTo(address) >= 1);
        dispatcher.poll();
        assertEquals(1, remindersTo(address), "exactly one reminder");
    }

    @Test
    void aJourneyNobodyTouchesForTwoWeeksCountsAsAbandonedInTheFunnel() {
        String campaign = "abandon-" + UUID.randomUUID().toString().substring(0, 8);
        clock.set(Instant.parse("2026-11-01T01:00:00Z"));
        says("idle-" + campaign, "j_mobile-id-enrollment_card_c-" + campaign + "_l-en", stepText("card"));
        clock.set(Instant.parse("2026-11-10T01:00:00Z"));
        abandon.run();
        assertEquals(0, funnels.funnel("mobile-id-enrollment", campaign).orElseThrow().abandoned(), "9 days: still active");
        clock.set(Instant.parse("2026-11-16T01:00:00Z"));
        abandon.run();
        abandon.run();
        kr.ieum.enrollment.Funnel funnel = funnels.funnel("mobile-id-enrollment", campaign).orElseThrow();
        assertEquals(1, funnel.started());
        assertEquals(1, funnel.abandoned(), "counted once");
    }

    @Test
    void noReminderAfterStop() {
        String address = "stop-" + UUID.randomUUID();
        clock.set(Instant.parse("2026-12-10T01:00:00Z")); // 10:00 in Seoul
        laterWithReminder(address);
        says(address, "STOP", messages.render("en", "stop.done").text());
        clock.set(Instant.parse("2026-12-13T02:00:00Z"));
        sender.sendDue(20);
        dispatcher.poll();
        assertEquals(0, remindersTo(address));
        assertTrue(reminders.count("mobile-id-enrollment", "cancelled") >= 1, "STOP cancelled the pending reminder");
    }
}
