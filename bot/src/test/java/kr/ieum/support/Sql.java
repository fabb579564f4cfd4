package kr.ieum.support;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Plain JDBC look-ups for tests that check what was stored, outside any transaction of the service. */
public final class Sql {
    private Sql() {}

    /** The first column of the first row of {@code sql} as text (null when there is no row). */
    public static String one(DataSource dataSource, String sql, Object... params) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement (DDL or an update) outside any transaction of the service. */
    public static void execute(DataSource dataSource, String sql) {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
