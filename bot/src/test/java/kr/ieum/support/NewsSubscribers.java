package kr.ieum.support;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.platform.AddressCipher;

/** Residents who said yes to news, written straight to the database in one transaction (thousands in a second). */
public final class NewsSubscribers {
    private NewsSubscribers() {}

    /** Contacts on {@code channel}, one per address with its language, each with a yes to news. */
    public static void subscribe(DataSource dataSource, AddressCipher cipher, String channel, Map<String, String> languageOf)
            throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("with x as (insert into contact (channel, address_hash, address_enc, language, "
                    + "first_seen, last_seen) values (?, ?, ?, ?, ?, ?) returning id) "
                    + "insert into news_consent (contact_id, channel, given_at, given_by) select id, ?, ?, 'command' from x")) {
                for (Map.Entry<String, String> e : languageOf.entrySet()) {
                    ps.setString(1, channel);
                    ps.setString(2, cipher.hash(channel, e.getKey()));
                    ps.setBytes(3, cipher.encrypt(e.getKey()));
                    ps.setString(4, e.getValue());
                    ps.setTimestamp(5, now);
                    ps.setTimestamp(6, now);
                    ps.setString(7, channel);
                    ps.setTimestamp(8, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }
}
