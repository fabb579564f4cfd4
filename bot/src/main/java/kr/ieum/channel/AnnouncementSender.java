package kr.ieum.channel;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

import kr.ieum.conversation.OutboundMessage;
import kr.ieum.enrollment.EnrollmentProperties;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;
import kr.ieum.outreach.AnnouncementProperties;
import kr.ieum.outreach.Announcements;
import kr.ieum.platform.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends announcements through the outbox, throttled per channel to its provider's rate: a token bucket kept in the
 * database ({@code announcement_pace}) lets each poll send what the time since the last send allows (at most
 * {@code burst} saved up), and only one replica sends at a time (a transaction-scoped advisory lock), so the rate holds across
 * replicas. Never in the quiet hours (Korea time, the reminders' hours), never
 * after STOP, never where the channel forbids it: channels that cannot write first are skipped; outside WhatsApp's
 * 24-hour window the announcement goes as the configured approved template ({@code ieum.announcements.whatsapp-template},
 * its text the template's variable), or is skipped and counted when none is configured. Each delivery is claimed, queued and marked in one
 * transaction: a replica that crashes mid-send leaves it pending for the next, never sent twice.
 */
@Singleton
class AnnouncementSender {
    private static final Logger LOG = LoggerFactory.getLogger(AnnouncementSender.class);
    private final Announcements announcements;
    private final ProactiveOutbox outbox;
    private final Messages messages;
    private final AnnouncementProperties properties;
    private final EnrollmentProperties quiet;
    private final Clock clock;

    AnnouncementSender(Announcements announcements, ProactiveOutbox outbox, Messages messages, AnnouncementProperties properties,
            EnrollmentProperties quiet, Clock clock) {
        this.announcements = announcements;
        this.outbox = outbox;
        this.messages = messages;
        this.properties = properties;
        this.quiet = quiet;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${ieum.announcements.poll:1s}", initialDelay = "${ieum.announcements.poll:1s}")
    void poll() {
        try {
            tick();
        } catch (RuntimeException e) {
            DatabaseAway.log(LOG, "announcement poll", e);
        }
    }

    /** One poll's worth of sending; answers how many messages went to the outbox (skipped deliveries cost nothing). */
    @Transactional
    int tick() {
        if (quiet.quietHours().quiet(clock.instant()) || !announcements.takeTurn()) {
            return 0;
        }
        int total = 0;
        for (String channel : announcements.channelsWaiting()) {
            double rate = properties.rate(channel);
            int allowed = announcements.allowance(channel, rate, properties.burst());
            if (allowed == 0) {
                continue;
            }
            int sent = 0;
            for (Announcements.Claimed d : announcements.claim(channel, allowed)) {
                sent += send(d) ? 1 : 0;
            }
            announcements.spent(channel, sent, rate, properties.burst());
            total += sent;
        }
        return total;
    }

    /** Queues or skips one delivery; answers whether a message went to the outbox (what the rate counts). */
    private boolean send(Announcements.Claimed d) {
        if ("stopped".equals(d.consent())) {
            announcements.finish(d, Announcements.SKIPPED, "stopped", null);
            return false;
        }
        if (d.body() == null) {
            announcements.finish(d, Announcements.SKIPPED, "language", null);
            return false;
        }
        String footer = messages.render(d.language(), "news.footer").text();
        OutboundMessage text = OutboundMessage.of(new LocalizedText(d.language(), d.body().strip() + "\n" + footer));
        ProactiveOutbox.Enqueued result = outbox.put(d.channel(), d.addressEnc(), d.lastInbound(), clock.instant(), d.language(), List.of(text));
        switch (result.result()) {
            case QUEUED -> announcements.finish(d, Announcements.QUEUED, null, result.outboxId());
            case OUTSIDE_WINDOW -> {
                String template = properties.whatsappTemplate();
                if (template == null || template.isBlank()) {
                    announcements.finish(d, Announcements.SKIPPED, "window", null);
                } else {
                    ProactiveOutbox.Enqueued t = outbox.putTemplate(d.channel(), d.addressEnc(), d.language(), template.strip(),
                            d.body().strip());
                    announcements.finish(d, Announcements.QUEUED, "template", t.outboxId());
                    return t.result() == ProactiveOutbox.Result.QUEUED;
                }
            }
            default -> announcements.finish(d, Announcements.SKIPPED, "cannot-write-first", null);
        }
        return result.result() == ProactiveOutbox.Result.QUEUED;
    }

}
