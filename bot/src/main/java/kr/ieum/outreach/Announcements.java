package kr.ieum.outreach;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Announcements residents asked for: their yes to news on a channel (NEWS; STOP and FORGET end it), what staff send to
 * them by language and channel, and one delivery row per resident and announcement. The recipients are fixed when the
 * announcement is created; a delivery is claimed, put in the outbox and marked in one transaction
 * ({@code channel.AnnouncementSender}), so each resident gets it at most once, whichever replica sends and whenever one
 * crashes.
 */
@Singleton
public class Announcements {
    public static final String PENDING = "pending";
    public static final String QUEUED = "queued";
    public static final String SKIPPED = "skipped";
    private final JdbcOperations jdbc;
    private final Clock clock;

    Announcements(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An announcement as staff see it. */
    public record Announcement(long id, String name, List<String> channels, String createdBy, Instant createdAt,
            Map<String, String> texts) {}

    /** A delivery claimed for sending, with what the outbox needs. */
    public record Claimed(long announcementId, long contactId, String channel, byte[] addressEnc, String language,
            String consent, Instant lastInbound, String body) {}

    /** The resident said yes to news on this channel (again: the time is renewed). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void consent(long contactId, String channel, String how) {
        jdbc.prepareStatement("insert into news_consent (contact_id, channel, given_at, given_by) values (?, ?, ?, ?) "
                + "on conflict (contact_id) do update set channel = excluded.channel, given_at = excluded.given_at, given_by = excluded.given_by", ps -> {
            ps.setLong(1, contactId);
            ps.setString(2, channel);
            ps.setTimestamp(3, Timestamp.from(clock.instant()));
            ps.setString(4, how);
            return ps.executeUpdate();
        });
    }

    /** STOP: no more news (deliveries still pending for the resident are skipped when their turn comes). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void withdraw(long contactId) {
        jdbc.prepareStatement("delete from news_consent where contact_id = ?", ps -> {
            ps.setLong(1, contactId);
            return ps.executeUpdate();
        });
    }

    /** How many residents said yes to news, per channel and language (what staff can reach). */
    @Transactional
    public List<List<Object>> audience() {
        return jdbc.prepareStatement("select n.channel, coalesce(c.language, 'unknown'), count(*) from news_consent n "
                + "join contact c on c.id = n.contact_id where c.consent <> 'stopped' group by 1, 2 order by 1, 2", ps -> {
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(List.of(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return rows;
        });
    }

    /**
     * Creates an announcement with its text per language and a delivery for every resident who said yes on one of
     * {@code channels} and reads one of those languages; answers its id.
     */
    @Transactional
    public long create(String name, List<String> channels, Map<String, String> texts, String by) {
        Instant now = clock.instant();
        long id = jdbc.prepareStatement("insert into announcement (name, channels, created_by, created_at) values (?, ?, ?, ?) returning id", ps -> {
            ps.setString(1, name);
            ps.setString(2, String.join(",", channels));
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        for (Map.Entry<String, String> t : texts.entrySet()) {
            jdbc.prepareStatement("insert into announcement_text (announcement_id, locale, body) values (?, ?, ?)", ps -> {
                ps.setLong(1, id);
                ps.setString(2, t.getKey());
                ps.setString(3, t.getValue());
                return ps.executeUpdate();
            });
        }
        jdbc.prepareStatement("insert into announcement_delivery (announcement_id, contact_id, channel, status, updated_at) "
                + "select ?, c.id, c.channel, 'pending', ? from news_consent n join contact c on c.id = n.contact_id "
                + "where c.consent <> 'stopped' and c.channel = any(?) and c.language = any(?)", ps -> {
            ps.setLong(1, id);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setArray(3, ps.getConnection().createArrayOf("varchar", channels.toArray()));
            ps.setArray(4, ps.getConnection().createArrayOf("varchar", texts.keySet().toArray()));
            return ps.executeUpdate();
        });
        return id;
    }

    /** The announcements, newest first. */
    @Transactional
    public List<Announcement> list() {
        return read(null);
    }

    /** One announcement with its texts. */
    @Transactional
    public Optional<Announcement> find(long id) {
        return read(id).stream().findFirst();
    }

    private List<Announcement> read(Long only) {
        return jdbc.prepareStatement("select a.id, a.name, a.channels, a.created_by, a.created_at, t.locale, t.body from announcement a "
                + "left join announcement_text t on t.announcement_id = a.id " + (only == null ? "" : "where a.id = ? ")
                + "order by a.id desc, t.locale", ps -> {
            if (only != null) {
                ps.setLong(1, only);
            }
            Map<Long, Announcement> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Announcement a = out.computeIfAbsent(id, k -> {
                        try {
                            return new Announcement(k, rs.getString(2), List.of(rs.getString(3).split(",")), rs.getString(4),
                                    rs.getTimestamp(5).toInstant(), new LinkedHashMap<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    if (rs.getString(6) != null) {
                        a.texts().put(rs.getString(6), rs.getString(7));
                    }
                }
            }
            return new ArrayList<>(out.values());
        });
    }

    /**
     * What became of an announcement, per channel and language: waiting (not yet due: throttle, quiet hours), in the
     * outbox, sent to the provider, delivered (the provider's report, where it gives one), failed, and skipped (and why).
     */
    @Transactional
    public List<List<Object>> report(long id) {
        return jdbc.prepareStatement("select d.channel, coalesce(c.language, 'unknown'), count(*), "
                + "count(*) filter (where d.status = 'pending'), count(*) filter (where d.status = 'queued' and o.state = 'pending'), "
                + "count(*) filter (where o.state = 'sent'), count(*) filter (where o.provider_status in ('delivered', 'read')), "
                + "count(*) filter (where o.state = 'dead' or o.provider_status like 'undelivered%' or o.provider_status like 'failed%'), "
                + "count(*) filter (where d.status = 'skipped') "
                + "from announcement_delivery d join contact c on c.id = d.contact_id left join outbox o on o.id = d.outbox_id "
                + "where d.announcement_id = ? group by 1, 2 order by 1, 2", ps -> {
            ps.setLong(1, id);
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getString(1));
                    row.add(rs.getString(2));
                    for (int i = 3; i <= 9; i++) {
                        row.add(rs.getLong(i));
                    }
                    rows.add(List.copyOf(row));
                }
            }
            return rows;
        });
    }

    /** Why deliveries of an announcement were skipped, with counts. */
    @Transactional
    public Map<String, Long> skipped(long id) {
        return jdbc.prepareStatement("select reason, count(*) from announcement_delivery where announcement_id = ? and status = 'skipped' "
                + "group by 1 order by 1", ps -> {
            ps.setLong(1, id);
            Map<String, Long> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** Locks up to {@code limit} pending deliveries on {@code channel}, oldest announcement first; rows others hold are skipped. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Claimed> claim(String channel, int limit) {
        return jdbc.prepareStatement("select d.announcement_id, d.contact_id, d.channel, c.address_enc, c.language, "
                + "case when n.contact_id is null then 'stopped' else c.consent end, "
                + "(select max(t.created_at) from turn t where t.contact_id = c.id and t.direction = 'in'), tx.body "
                + "from announcement_delivery d join contact c on c.id = d.contact_id "
                + "left join news_consent n on n.contact_id = d.contact_id "
                + "left join announcement_text tx on tx.announcement_id = d.announcement_id and tx.locale = c.language "
                + "where d.status = 'pending' and d.channel = ? order by d.announcement_id, d.contact_id limit " + Math.max(1, limit)
                + " for update of d skip locked", ps -> {
            ps.setString(1, channel);
            List<Claimed> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp last = rs.getTimestamp(7);
                    out.add(new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                            rs.getString(6), last == null ? null : last.toInstant(), rs.getString(8)));
                }
            }
            return out;
        });
    }

    /** The channels that have deliveries waiting. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<String> channelsWaiting() {
        return jdbc.prepareStatement("select distinct channel from announcement_delivery where status = 'pending'", ps -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Marks a claimed delivery {@code queued} (with its outbox row) or {@code skipped} (with the reason). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void finish(Claimed d, String status, String reason, Long outboxId) {
        jdbc.prepareStatement("update announcement_delivery set status = ?, reason = ?, outbox_id = ?, updated_at = ? "
                + "where announcement_id = ? and contact_id = ?", ps -> {
            ps.setString(1, status);
            ps.setString(2, reason);
            ps.setObject(3, outboxId, java.sql.Types.BIGINT);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.setLong(5, d.announcementId());
            ps.setLong(6, d.contactId());
            return ps.executeUpdate();
        });
    }

    /**
     * How many messages {@code channel} may send now at {@code perSecond}, with at most {@code burst} of unused time
     * saved up; call {@link #spent} with what was sent. Shared by every replica (call inside {@link #takeTurn}).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public int allowance(String channel, double perSecond, java.time.Duration burst) {
        Instant now = clock.instant();
        Instant from = paceFrom(channel, now, burst);
        double seconds = java.time.Duration.between(from, now).toNanos() / 1e9;
        return (int) Math.floor(Math.max(0, seconds) * perSecond + 1e-9);
    }

    /** Records that {@code count} messages went out on {@code channel} at {@code perSecond}. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void spent(String channel, int count, double perSecond, java.time.Duration burst) {
        Instant now = clock.instant();
        Instant until = paceFrom(channel, now, burst).plusNanos((long) (count / perSecond * 1e9));
        jdbc.prepareStatement("insert into announcement_pace (channel, sent_until) values (?, ?) "
                + "on conflict (channel) do update set sent_until = excluded.sent_until", ps -> {
            ps.setString(1, channel);
            ps.setTimestamp(2, Timestamp.from(until));
            return ps.executeUpdate();
        });
    }

    private Instant paceFrom(String channel, Instant now, java.time.Duration burst) {
        Instant earliest = now.minus(burst);
        Instant until = jdbc.prepareStatement("select sent_until from announcement_pace where channel = ?", ps -> {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getTimestamp(1).toInstant() : null;
            }
        });
        return until == null || until.isBefore(earliest) ? earliest : until;
    }

    /**
     * Takes the database-wide sending turn for this transaction (one replica sends announcements at a time, so the
     * throttle holds across replicas); false when another replica has it.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean takeTurn() {
        return jdbc.prepareStatement("select pg_try_advisory_xact_lock(7452001)", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }
}
