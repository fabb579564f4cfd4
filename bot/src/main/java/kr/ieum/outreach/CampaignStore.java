package kr.ieum.outreach;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Organisations, campaigns and their click counts in PostgreSQL. */
@Singleton
public class CampaignStore {
    private static final String COLUMNS = "c.id, c.code, c.name, c.organisation_id, o.name, c.languages, c.journey_step, c.starts_on, "
            + "c.ends_on, c.sms_keyword, c.channels, c.topic";
    private final JdbcOperations jdbc;

    CampaignStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The organisation's id, created on first use. */
    @Transactional
    public long organisation(String name) {
        return jdbc.prepareStatement("insert into organisation (name) values (?) on conflict (name) do update set name = excluded.name "
                + "returning id", ps -> {
            ps.setString(1, name.strip());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Transactional
    public Optional<Campaign> byCode(String code) {
        return select("where c.code = ?", code).stream().findFirst();
    }

    /** The campaign whose SMS keyword this is (any case), if any. */
    @Transactional
    public Optional<Campaign> byKeyword(String keyword) {
        return select("where lower(c.sms_keyword) = lower(?) order by c.id desc limit 1", keyword).stream().findFirst();
    }

    /** Every campaign, or an organisation's (when {@code organisationId} is not null), newest first. */
    @Transactional
    public List<Campaign> list(Long organisationId) {
        return organisationId == null ? select("order by c.id desc") : select("where c.organisation_id = ? order by c.id desc", organisationId);
    }

    private List<Campaign> select(String rest, Object... params) {
        return jdbc.prepareStatement("select " + COLUMNS + " from campaign c join organisation o on o.id = c.organisation_id " + rest, ps -> {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<Campaign> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(campaign(rs));
                }
            }
            return out;
        });
    }

    /** Creates a campaign that opens {@code topic} (or, when null, the guide at {@code journeyStep}) on {@code channels}. */
    @Transactional
    public Campaign create(String code, String name, long organisationId, List<String> languages, String journeyStep, String topic,
            List<String> channels, LocalDate startsOn, LocalDate endsOn, String smsKeyword, String by, Instant now) {
        jdbc.prepareStatement("insert into campaign (code, name, organisation_id, languages, journey_step, starts_on, ends_on, "
                + "sms_keyword, created_by, created_at, topic, channels) values (?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setString(11, topic);
            ps.setString(12, String.join(",", channels));
            ps.setString(1, code);
            ps.setString(2, name);
            ps.setLong(3, organisationId);
            ps.setString(4, String.join(",", languages));
            ps.setString(5, journeyStep);
            ps.setDate(6, Date.valueOf(startsOn));
            ps.setDate(7, Date.valueOf(endsOn));
            ps.setString(8, smsKeyword);
            ps.setString(9, by);
            ps.setTimestamp(10, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return byCode(code).orElseThrow();
    }

    /** One more click on the campaign's link, counted per day and language only. */
    @Transactional
    public void click(long campaignId, LocalDate day, String language) {
        jdbc.prepareStatement("insert into campaign_click (campaign_id, day, language, clicks) values (?, ?, ?, 1) "
                + "on conflict (campaign_id, day, language) do update set clicks = campaign_click.clicks + 1", ps -> {
            ps.setLong(1, campaignId);
            ps.setDate(2, Date.valueOf(day));
            ps.setString(3, language);
            return ps.executeUpdate();
        });
    }

    /**
     * What a campaign achieved, per language: link clicks, conversations it started (residents it was the first campaign
     * to bring, still on record), and journeys started and completed from its links (the journey funnel's events carry
     * the campaign code). Counts only; nothing identifies a resident.
     */
    @Transactional
    public List<List<Object>> report(Campaign c) {
        return rows("with clicks as (select language k, sum(clicks) n from campaign_click where campaign_id = ? group by 1), "
                + "people as (select coalesce(language, 'unknown') k, count(*) n from contact where campaign = ? group by 1), "
                + "events as (select locale k, count(*) filter (where event = 'started') started, "
                + "count(*) filter (where event = 'completed') completed from journey_event where campaign = ? group by 1), "
                + "keys as (select k from clicks union select k from people union select k from events) "
                + "select keys.k, coalesce(clicks.n, 0), coalesce(people.n, 0), coalesce(events.started, 0), coalesce(events.completed, 0) "
                + "from keys left join clicks on clicks.k = keys.k left join people on people.k = keys.k "
                + "left join events on events.k = keys.k order by 1", c, true);
    }

    /** The same per channel (clicks are not known per channel: a link is opened before a channel is chosen). */
    @Transactional
    public List<List<Object>> reportByChannel(Campaign c) {
        return rows("with people as (select channel k, count(*) n from contact where campaign = ? group by 1), "
                + "events as (select channel k, count(*) filter (where event = 'started') started, "
                + "count(*) filter (where event = 'completed') completed from journey_event where campaign = ? group by 1), "
                + "keys as (select k from people union select k from events) "
                + "select keys.k, coalesce(people.n, 0), coalesce(events.started, 0), coalesce(events.completed, 0) "
                + "from keys left join people on people.k = keys.k left join events on events.k = keys.k order by 1", c, false);
    }

    private List<List<Object>> rows(String sql, Campaign c, boolean clicks) {
        return jdbc.prepareStatement(sql, ps -> {
            int i = 1;
            if (clicks) {
                ps.setLong(i++, c.id());
            }
            ps.setString(i++, c.code());
            ps.setString(i, c.code());
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getString(1));
                    for (int col = 2; col <= columns; col++) {
                        row.add(rs.getLong(col));
                    }
                    rows.add(List.copyOf(row));
                }
            }
            return rows;
        });
    }

    /** The organisation a staff account belongs to (partners), if any. */
    @Transactional
    public Optional<Long> organisationOf(String username) {
        return jdbc.prepareStatement("select organisation_id from staff_account where username = ?", ps -> {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getObject(1) != null ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        });
    }

    @Transactional
    public void setOrganisation(String username, long organisationId) {
        jdbc.prepareStatement("update staff_account set organisation_id = ? where username = ?", ps -> {
            ps.setLong(1, organisationId);
            ps.setString(2, username);
            return ps.executeUpdate();
        });
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                Arrays.stream(rs.getString(6).split(",")).filter(s -> !s.isBlank()).toList(), rs.getString(7),
                rs.getDate(8).toLocalDate(), rs.getDate(9).toLocalDate(), rs.getString(10),
                Arrays.stream(rs.getString(11).split(",")).filter(s -> !s.isBlank()).toList(), rs.getString(12));
    }
}
