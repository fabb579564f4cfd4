package kr.ieum.channel;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.enrollment.Reminders;
import kr.ieum.i18n.Messages;
import kr.ieum.platform.AddressCipher;
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
    private final ChannelStore store;
    private final AddressCipher cipher;
    private final Messages messages;
    private final Map<String, ChannelAdapter> adapters;

    ReminderSender(Reminders reminders, ChannelStore store, AddressCipher cipher, Messages messages, List<ChannelAdapter> adapters) {
        this.reminders = reminders;
        this.store = store;
        this.cipher = cipher;
        this.messages = messages;
        this.adapters = adapters.stream().collect(Collectors.toMap(ChannelAdapter::channel, Function.identity()));
    }

    @Scheduled(fixedDelay = "${ieum.enrollment.reminder-poll:30s}", initialDelay = "10s")
    void poll() {
        try {
            while (sendDue(BATCH) == BATCH) {
                // keep going while full batches come back
            }
        } catch (RuntimeException e) {
            LOG.error("reminder poll failed", e);
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
        ChannelAdapter adapter = adapters.get(d.channel());
        if (adapter == null || !adapter.proactive()) {
            LOG.info("reminder {}: channel {} cannot write first; skipped", d.id(), d.channel());
            return "skipped";
        }
        String address = cipher.decrypt(d.addressEnc());
        Duration window = adapter.replyWindow(address);
        Instant now = reminders.now();
        if (window != null && (d.lastInbound() == null || d.lastInbound().plus(window).isBefore(now))) {
            LOG.info("reminder {}: outside the channel's reply window; skipped", d.id());
            return "skipped";
        }
        OutboundMessage text = OutboundMessage.of(messages.render(d.locale(), "journey.reminder.text"));
        store.enqueue(new Delivery(d.channel(), address, d.locale(), List.of(text), Map.of()));
        return "sent";
    }
}
