package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of a service that was killed (kill -9) keeps running and holds the data folder: the next
 * start stops it first instead of failing with "Gave up waiting for server to start".
 */
class DatabaseBootstrapIT {

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
