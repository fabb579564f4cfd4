package kr.ieum.insight;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What residents need, in aggregates only (counts per day, language, channel, outcome, topic; waiting times): nothing
 * identifies a resident, and every table stays meaningful after message bodies are cleared (it counts rows, never reads
 * text). Days are Korea time.
 */
@Singleton
public class Analytics {
    private final JdbcOperations jdbc;
    private final Clock clock;

    Analytics(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A table: column names and rows of values (text or numbers), ready for a chart, an HTML table or CSV. */
    public record Table(String name, List<String> columns, List<List<Object>> rows) {}

    /**
     * Whose messages a table counts: everyone's ({@link #ALL}, for staff), or only those of residents a partner's campaigns
     * brought, from the moment one did ({@code campaigns}: the campaign codes; none gives empty tables).
     */
    public record Scope(List<String> campaigns) {
        public static final Scope ALL = new Scope(null);

        public static Scope campaigns(List<String> codes) {
            return new Scope(List.copyOf(codes));
        }

        public boolean all() {
            return campaigns == null;
        }
    }

    /** The condition a scope puts on a contact {@code c} and the time {@code at} of what is counted. */
    private static String where(Scope scope, String at) {
        return scope.all() ? "" : " and c.campaign = any(?) and " + at + " >= c.campaign_at";
    }

    /** Residents' messages per day and channel. */
    @Transactional
    public Table messagesPerDay(int days, Scope scope) {
        return query("messages-per-day", List.of("day", "channel", "messages"),
                "select to_char(t.created_at at time zone 'Asia/Seoul', 'YYYY-MM-DD') d, c.channel, count(*) from turn t "
                        + "join contact c on c.id = t.contact_id where t.direction = 'in' and t.created_at >= ?" + where(scope, "t.created_at")
                        + " group by 1, 2 order by 1, 2", days, scope);
    }

    /** Residents' messages per language. */
    @Transactional
    public Table messagesPerLanguage(int days, Scope scope) {
        return query("messages-per-language", List.of("language", "messages"),
                "select coalesce(t.language, 'unknown'), count(*) from turn t join contact c on c.id = t.contact_id "
                        + "where t.direction = 'in' and t.created_at >= ?" + where(scope, "t.created_at") + " group by 1 order by 2 desc, 1",
                days, scope);
    }

    /** What came of residents' messages, per day: answered, clarified, unanswered, handed over, commands, journey steps. */
    @Transactional
    public Table outcomesPerDay(int days, Scope scope) {
        return query("outcomes-per-day", List.of("day", "outcome", "messages"),
                "select to_char(t.created_at at time zone 'Asia/Seoul', 'YYYY-MM-DD'), coalesce(t.outcome, 'none'), count(*) from turn t "
                        + "join contact c on c.id = t.contact_id where t.direction = 'in' and t.created_at >= ?" + where(scope, "t.created_at")
                        + " group by 1, 2 order by 1, 2", days, scope);
    }

    /** The five topics answered most in each language. */
    @Transactional
    public Table topTopics(int days, Scope scope) {
        return query("top-topics", List.of("language", "topic", "answers"),
                "select language, topic, n from (select t.language, t.topic, count(*) n, row_number() over (partition by t.language "
                        + "order by count(*) desc, t.topic) r from turn t join contact c on c.id = t.contact_id where t.direction = 'in' "
                        + "and t.outcome = 'answered' and t.topic is not null and t.created_at >= ?" + where(scope, "t.created_at")
                        + " group by 1, 2) x where r <= 5 order by language, n desc, topic", days, scope);
    }

    /** Requests for a person per language: how many, how many an agent took, and the waiting time until then. */
    @Transactional
    public Table handoffWaits(int days, Scope scope) {
        return query("handoff-waits", List.of("language", "requests", "taken", "median minutes", "90th percentile minutes"),
                "select h.language, count(*), count(h.claimed_at), "
                        + "coalesce(round(percentile_cont(0.5) within group (order by extract(epoch from h.claimed_at - h.created_at) / 60)::numeric, 1), 0), "
                        + "coalesce(round(percentile_cont(0.9) within group (order by extract(epoch from h.claimed_at - h.created_at) / 60)::numeric, 1), 0) "
                        + "from handoff h join contact c on c.id = h.contact_id where h.created_at >= ?" + where(scope, "h.created_at")
                        + " group by 1 order by 2 desc, 1", days, scope);
    }

    private Table query(String name, List<String> columns, String sql, int days, Scope scope) {
        Timestamp since = Timestamp.from(clock.instant().minus(Duration.ofDays(Math.max(1, Math.min(days, 366)))));
        return jdbc.prepareStatement(sql, ps -> {
            ps.setTimestamp(1, since);
            if (!scope.all()) {
                ps.setArray(2, ps.getConnection().createArrayOf("varchar", scope.campaigns().toArray()));
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object v = rs.getObject(i);
                        row.add(v instanceof Number n ? (Object) (n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() : (Object) n.doubleValue()) : String.valueOf(v));
                    }
                    rows.add(row);
                }
            }
            return new Table(name, columns, rows);
        });
    }
}
