package kr.ieum.enrollment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reminders residents agreed to. Scheduled out of the quiet hours; claimed when due with {@code FOR UPDATE SKIP LOCKED}
 * by the sender, which marks each one in the same transaction as it puts the message in the outbox, so a reminder is
 * sent once even across a crash or several replicas. STOP cancels a contact's reminders; FORGET deletes them.
 */
@Singleton
public class Reminders {
    private final JdbcOperations jdbc;
    private final Clock clock;
    private final EnrollmentProperties properties;

    Reminders(JdbcOperations jdbc, Clock clock, EnrollmentProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A reminder whose time has come, with what the sender needs to reach the resident. */
    public record Due(long id, String journeyId, String locale, String channel, byte[] addressEnc, String consent,
            Instant lastInbound) {}

    /** Schedules a reminder the resident said yes to; answers when it will be sent. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Instant schedule(long contactId, String journeyId, String locale) {
        Instant now = clock.instant();
        Instant due = properties.quietHours().nextAllowed(now.plus(properties.reminderDelay()));
        jdbc.prepareStatement("update reminder set status = 'cancelled' where contact_id = ? and journey_id = ? and status = 'pending'", ps -> {
            ps.setLong(1, contactId);
            ps.setString(2, journeyId);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("insert into reminder (contact_id, journey_id, locale, due_at, consented_at, created_at) "
                + "values (?,?,?,?,?,?)", ps -> {
            ps.setLong(1, contactId);
            ps.setString(2, journeyId);
            ps.setString(3, locale);
            ps.setTimestamp(4, Timestamp.from(due));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return due;
    }

    /** Cancels every pending reminder of a contact (STOP). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int cancelAll(long contactId) {
        return jdbc.prepareStatement("update reminder set status = 'cancelled' where contact_id = ? and status = 'pending'", ps -> {
            ps.setLong(1, contactId);
            return ps.executeUpdate();
        });
    }

    /** Locks due reminders for sending; call inside the transaction that enqueues them and marks them. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Due> claimDue(int limit) {
        Instant now = clock.instant();
        return jdbc.prepareStatement("select r.id, r.journey_id, r.locale, c.channel, c.address_enc, c.consent, "
                + "(select max(t.created_at) from turn t where t.contact_id = c.id and t.direction = 'in') "
                + "from reminder r join contact c on c.id = r.contact_id where r.status = 'pending' and r.due_at <= ? "
                + "order by r.due_at limit " + Math.max(1, limit) + " for update of r skip locked", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            List<Due> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(7);
                    out.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                            rs.getString(6), last == null ? null : last.toInstant()));
                }
            }
            return out;
        });
    }

    /** True when now is in the quiet hours (nothing is sent then). */
    public boolean quietNow() {
        return properties.quietHours().quiet(clock.instant());
    }

    /** The clock's now (the sender's idea of time, the same as the scheduler's). */
    public Instant now() {
        return clock.instant();
    }

    /** Marks a claimed reminder {@code sent}, {@code skipped} (a channel rule forbade it) or {@code cancelled}. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void finish(long id, String status) {
        jdbc.prepareStatement("update reminder set status = ?, sent_at = ? where id = ?", ps -> {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setLong(3, id);
            return ps.executeUpdate();
        });
    }

    /** Counts reminders by status for a journey (tests and the console). */
    @Transactional
    public long count(String journeyId, String status) {
        return jdbc.prepareStatement("select count(*) from reminder where journey_id = ? and status = ?", ps -> {
            ps.setString(1, journeyId);
            ps.setString(2, status);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
