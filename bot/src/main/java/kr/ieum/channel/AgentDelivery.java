package kr.ieum.channel;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.handoff.Handoff;
import kr.ieum.handoff.HandoffService;
import kr.ieum.i18n.LocalizedText;

/**
 * Sends what a person (or the bot, about a handoff) writes to a resident outside a turn: through the outbox on the
 * resident's channel when that channel may write first and its window is open (WhatsApp's 24 hours), with the channel's
 * own rules applied by its adapter (SMS segments, Telegram's HTML...). Otherwise the message waits and goes with the reply
 * to the resident's next message (KakaoTalk's callback, the web chat, WhatsApp Cloud).
 */
@Singleton
public class AgentDelivery {
    private final JdbcOperations jdbc;
    private final ProactiveOutbox outbox;
    private final HandoffService handoffs;

    AgentDelivery(JdbcOperations jdbc, ProactiveOutbox outbox, HandoffService handoffs) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.handoffs = handoffs;
    }

    /** Keeps {@code text} for the resident of {@code h} and sends it now if the channel allows; answers whether it went. */
    @Transactional
    public boolean send(Handoff h, String agent, String language, String text) {
        long id = handoffs.say(h, agent, language, text);
        Object[] contact = jdbc.prepareStatement("select c.address_enc, (select max(created_at) from turn t where t.contact_id = c.id "
                + "and t.direction = 'in') from contact c where c.id = ?", ps -> {
            ps.setLong(1, h.contactId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Timestamp last = rs.getTimestamp(2);
                return new Object[] {rs.getBytes(1), last == null ? null : last.toInstant()};
            }
        });
        if (contact == null || outbox.enqueue(h.channel(), (byte[]) contact[0], (Instant) contact[1], handoffs.now(), language,
                List.of(OutboundMessage.of(new LocalizedText(language, text)))) != ProactiveOutbox.Result.QUEUED) {
            return false;
        }
        handoffs.delivered(List.of(id));
        return true;
    }
}
