package kr.ieum.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's superuser password: generated on the first start into {@code <data>/postgres.password}
 * (beside the data folder and the master key, owner-only from its first byte), never logged. Every connection, over TCP
 * and over the local socket, must give it ({@code scram-sha-256} in pg_hba.conf). A data folder from before passwords
 * (initdb's {@code trust} for everyone) is upgraded on start.
 */
final class EmbeddedPassword {
    static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String SCRAM = "scram-sha-256";
    /** As initdb writes it with {@code --auth=scram-sha-256}; nothing uses the socket, so it asks for the password too. */
    private static final List<String> HBA = List.of(
            "# Written by Ieum: every connection to the embedded PostgreSQL gives the password kept beside its data folder.",
            "# TYPE  DATABASE        USER            ADDRESS                 METHOD",
            "local   all             all                                     " + SCRAM,
            "host    all             all             127.0.0.1/32            " + SCRAM,
            "host    all             all             ::1/128                 " + SCRAM,
            "local   replication     all                                     " + SCRAM,
            "host    replication     all             127.0.0.1/32            " + SCRAM,
            "host    replication     all             ::1/128                 " + SCRAM);

    private EmbeddedPassword() {}

    /** {@code data/postgres} → {@code data/postgres.password}: outside the folder, which initdb wants empty. */
    static Path file(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + ".password");
    }

    /** The password in {@code file}, if there is one (a command connecting to a running service's database). */
    static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()).filter(p -> !p.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The password in {@code file}, generating it on the first start. */
    static String readOrCreate(Path file) {
        try {
            Optional<String> existing = read(file);
            if (existing.isPresent()) {
                ownerOnly(file);
                return existing.get();
            }
            // an empty file is what a start killed between making and writing it leaves: that password was never used
            Files.deleteIfExists(file);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            // letters, digits, - and _: safe as initdb's --pwfile line, in a JDBC property and in a psql prompt
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                // owner-only from the first byte: no moment in which another local user could read it
                Files.createFile(file, ownerOnlyAttribute(file));
            } catch (FileAlreadyExistsException e) {
                // another start made it a moment ago (and holds the data folder's lock): its password is the one
                return read(file).orElseThrow(() -> new IllegalStateException(file + " is empty"));
            }
            Files.writeString(file, generated);
            LOG.info("The embedded PostgreSQL's password was generated into {}", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    /**
     * Upgrades a cluster made before passwords: while its pg_hba.conf still trusts a connection, sets the superuser's
     * password (sent as a SCRAM verifier, never in clear), then requires it everywhere and reloads. Nothing happens for a
     * cluster that asks already. The server is reachable without a password only while it starts, as it always was.
     */
    static void requireOn(Path dataDir, int port, String password) {
        Path hba = dataDir.resolve("pg_hba.conf");
        try {
            if (!trusts(hba)) {
                return;
            }
            LOG.warn("The embedded PostgreSQL in {} accepted local connections without a password: it now requires the one in {}",
                    dataDir.toAbsolutePath(), file(dataDir));
            String url = "jdbc:postgresql://localhost:" + port + "/postgres";
            try (Connection c = DriverManager.getConnection(url, USER, password)) {
                c.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), SCRAM);
                // the password first, then the rule: a crash in between leaves a cluster that trusts, upgraded next start
                writeHba(hba);
                try (Statement s = c.createStatement()) {
                    s.execute("select pg_reload_conf()");
                }
            }
            awaitPasswordRequired(url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + hba, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the embedded PostgreSQL's password: " + e.getMessage(), e);
        }
    }

    /** True when a rule of pg_hba.conf lets a connection in without a password ({@code trust}). */
    static boolean trusts(Path hba) throws IOException {
        return Files.readAllLines(hba).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .anyMatch(line -> Arrays.asList(line.split("\\s+")).contains("trust"));
    }

    private static void writeHba(Path hba) throws IOException {
        Path next = Files.createTempFile(hba.getParent(), "pg_hba", ".conf", ownerOnlyAttribute(hba));
        Files.write(next, HBA);
        Files.move(next, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** pg_reload_conf() only signals the server: wait until a connection without a password is refused. */
    private static void awaitPasswordRequired(String url) throws SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, USER, "")) {
                sleep();
            } catch (SQLException e) {
                return; // pgjdbc: "the server requested SCRAM-based authentication, but the password is an empty string"
            }
        }
        throw new SQLException("PostgreSQL still accepts connections without a password after reloading pg_hba.conf");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A password file someone made readable to others is made owner-only again, with a warning. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.warn("{} could be read by other users: made readable by its owner only", file);
            }
        } catch (UnsupportedOperationException e) {
            LOG.debug("no POSIX permissions on this file system");
        }
    }

    private static FileAttribute<?>[] ownerOnlyAttribute(Path file) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }
}
