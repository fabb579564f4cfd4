package kr.ieum.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import kr.ieum.content.ContentService;
import kr.ieum.content.Localization;

/**
 * A topic published in English only, as one is between an editor publishing it and its translations: every bundled topic
 * exists in all 20 locales, so tests of the fallback chain make their own, and remove it when done ({@link #close}:
 * the database is shared with the other test classes).
 */
public final class UntranslatedTopic implements AutoCloseable {
    public static final String ID = "test-untranslated-topic";
    public static final String QUESTION = "Where is the lost property desk for umbrellas left at the immigration office?";
    private final DataSource dataSource;

    private UntranslatedTopic(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Publishes the topic in English (the index takes it at once, as after an editor's publish). */
    public static UntranslatedTopic publish(ContentService content, DataSource dataSource) {
        UntranslatedTopic topic = new UntranslatedTopic(dataSource);
        topic.close();
        content.startTopic(ID, "general", "en", QUESTION, "test");
        content.publish(new Localization(ID, "en", QUESTION,
                List.of("umbrella left at the immigration office", "lost property desk immigration office umbrella",
                        "forgot my umbrella at immigration"),
                "Ask at the information desk of the office where you left it.", "Ask at the office's information desk.",
                Localization.SOURCE, 1, null, null, List.of()), "test");
        return topic;
    }

    @Override
    public void close() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("delete from content_topic where id = ?")) {
            ps.setString(1, ID);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
