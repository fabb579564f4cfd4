package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL asks every connection for the password generated beside its data folder (owner-only), also
 * after a restart and after upgrading a folder from before passwords; and the one of a service that was killed (kill -9)
 * keeps running and holds the data folder: the next start stops it first instead of failing with "Gave up waiting for
 * server to start".
 */
class DatabaseBootstrapIT {

    private static Connection connect(int port, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        if (password != null) {
            props.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props);
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A TCP connection without the password, or with a wrong one, is refused; with it, it works. */
    private static void assertOnlyThePasswordOpens(int port, String password) throws SQLException {
        SQLException none = assertThrows(SQLException.class, () -> connect(port, null).close(), "no password");
        assertTrue(none.getMessage().contains("requested SCRAM-based authentication"), none.getMessage());
        SQLException empty = assertThrows(SQLException.class, () -> connect(port, "").close(), "an empty password");
        assertTrue(empty.getMessage().contains("requested SCRAM-based authentication"), empty.getMessage());
        SQLException wrong = assertThrows(SQLException.class, () -> connect(port, password + "x").close(), "a wrong password");
        assertEquals("28P01", wrong.getSQLState(), "the server refused it: " + wrong.getMessage());
        try (Connection c = connect(port, password)) {
            assertEquals("1", one(c, "select 1"));
        }
    }

    private static void assertOwnerOnly(Path file) throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void asksEveryConnectionForThePasswordKeptOwnerOnlyBesideTheDataFolderAlsoAfterARestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Path file = dir.resolve("postgres.password");
        EmbeddedPostgres first = DatabaseBootstrap.start(data, false);
        String password;
        try {
            assertTrue(Files.isRegularFile(file), "the password is kept beside the data folder");
            assertOwnerOnly(file);
            password = Files.readString(file).strip();
            assertTrue(password.length() >= 40, "32 random bytes");
            assertOnlyThePasswordOpens(first.getPort(), password);
            assertFalse(EmbeddedPassword.trusts(data.resolve("pg_hba.conf")));
            try (Connection c = connect(first.getPort(), password)) {
                assertEquals("localhost", one(c, "show listen_addresses"));
                assertEquals("0", one(c, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"));
            }
        } finally {
            first.close();
        }
        // someone made the file readable to others: the next start makes it owner-only again, and the password stays
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        EmbeddedPostgres again = DatabaseBootstrap.start(data, false);
        try {
            assertOwnerOnly(file);
            assertEquals(password, Files.readString(file).strip());
            assertOnlyThePasswordOpens(again.getPort(), password);
            // a command beside the running service (admin, content) reads the same file
            Map<String, Object> command = DatabaseBootstrap.forCommand(Map.of(), data);
            assertEquals("jdbc:postgresql://localhost:" + again.getPort() + "/postgres", command.get("datasources.default.url"));
            assertEquals(password, command.get("datasources.default.password"));
            try (Connection c = DatabaseBootstrap.connectForCommand(Map.of(), data)) {
                assertEquals("1", one(c, "select 1"));
            }
        } finally {
            again.close();
        }
    }

    @Test
    void upgradesAFolderFromBeforePasswords(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Path file = dir.resolve("postgres.password");
        // as earlier versions made it: initdb's trust for everyone, no password
        EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        try (Connection c = connect(old.getPort(), null)) {
            assertEquals("1", one(c, "select 1"), "anyone on this machine got in");
            try (Statement s = c.createStatement()) {
                s.execute("create table kept (v text); insert into kept values ('still here')");
            }
        } finally {
            old.close();
        }
        assertTrue(EmbeddedPassword.trusts(data.resolve("pg_hba.conf")));
        assertFalse(Files.exists(file));

        EmbeddedPostgres upgraded = DatabaseBootstrap.start(data, false);
        String password;
        try {
            assertOwnerOnly(file);
            password = Files.readString(file).strip();
            assertFalse(EmbeddedPassword.trusts(data.resolve("pg_hba.conf")), "pg_hba.conf rewritten");
            assertOnlyThePasswordOpens(upgraded.getPort(), password);
            try (Connection c = connect(upgraded.getPort(), password)) {
                assertEquals("still here", one(c, "select v from kept"));
                assertTrue(one(c, "select rolpassword from pg_authid where rolname = 'postgres'").startsWith("SCRAM-SHA-256$"));
            }
        } finally {
            upgraded.close();
        }
        EmbeddedPostgres restarted = DatabaseBootstrap.start(data, false);
        try {
            assertOnlyThePasswordOpens(restarted.getPort(), password);
        } finally {
            restarted.close();
        }
    }

    /** kill -9 of the service leaves its PostgreSQL running: the next start stops it and comes up with the password. */
    @Test
    void startsAgainWithThePasswordAfterAnOrphanIsStopped(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        EmbeddedPostgres orphan = DatabaseBootstrap.start(data, false);
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        DatabaseBootstrap.stopOrphan(data);
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the orphaned postgres was stopped");
        try {
            orphan.close(); // lets go of the folder's lock, which a killed JVM would have lost with it
        } catch (Exception e) {
            // already stopped
        }
        EmbeddedPostgres next = DatabaseBootstrap.start(data, false);
        try {
            assertOnlyThePasswordOpens(next.getPort(), Files.readString(dir.resolve("postgres.password")).strip());
        } finally {
            next.close();
        }
    }

    @Test
    void stopsAPostgresLeftRunningOnTheDataFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Files.createDirectories(data);
        // a server on this folder whose owner is gone, as after kill -9 of the service
        EmbeddedPostgres orphan = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        assertTrue(process.isPresent() && process.get().isAlive());
        DatabaseBootstrap.stopOrphan(data);
        assertFalse(process.get().isAlive(), "the orphaned postgres was stopped");
        try {
            orphan.close();
        } catch (Exception e) {
            // already stopped
        }
    }

    @Test
    void leavesAProcessAloneThatDoesNotServeThisFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Files.createDirectories(data);
        // a stale postmaster.pid naming this JVM (alive, but not a postgres) and another folder
        Files.write(data.resolve("postmaster.pid"), List.of(String.valueOf(ProcessHandle.current().pid()), dir.toString()));
        DatabaseBootstrap.stopOrphan(data);
        Files.write(data.resolve("postmaster.pid"), List.of(String.valueOf(ProcessHandle.current().pid()), data.toString()));
        DatabaseBootstrap.stopOrphan(data);
        assertTrue(ProcessHandle.current().isAlive());
    }
}
