package kr.ieum.console;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who changed what, when: one row per change made through the console or {@code ieum admin}. */
@Singleton
public class AuditLog {
    private final JdbcOperations jdbc;
    private final Clock clock;

    AuditLog(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One entry; {@code detail} is a short description, never a password or a resident's text. */
    public record Entry(long id, Instant at, String actor, String action, String target, String detail) {}

    @Transactional
    public void record(String actor, String action, String target, String detail) {
        try {
            record(jdbc.getConnection(), clock.instant(), actor, action, target, detail);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional
    public List<Entry> recent(int limit) {
        return jdbc.prepareStatement("select id, at, actor, action, target, detail from audit_log order by id desc limit ?", ps -> {
            ps.setInt(1, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return out;
        });
    }

    static void record(Connection c, Instant at, String actor, String action, String target, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into audit_log (at, actor, action, target, detail) values (?, ?, ?, ?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail);
            ps.executeUpdate();
        }
    }
}
