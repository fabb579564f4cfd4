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
    static final String SEP = "\n";
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
        return ContentSql.topics(jdbc.getConnection());
    }

    @Transactional
    boolean addTopic(String id, String category) {
        return ContentSql.addTopic(jdbc.getConnection(), id, category);
    }

    @Transactional
    boolean removeUnpublishedTopic(String id) {
        return ContentSql.removeUnpublishedTopic(jdbc.getConnection(), id);
    }

    @Transactional
    List<Localization> localizations() {
        return ContentSql.localizations(jdbc.getConnection());
    }

    /** Upserts all topics and every localization that differs from the published one; answers those changed. */
    @Transactional
    List<Localization> importAll(ContentSet set, String by) {
        return ContentSql.importAll(jdbc.getConnection(), set, by, Instant.now(), l -> true, false);
    }

    /** As {@link #importAll}, only for the localizations {@code take} accepts, published or (with {@code asDrafts}) as drafts. */
    @Transactional
    List<Localization> importSome(ContentSet set, String by, java.util.function.Predicate<Localization> take, boolean asDrafts) {
        return ContentSql.importAll(jdbc.getConnection(), set, by, Instant.now(), take, asDrafts);
    }

    /** When each published localization last changed ({@code topic/locale} → time). */
    @Transactional
    Map<String, Instant> updatedAt() {
        return ContentSql.updatedAt(jdbc.getConnection());
    }

    /** Stores a new revision and makes it the published one. */
    @Transactional
    void save(Localization l, String by) {
        ContentSql.publish(jdbc.getConnection(), l, by, Instant.now());
    }

    /** The published localizations of one topic, in every locale it has. */
    @Transactional
    List<Localization> localizationsOf(String topic) {
        return jdbc.prepareStatement("select topic_id, locale, question, alternates, answer, sms, status, revision, "
                + "source_revision, translated_from, links from content_localization where topic_id = ? order by locale", ps -> {
            ps.setString(1, topic);
            List<Localization> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(localization(rs, 1));
                }
            }
            return out;
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
    void saveDrafts(List<Draft> drafts) {
        drafts.forEach(d -> ContentSql.draft(jdbc.getConnection(), d));
    }

    @Transactional
    void saveDraft(Draft d) {
        ContentSql.draft(jdbc.getConnection(), d);
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

    static Localization localization(ResultSet rs, int from) throws SQLException {
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

    static void bind(PreparedStatement ps, Localization l) throws SQLException {
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

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.copyOf(Arrays.asList(joined.split(SEP)));
    }
}
