package kr.ieum.content;

import io.micronaut.data.exceptions.DataAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The knowledge base's SQL on a plain connection: shared by {@link ContentStore} (inside the service's transactions) and
 * the {@code content import} / {@code content export} commands, so that a file imported from the command line is
 * published exactly as one published in the console (a revision, the published text, and the NOTIFY every replica hears).
 */
final class ContentSql {
    private ContentSql() {}

    static List<Localization> localizations(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("select topic_id, locale, question, alternates, answer, sms, status, revision, "
                + "source_revision, translated_from, links from content_localization order by topic_id, locale");
                ResultSet rs = ps.executeQuery()) {
            List<Localization> out = new ArrayList<>();
            while (rs.next()) {
                out.add(ContentStore.localization(rs, 1));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("reading the knowledge base failed", e);
        }
    }

    /** The topics, in menu order. */
    static List<Topic> topics(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("select id, category, menu, position, parent from content_topic order by position, id");
                ResultSet rs = ps.executeQuery()) {
            List<Topic> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Topic(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4), rs.getString(5)));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("reading the topics failed", e);
        }
    }

    /** Adds a topic after the last one, out of the menu; false when the id is taken. */
    static boolean addTopic(Connection c, String id, String category) {
        try (PreparedStatement ps = c.prepareStatement("insert into content_topic (id, category, menu, position) "
                + "select ?, ?, false, coalesce(max(position), -1) + 1 from content_topic on conflict (id) do nothing")) {
            ps.setString(1, id);
            ps.setString(2, category);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("adding topic " + id + " failed", e);
        }
    }

    /** Removes a topic that was never published in any language (with its drafts); false when it was, or is unknown. */
    static boolean removeUnpublishedTopic(Connection c, String id) {
        try (PreparedStatement ps = c.prepareStatement("delete from content_topic t where t.id = ? and not exists "
                + "(select 1 from content_revision r where r.topic_id = t.id)")) {
            ps.setString(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("removing topic " + id + " failed", e);
        }
    }

    static Map<String, Instant> updatedAt(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("select topic_id, locale, updated_at from content_localization");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Instant> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1) + "/" + rs.getString(2), rs.getTimestamp(3).toInstant());
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("reading the knowledge base failed", e);
        }
    }

    /**
     * Upserts the topics, then publishes (or, with {@code asDrafts}, saves as drafts for review) each localization of
     * {@code set} that {@code take} accepts and that differs from the published one. Answers those changed.
     */
    static List<Localization> importAll(Connection c, ContentSet set, String by, Instant now, Predicate<Localization> take,
            boolean asDrafts) {
        try {
            for (Topic t : set.topics()) {
                try (PreparedStatement ps = c.prepareStatement("insert into content_topic (id, category, menu, position, parent) values (?, ?, ?, ?, ?) "
                        + "on conflict (id) do update set category = excluded.category, menu = excluded.menu, position = excluded.position, "
                        + "parent = excluded.parent")) {
                    ps.setString(1, t.id());
                    ps.setString(2, t.category());
                    ps.setBoolean(3, t.menu());
                    ps.setInt(4, t.position());
                    ps.setString(5, t.parent());
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("importing topics failed", e);
        }
        Map<String, Localization> current = new HashMap<>();
        for (Localization l : localizations(c)) {
            current.put(l.topic() + "/" + l.locale(), l);
        }
        List<Localization> changed = new ArrayList<>();
        for (Localization l : set.localizations()) {
            Localization published = current.get(l.topic() + "/" + l.locale());
            if (!Objects.equals(published, l) && take.test(l)) {
                if (asDrafts) {
                    draft(c, new Draft(l.topic(), l.locale(), l.question(), l.alternates(), l.answer(), l.sms(), Draft.REVIEW,
                            published == null ? null : published.revision(), by, now, "imported from files"));
                } else {
                    publish(c, l, by, now);
                }
                changed.add(l);
            }
        }
        return changed;
    }

    /** Stores a new revision, makes it the published one, and tells every replica (NOTIFY, delivered at commit). */
    static void publish(Connection c, Localization l, String by, Instant now) {
        try {
            try (PreparedStatement ps = c.prepareStatement("insert into content_revision (topic_id, locale, question, alternates, "
                    + "answer, sms, status, revision, source_revision, translated_from, links, published_by, published_at) "
                    + "values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ContentStore.bind(ps, l);
                ps.setString(12, by);
                ps.setTimestamp(13, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into content_localization (topic_id, locale, question, alternates, "
                    + "answer, sms, status, revision, source_revision, translated_from, links, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?) "
                    + "on conflict (topic_id, locale) do update set question = excluded.question, alternates = excluded.alternates, "
                    + "answer = excluded.answer, sms = excluded.sms, status = excluded.status, revision = excluded.revision, "
                    + "source_revision = excluded.source_revision, translated_from = excluded.translated_from, "
                    + "links = excluded.links, updated_at = excluded.updated_at")) {
                ContentStore.bind(ps, l);
                ps.setTimestamp(12, Timestamp.from(now));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("select pg_notify('" + ContentChanges.CHANNEL + "', ?)")) {
                ps.setString(1, l.topic() + "/" + l.locale());
                ps.execute();
            }
        } catch (SQLException e) {
            throw new DataAccessException("publishing " + l.topic() + "/" + l.locale() + " failed", e);
        }
    }

    static void draft(Connection c, Draft d) {
        try (PreparedStatement ps = c.prepareStatement("insert into content_draft (topic_id, locale, question, alternates, answer, "
                + "sms, state, based_on, updated_by, updated_at, note) values (?,?,?,?,?,?,?,?,?,?,?) "
                + "on conflict (topic_id, locale) do update set question = excluded.question, alternates = excluded.alternates, "
                + "answer = excluded.answer, sms = excluded.sms, state = excluded.state, based_on = excluded.based_on, "
                + "updated_by = excluded.updated_by, updated_at = excluded.updated_at, note = excluded.note")) {
            ps.setString(1, d.topic());
            ps.setString(2, d.locale());
            ps.setString(3, d.question());
            ps.setString(4, String.join(ContentStore.SEP, d.alternates()));
            ps.setString(5, d.answer());
            ps.setString(6, d.sms());
            ps.setString(7, d.state());
            if (d.basedOn() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setInt(8, d.basedOn());
            }
            ps.setString(9, d.updatedBy());
            ps.setTimestamp(10, Timestamp.from(d.updatedAt()));
            ps.setString(11, d.note());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("saving the draft of " + d.topic() + "/" + d.locale() + " failed", e);
        }
    }
}
