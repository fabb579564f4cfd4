package kr.ieum.channel;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.enrollment.Reminders;
import kr.ieum.i18n.Messages;
import kr.ieum.platform.DatabaseAway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due journey reminders through the outbox: never in the quiet hours, never after STOP, never where the
 * channel forbids it (outside WhatsApp's 24-hour window, channels that cannot write first). Each reminder is claimed,
 * put in the outbox and marked in one transaction, so it goes out once even across restarts and replicas.
 */
@Singleton
class ReminderSender {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderSender.class);
    private static final int BATCH = 20;
    private final Reminders reminders;
    private final ProactiveOutbox outbox;
    private final Messages messages;

    ReminderSender(Reminders reminders, ProactiveOutbox outbox, Messages messages) {
        this.reminders = reminders;
        this.outbox = outbox;
        this.messages = messages;
    }

    @Scheduled(fixedDelay = "${ieum.enrollment.reminder-poll:30s}", initialDelay = "${ieum.enrollment.reminder-poll:30s}")
    void poll() {
        try {
            while (sendDue(BATCH) == BATCH) {
                // keep going while full batches come back
            }
        } catch (RuntimeException e) {
            DatabaseAway.log(LOG, "reminder poll", e);
        }
    }

    /** Handles the due reminders; answers how many were claimed. */
    @Transactional
    int sendDue(int limit) {
        if (reminders.quietNow()) {
            return 0;
        }
        List<Reminders.Due> due = reminders.claimDue(limit);
        for (Reminders.Due d : due) {
            reminders.finish(d.id(), send(d));
        }
        return due.size();
    }

    private String send(Reminders.Due d) {
        if ("stopped".equals(d.consent())) {
            return "cancelled";
        }
        OutboundMessage text = OutboundMessage.of(messages.render(d.locale(), "journey.reminder.text"));
        ProactiveOutbox.Result result = outbox.enqueue(d.channel(), d.addressEnc(), d.lastInbound(), reminders.now(), d.locale(), List.of(text));
        if (result != ProactiveOutbox.Result.QUEUED) {
            LOG.info("reminder {}: {} on channel {}; skipped", d.id(), result == ProactiveOutbox.Result.CANNOT_WRITE_FIRST
                    ? "cannot write first" : "outside the reply window", d.channel());
            return "skipped";
        }
        return "sent";
    }
}
