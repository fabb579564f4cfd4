package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import kr.ieum.support.Await;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as a newcomer types it: {@code java -jar ieum-bot.jar} with no database configured starts its
 * embedded PostgreSQL (on a thread of its own while the context starts: the datasource waits for it) and answers; a
 * stop closes the service before its database (no connection cut under it); a start whose embedded database cannot
 * come up ends with the reason, instead of hanging or starting half.
 */
class EmbeddedStartIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsWithItsEmbeddedDatabaseAndAnswersThenAStartThatCannotOpenItEndsWithTheReason(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target/ieum-bot.jar").toAbsolutePath();
        Assumptions.assumeTrue(Files.exists(jar), "needs the packaged jar (mvn verify builds it before the integration tests)");
        Path data = dir.resolve("data");
        int port = freePort();
        Process first = start(jar, data, port, dir.resolve("first.log"));
        try {
            String base = "http://localhost:" + port;
            Await.until("ready (log: " + dir.resolve("first.log") + ")", Duration.ofSeconds(120), () -> status(base + "/health/readiness") == 200);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/messages"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"newcomer\",\"text\":\"what is the mobile residence card?\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"topic\":\"mobile-id-overview\""), "answered from the knowledge base: " + answer.body());
        } finally {
            first.destroy();
            assertTrue(first.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
        }
        assertFalse(DatabaseBootstrap.runningPort(data.resolve("postgres")).isPresent(), "its PostgreSQL stopped with it");
        String stopped = Files.readString(dir.resolve("first.log"), StandardCharsets.UTF_8);
        String stop = stopped.substring(Math.max(0, stopped.indexOf("shutting down")));
        assertFalse(stop.contains(" WARN ") || stop.contains(" ERROR "),
                "its PostgreSQL stopped after the service, which closed its connections first (nothing failed on the way): " + stop);

        Files.writeString(data.resolve("postgres.password"), "not-the-password\n", StandardCharsets.UTF_8);
        Path log = dir.resolve("second.log");
        Process second = start(jar, data, freePort(), log);
        try {
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "a start that cannot open its database ends");
            assertTrue(second.exitValue() != 0, "and says it failed");
            String said = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(said.contains("refuses the password in"), "with the reason: " + said.substring(Math.max(0, said.length() - 3000)));
        } finally {
            second.destroyForcibly();
        }
        assertFalse(DatabaseBootstrap.runningPort(data.resolve("postgres")).isPresent(), "and leaves no PostgreSQL running");
    }

    private static Process start(Path jar, Path data, int port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().put("IEUM_DATA_DIR", data.toString());
        pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        return pb.start();
    }

    private int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
