package kr.ieum.console;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Staff accounts in PostgreSQL. The SQL is static so that {@code ieum admin} uses the same on a plain connection. */
@Singleton
public class AccountStore {
    private static final String COLUMNS = "id, username, display_name, roles, failed_logins, locked_until, disabled, created_at, last_login";
    private final JdbcOperations jdbc;

    AccountStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Optional<Account> find(String username) {
        return find(jdbc.getConnection(), username);
    }

    @Transactional
    public List<Account> all() {
        return jdbc.prepareStatement("select " + COLUMNS + " from staff_account order by username", ps -> {
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        });
    }

    /** The stored hash, for checking a password (null when there is no such account). */
    @Transactional
    String hash(String username) {
        return jdbc.prepareStatement("select password_hash from staff_account where username = ?", ps -> {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Transactional
    public Account create(String username, String displayName, String passwordHash, Set<Role> roles, Instant now) {
        try {
            return create(jdbc.getConnection(), username, displayName, passwordHash, roles, now);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A failed login: counts it and, at {@code maxFailures}, locks the account until {@code lockUntil}. */
    @Transactional
    public int failed(String username, int maxFailures, Instant lockUntil) {
        return jdbc.prepareStatement("update staff_account set failed_logins = failed_logins + 1, "
                + "locked_until = case when failed_logins + 1 >= ? then ? else locked_until end where username = ? "
                + "returning failed_logins", ps -> {
            ps.setInt(1, maxFailures);
            ps.setTimestamp(2, Timestamp.from(lockUntil));
            ps.setString(3, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Transactional
    public void succeeded(String username, Instant now) {
        jdbc.prepareStatement("update staff_account set failed_logins = 0, locked_until = null, last_login = ? where username = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, username);
            return ps.executeUpdate();
        });
    }

    @Transactional
    public void unlock(String username) {
        jdbc.prepareStatement("update staff_account set failed_logins = 0, locked_until = null where username = ?", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate();
        });
    }

    /**
     * A community association's request for a partner account: created disabled, in its organisation, with the note staff
     * use to check who asked; all or nothing. False when the username is taken.
     */
    @Transactional
    public boolean request(String username, String displayName, String passwordHash, String organisation, String note, Instant now) {
        Connection c = jdbc.getConnection();
        try {
            if (find(c, username).isPresent()) {
                return false;
            }
            create(c, username, displayName, passwordHash, EnumSet.of(Role.PARTNER), now);
            try (PreparedStatement ps = c.prepareStatement("with o as (insert into organisation (name) values (?) on conflict (name) "
                    + "do update set name = excluded.name returning id) update staff_account set disabled = true, request_note = ?, "
                    + "organisation_id = (select id from o) where username = ?")) {
                ps.setString(1, organisation);
                ps.setString(2, note);
                ps.setString(3, username);
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new io.micronaut.data.exceptions.DataAccessException("saving the request of " + username + " failed", e);
        }
    }

    /** Requests waiting for an admin: username → note. */
    @Transactional
    public Map<String, String> requests() {
        return jdbc.prepareStatement("select username, request_note from staff_account where request_note is not null order by created_at", ps -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /** Approves a request (the account can sign in); false when there is no such request. */
    @Transactional
    public boolean approve(String username) {
        return jdbc.prepareStatement("update staff_account set disabled = false, request_note = null where username = ? "
                + "and request_note is not null", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate() == 1;
        });
    }

    /** Refuses a request: the account is deleted; false when there is no such request. */
    @Transactional
    public boolean refuse(String username) {
        return jdbc.prepareStatement("delete from staff_account where username = ? and request_note is not null", ps -> {
            ps.setString(1, username);
            return ps.executeUpdate() == 1;
        });
    }

    static Optional<Account> find(Connection c, String username) {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from staff_account where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Account create(Connection c, String username, String displayName, String passwordHash, Set<Role> roles,
            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into staff_account (username, display_name, password_hash, "
                + "roles, created_at) values (?, ?, ?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setString(3, passwordHash);
            ps.setString(4, Role.format(roles));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
        return find(c, username).orElseThrow();
    }

    private static Account account(ResultSet rs) throws SQLException {
        Timestamp locked = rs.getTimestamp(6);
        Timestamp last = rs.getTimestamp(9);
        return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)), rs.getInt(5),
                locked == null ? null : locked.toInstant(), rs.getBoolean(7), rs.getTimestamp(8).toInstant(),
                last == null ? null : last.toInstant());
    }
}
