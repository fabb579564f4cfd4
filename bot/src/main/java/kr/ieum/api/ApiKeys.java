package kr.ieum.api;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys for programs that talk to Ieum ({@code /api/v1/messages}, {@code /api/v1/language}): a random 256-bit secret
 * shown once when created ({@code admin create-api-key}), stored only as its SHA-256, with scopes, revocable.
 */
@Singleton
public class ApiKeys {
    public static final Set<String> SCOPES = Set.of("messages", "language");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcOperations jdbc;

    ApiKeys(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A key that is in force: its name (for logs and limits) and scopes. */
    public record Key(String name, Set<String> scopes) {}

    /** The key in force whose secret is {@code presented}, if any. */
    @Transactional
    public Optional<Key> find(String presented) {
        return jdbc.prepareStatement("select name, scopes from api_key where key_hash = ? and revoked_at is null", ps -> {
            ps.setString(1, hash(presented));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Key(rs.getString(1), Set.of(rs.getString(2).split(",")))) : Optional.empty();
            }
        });
    }

    /** True when at least one key is in force (then no request goes without one). */
    @Transactional
    public boolean any() {
        return jdbc.prepareStatement("select exists (select 1 from api_key where revoked_at is null)", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    /** Creates a key; answers its secret (shown once, never stored). */
    public static String create(Connection c, String name, Set<String> scopes, Instant now) throws SQLException {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = "ieum_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (PreparedStatement ps = c.prepareStatement("insert into api_key (name, key_hash, scopes, created_at) values (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, hash(key));
            ps.setString(3, String.join(",", scopes.stream().sorted().toList()));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
        }
        return key;
    }

    /** Revokes the key called {@code name}; answers whether one was in force. */
    public static boolean revoke(Connection c, String name, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update api_key set revoked_at = ? where name = ? and revoked_at is null")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        }
    }

    /** Every key (name, scopes, created, revoked), never a secret. */
    public static List<String> list(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select name, scopes, created_at, revoked_at from api_key order by name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + "\t" + rs.getString(2) + "\tcreated " + rs.getTimestamp(3).toInstant()
                        + (rs.getTimestamp(4) == null ? "" : "\trevoked " + rs.getTimestamp(4).toInstant()));
            }
        }
        return out;
    }

    public static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select 1 from api_key where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
