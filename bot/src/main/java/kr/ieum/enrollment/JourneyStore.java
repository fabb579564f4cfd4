package kr.ieum.enrollment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Journey progress per contact and the funnel's events (which hold no personal data) in PostgreSQL. */
@Singleton
class JourneyStore {
    private static final String COLUMNS = "contact_id, journey_id, step_id, slots, status, locale, channel, campaign, updated_at";
    private final JdbcOperations jdbc;

    JourneyStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The contact's journey touched last, if any (active or not). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Progress> latest(long contactId) {
        return jdbc.prepareStatement("select " + COLUMNS + " from journey_progress where contact_id = ? "
                + "order by updated_at desc limit 1", ps -> {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(progress(rs)) : Optional.empty();
            }
        });
    }

    /** Saves the contact's progress in a journey, and marks the contact as one whose turns must read it (once). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void save(Progress p, Instant now) {
        jdbc.prepareStatement("with marked as (update contact set journeys = true where id = ? and not journeys) "
                + "insert into journey_progress (" + COLUMNS + ", started_at) values (?,?,?,?,?,?,?,?,?,?) "
                + "on conflict (contact_id, journey_id) do update set step_id = excluded.step_id, slots = excluded.slots, "
                + "status = excluded.status, locale = excluded.locale, channel = excluded.channel, "
                + "campaign = coalesce(excluded.campaign, journey_progress.campaign), updated_at = excluded.updated_at", ps -> {
            ps.setLong(1, p.contactId());
            ps.setLong(2, p.contactId());
            ps.setString(3, p.journeyId());
            ps.setString(4, p.stepId());
            ps.setString(5, p.slotText());
            ps.setString(6, p.status());
            ps.setString(7, p.locale());
            ps.setString(8, p.channel());
            ps.setString(9, p.campaign());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setTimestamp(11, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** Starts a journey afresh (a restart forgets earlier answers). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void restart(Progress p, Instant now) {
        jdbc.prepareStatement("delete from journey_progress where contact_id = ? and journey_id = ?", ps -> {
            ps.setLong(1, p.contactId());
            ps.setString(2, p.journeyId());
            return ps.executeUpdate();
        });
        save(p, now);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void setResumeCode(long contactId, String journeyId, String code, Instant expires) {
        jdbc.prepareStatement("update journey_progress set resume_code = ?, resume_expires = ? where contact_id = ? and journey_id = ?", ps -> {
            ps.setString(1, code);
            ps.setTimestamp(2, Timestamp.from(expires));
            ps.setLong(3, contactId);
            ps.setString(4, journeyId);
            return ps.executeUpdate();
        });
    }

    /** The progress a resume code stands for, while the code is valid. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<Progress> byResumeCode(String code, Instant now) {
        return jdbc.prepareStatement("select " + COLUMNS + " from journey_progress where resume_code = ? and resume_expires > ?", ps -> {
            ps.setString(1, code);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(progress(rs)) : Optional.empty();
            }
        });
    }

    /** Records one funnel event: the journey, the step, the language, the channel, the campaign; nothing about the person. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    void event(String journeyId, String stepId, String event, String locale, String channel, String campaign, Instant now) {
        jdbc.prepareStatement("insert into journey_event (journey_id, step_id, event, locale, channel, campaign, created_at) "
                + "values (?,?,?,?,?,?,?)", ps -> {
            ps.setString(1, journeyId);
            ps.setString(2, stepId);
            ps.setString(3, event);
            ps.setString(4, locale);
            ps.setString(5, channel);
            ps.setString(6, campaign);
            ps.setTimestamp(7, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** Active journeys untouched since {@code before} become abandoned; answers them (for their funnel events). */
    @Transactional
    List<Progress> abandon(Instant before) {
        return jdbc.prepareStatement("update journey_progress set status = 'abandoned' where status = 'active' and updated_at < ? "
                + "returning " + COLUMNS, ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            List<Progress> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(progress(rs));
                }
            }
            return out;
        });
    }

    /** Counts of events by kind and step, for one journey (optionally one campaign). */
    @Transactional
    Map<String, Map<String, Long>> counts(String journeyId, List<String> campaigns) {
        return jdbc.prepareStatement("select event, coalesce(step_id, ''), count(*) from journey_event where journey_id = ? "
                + "and (?::varchar[] is null or campaign = any(?)) group by event, step_id", ps -> {
            java.sql.Array codes = campaigns == null ? null : ps.getConnection().createArrayOf("varchar", campaigns.toArray());
            ps.setString(1, journeyId);
            ps.setArray(2, codes);
            ps.setArray(3, codes);
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getLong(3));
                }
            }
            return out;
        });
    }

    private static Progress progress(ResultSet rs) throws SQLException {
        return new Progress(rs.getLong(1), rs.getString(2), rs.getString(3), Progress.parseSlots(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }
}
