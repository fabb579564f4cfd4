package kr.ieum.handoff;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Handoff requests in PostgreSQL. */
@Singleton
class HandoffStore {
    private static final String COLUMNS = "id, contact_id, channel, language, reason, topic, status, covered, created_at, "
            + "claimed_by, claimed_at, last_agent_at, closed_at";
    private final JdbcOperations jdbc;

    HandoffStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Handoff create(long contactId, String channel, String language, String reason, String topic, boolean covered, Instant now) {
        // the contact is marked as one whose turns must read its handoff state (see HandoffHandler), in the same statement
        long id = jdbc.prepareStatement("with marked as (update contact set handoffs = true where id = ? and not handoffs) "
                + "insert into handoff (contact_id, channel, language, reason, topic, status, covered, created_at) "
                + "values (?, ?, ?, ?, ?, 'waiting', ?, ?) returning id", ps -> {
            ps.setLong(1, contactId);
            ps.setLong(2, contactId);
            ps.setString(3, channel);
            ps.setString(4, language);
            ps.setString(5, reason);
            ps.setString(6, topic);
            ps.setBoolean(7, covered);
            ps.setTimestamp(8, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return get(id).orElseThrow();
    }

    /**
     * In one query (it runs on every turn of a known contact): the contact's open request, if any, and whether messages
     * wait to be delivered to the contact.
     */
    @Transactional
    State state(long contactId) {
        String columns = java.util.Arrays.stream(COLUMNS.split(",\\s*")).map(c -> "h." + c).collect(java.util.stream.Collectors.joining(", "));
        return jdbc.prepareStatement("select " + columns + ", exists (select 1 from handoff_message m where m.contact_id = ? "
                + "and m.delivered_at is null) from (select 1) one left join lateral (select * from handoff where contact_id = ? "
                + "and status in ('waiting', 'claimed') order by id desc limit 1) h on true", ps -> {
            ps.setLong(1, contactId);
            ps.setLong(2, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Optional<Handoff> open = rs.getObject(1) == null ? Optional.empty() : Optional.of(handoff(rs));
                return new State(open, rs.getBoolean(14));
            }
        });
    }

    /** @param pending messages wait to be delivered to the contact */
    record State(Optional<Handoff> open, boolean pending) {}

    /** The contact's open request (waiting or claimed), if any. */
    @Transactional
    Optional<Handoff> open(long contactId) {
        return one("select " + COLUMNS + " from handoff where contact_id = ? and status in ('waiting', 'claimed') order by id desc limit 1", contactId);
    }

    @Transactional
    Optional<Handoff> get(long id) {
        return one("select " + COLUMNS + " from handoff where id = ?", id);
    }

    /** Open requests, oldest first. */
    @Transactional
    List<Handoff> open() {
        return jdbc.prepareStatement("select " + COLUMNS + " from handoff where status in ('waiting', 'claimed') order by created_at", ps -> {
            List<Handoff> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(handoff(rs));
                }
            }
            return out;
        });
    }

    /** An agent takes a waiting request; false when another agent was first. */
    @Transactional
    boolean claim(long id, String agent, Instant now) {
        return jdbc.prepareStatement("update handoff set status = 'claimed', claimed_by = ?, claimed_at = ?, last_agent_at = ? "
                + "where id = ? and status = 'waiting'", ps -> {
            ps.setString(1, agent);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        });
    }

    /** The agent hands the request back to the queue. */
    @Transactional
    boolean release(long id, String agent) {
        return jdbc.prepareStatement("update handoff set status = 'waiting', claimed_by = null, claimed_at = null, last_agent_at = null "
                + "where id = ? and status = 'claimed' and claimed_by = ?", ps -> {
            ps.setLong(1, id);
            ps.setString(2, agent);
            return ps.executeUpdate() == 1;
        });
    }

    /** Closes an open request as {@code resolved} or {@code expired}; false when it was closed already. */
    @Transactional
    boolean close(long id, String status, Instant now) {
        return jdbc.prepareStatement("update handoff set status = ?, closed_at = ? where id = ? and status in ('waiting', 'claimed')", ps -> {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        });
    }

    @Transactional
    void agentSpoke(long id, Instant now) {
        jdbc.prepareStatement("update handoff set last_agent_at = ? where id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    /** A message for the resident (an agent's, or the bot's about the handoff when {@code agent} is null). */
    @Transactional
    long addMessage(Handoff h, String agent, String language, String body, Instant now) {
        return jdbc.prepareStatement("insert into handoff_message (handoff_id, contact_id, agent, language, body, created_at) "
                + "values (?, ?, ?, ?, ?, ?) returning id", ps -> {
            ps.setLong(1, h.id());
            ps.setLong(2, h.contactId());
            ps.setString(3, agent);
            ps.setString(4, language);
            ps.setString(5, body);
            ps.setTimestamp(6, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Transactional
    void delivered(List<Long> ids, Instant now) {
        for (long id : ids) {
            jdbc.prepareStatement("update handoff_message set delivered_at = ? where id = ? and delivered_at is null", ps -> {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, id);
                return ps.executeUpdate();
            });
        }
    }

    /** Messages not yet delivered to this contact, oldest first. */
    @Transactional
    List<HandoffService.Message> pending(long contactId) {
        return messages("select id, agent, language, body, created_at, delivered_at from handoff_message where contact_id = ? "
                + "and delivered_at is null order by id", contactId);
    }

    @Transactional
    List<HandoffService.Message> messages(long handoffId) {
        return messages("select id, agent, language, body, created_at, delivered_at from handoff_message where handoff_id = ? order by id",
                handoffId);
    }

    private List<HandoffService.Message> messages(String sql, long param) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setLong(1, param);
            List<HandoffService.Message> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HandoffService.Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6))));
                }
            }
            return out;
        });
    }

    /** The contact's channel. */
    @Transactional
    String channel(long contactId) {
        return jdbc.prepareStatement("select channel from contact where id = ?", ps -> {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "unknown";
            }
        });
    }

    /** True when the contact's last {@code n} questions (before this one) were all left unanswered. */
    @Transactional
    boolean unansweredInARow(long contactId, int n) {
        if (n <= 0) {
            return true;
        }
        return jdbc.prepareStatement("select count(*) filter (where outcome = 'unanswered'), count(*) from (select outcome from turn "
                + "where contact_id = ? and direction = 'in' order by id desc limit ?) last", ps -> {
            ps.setLong(1, contactId);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(2) == n && rs.getInt(1) == n;
            }
        });
    }

    private Optional<Handoff> one(String sql, long param) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(handoff(rs)) : Optional.empty();
            }
        });
    }

    private static Handoff handoff(ResultSet rs) throws SQLException {
        return new Handoff(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant(), rs.getString(10), instant(rs.getTimestamp(11)),
                instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
