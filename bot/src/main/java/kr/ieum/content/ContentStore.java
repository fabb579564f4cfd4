package kr.ieum.content;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The knowledge base in PostgreSQL: topics, the published localization of each, and every revision. */
@Singleton
class ContentStore {
    private static final String SEP = "\n";
    private final JdbcOperations jdbc;

    ContentStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    boolean isEmpty() {
        return jdbc.prepareStatement("select count(*) from content_topic", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    @Transactional
    List<Topic> topics() {
        return jdbc.prepareStatement("select id, category, menu, position from content_topic order by position", ps -> {
            List<Topic> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Topic(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getInt(4)));
                }
            }
            return out;
        });
    }

    @Transactional
    List<Localization> localizations() {
        return jdbc.prepareStatement("select topic_id, locale, question, alternates, answer, sms, status, revision, "
                + "source_revision, translated_from, links from content_localization order by topic_id, locale", ps -> {
            List<Localization> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(localization(rs, 1));
                }
            }
            return out;
        });
    }

    /** Upserts all topics and every localization that differs from the published one; answers those changed. */
    @Transactional
    List<Localization> importAll(ContentSet set, String by) {
        for (Topic t : set.topics()) {
            jdbc.prepareStatement("insert into content_topic (id, category, menu, position) values (?, ?, ?, ?) "
                    + "on conflict (id) do update set category = excluded.category, menu = excluded.menu, position = excluded.position", ps -> {
                ps.setString(1, t.id());
                ps.setString(2, t.category());
                ps.setBoolean(3, t.menu());
                ps.setInt(4, t.position());
                return ps.executeUpdate();
            });
        }
        Map<String, Localization> current = new HashMap<>();
        for (Localization l : localizations()) {
            current.put(l.topic() + "/" + l.locale(), l);
        }
        List<Localization> changed = new ArrayList<>();
        for (Localization l : set.localizations()) {
            if (!Objects.equals(current.get(l.topic() + "/" + l.locale()), l)) {
                save(l, by);
                changed.add(l);
            }
        }
        return changed;
    }

    /** Stores a new revision and makes it the published one. */
    @Transactional
    void save(Localization l, String by) {
        Instant now = Instant.now();
        jdbc.prepareStatement("insert into content_revision (topic_id, locale, question, alternates, answer, sms, status, "
                + "revision, source_revision, translated_from, links, published_by, published_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
            bind(ps, l);
            ps.setString(12, by);
            ps.setTimestamp(13, Timestamp.from(now));
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("insert into content_localization (topic_id, locale, question, alternates, answer, sms, status, "
                + "revision, source_revision, translated_from, links, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?) "
                + "on conflict (topic_id, locale) do update set question = excluded.question, alternates = excluded.alternates, "
                + "answer = excluded.answer, sms = excluded.sms, status = excluded.status, revision = excluded.revision, "
                + "source_revision = excluded.source_revision, translated_from = excluded.translated_from, "
                + "links = excluded.links, updated_at = excluded.updated_at", ps -> {
            bind(ps, l);
            ps.setTimestamp(12, Timestamp.from(now));
            return ps.executeUpdate();
        });
        // every replica's ContentChanges hears this when the transaction commits, and refreshes its index
        jdbc.prepareStatement("select pg_notify('" + ContentChanges.CHANNEL + "', ?)", ps -> {
            ps.setString(1, l.topic() + "/" + l.locale());
            return ps.execute();
        });
    }

    /** The published localization of one topic in one locale. */
    @Transactional
    Optional<Localization> localization(String topic, String locale) {
        return jdbc.prepareStatement("select topic_id, locale, question, alternates, answer, sms, status, revision, "
                + "source_revision, translated_from, links from content_localization where topic_id = ? and locale = ?", ps -> {
            ps.setString(1, topic);
            ps.setString(2, locale);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(localization(rs, 1)) : Optional.empty();
            }
        });
    }

    /** Every published version of a topic in a locale, newest first. */
    @Transactional
    List<Revision> history(String topic, String locale) {
        return jdbc.prepareStatement("select topic_id, locale, question, alternates, answer, sms, status, revision, "
                + "source_revision, translated_from, links, id, published_by, published_at from content_revision "
                + "where topic_id = ? and locale = ? order by id desc", ps -> {
            ps.setString(1, topic);
            ps.setString(2, locale);
            List<Revision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Revision(rs.getLong(12), localization(rs, 1), rs.getString(13), rs.getTimestamp(14).toInstant()));
                }
            }
            return out;
        });
    }

    @Transactional
    Optional<Draft> draft(String topic, String locale) {
        return jdbc.prepareStatement("select " + DRAFT_COLUMNS + " from content_draft where topic_id = ? and locale = ?", ps -> {
            ps.setString(1, topic);
            ps.setString(2, locale);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(draft(rs)) : Optional.empty();
            }
        });
    }

    @Transactional
    List<Draft> drafts() {
        return jdbc.prepareStatement("select " + DRAFT_COLUMNS + " from content_draft order by updated_at", ps -> {
            List<Draft> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(draft(rs));
                }
            }
            return out;
        });
    }

    @Transactional
    void saveDraft(Draft d) {
        jdbc.prepareStatement("insert into content_draft (" + DRAFT_COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?) "
                + "on conflict (topic_id, locale) do update set question = excluded.question, alternates = excluded.alternates, "
                + "answer = excluded.answer, sms = excluded.sms, state = excluded.state, based_on = excluded.based_on, "
                + "updated_by = excluded.updated_by, updated_at = excluded.updated_at, note = excluded.note", ps -> {
            ps.setString(1, d.topic());
            ps.setString(2, d.locale());
            ps.setString(3, d.question());
            ps.setString(4, String.join(SEP, d.alternates()));
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
            return ps.executeUpdate();
        });
    }

    @Transactional
    void deleteDraft(String topic, String locale) {
        jdbc.prepareStatement("delete from content_draft where topic_id = ? and locale = ?", ps -> {
            ps.setString(1, topic);
            ps.setString(2, locale);
            return ps.executeUpdate();
        });
    }

    private static final String DRAFT_COLUMNS = "topic_id, locale, question, alternates, answer, sms, state, based_on, "
            + "updated_by, updated_at, note";

    private static Draft draft(ResultSet rs) throws SQLException {
        return new Draft(rs.getString(1), rs.getString(2), rs.getString(3), split(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), (Integer) rs.getObject(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                rs.getString(11));
    }

    private static Localization localization(ResultSet rs, int from) throws SQLException {
        return new Localization(rs.getString(from), rs.getString(from + 1), rs.getString(from + 2), split(rs.getString(from + 3)),
                rs.getString(from + 4), rs.getString(from + 5), rs.getString(from + 6), rs.getInt(from + 7),
                (Integer) rs.getObject(from + 8), rs.getString(from + 9), split(rs.getString(from + 10)));
    }

    /** How many revisions a localization has (for history views and tests). */
    @Transactional
    int revisions(String topic, String locale) {
        return jdbc.prepareStatement("select count(*) from content_revision where topic_id = ? and locale = ?", ps -> {
            ps.setString(1, topic);
            ps.setString(2, locale);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static void bind(PreparedStatement ps, Localization l) throws SQLException {
        ps.setString(1, l.topic());
        ps.setString(2, l.locale());
        ps.setString(3, l.question());
        ps.setString(4, String.join(SEP, l.alternates()));
        ps.setString(5, l.answer());
        ps.setString(6, l.sms());
        ps.setString(7, l.status());
        ps.setInt(8, l.revision());
        if (l.sourceRevision() == null) {
            ps.setNull(9, Types.INTEGER);
        } else {
            ps.setInt(9, l.sourceRevision());
        }
        ps.setString(10, l.translatedFrom());
        ps.setString(11, String.join(SEP, l.links()));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.copyOf(Arrays.asList(joined.split(SEP)));
    }
}
