package kr.ieum.support;

import io.micronaut.test.support.TestPropertyProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import kr.ieum.platform.DatabaseBootstrap;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of tests that run the whole service: one embedded PostgreSQL per test JVM (fresh data folder),
 * the real content and locales folders, a throw-away master key. Subclasses add {@code @MicronautTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceTest implements TestPropertyProvider {
    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("ieum-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>();
        DatabaseBootstrap.properties(Map.of(), DATA.resolve("postgres"), true).forEach((k, v) -> props.put(k, String.valueOf(v)));
        props.put("ieum.master-key", Base64.getEncoder().encodeToString(new byte[32]));
        return props;
    }

    /** The environment of a command or a second service on the test PostgreSQL's database at {@code url}. */
    protected Map<String, String> databaseEnv(String url) {
        Map<String, String> props = getProperties();
        return Map.of("DATABASE_URL", url, "DATABASE_USER", props.get("datasources.default.username"),
                "DATABASE_PASSWORD", props.get("datasources.default.password"));
    }

    /**
     * Starts a second service process ({@code java -jar}, the packaged jar) on this test's database and master key, on a
     * free port with its own data folder, and waits until it is ready; its log goes to a temporary file named in the
     * failure message if it never gets ready.
     *
     * @param jvmOptions system properties and other JVM options, before {@code -jar}
     * @param env        more environment (channels, provider stand-ins)
     */
    protected Replica startReplica(java.nio.file.Path jar, javax.sql.DataSource dataSource, java.util.List<String> jvmOptions,
            Map<String, String> env) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = Sql.one(dataSource, "select 'jdbc:postgresql://localhost:' || current_setting('port') || '/' || current_database()");
        java.nio.file.Path log = java.nio.file.Files.createTempFile("ieum-replica-", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java", "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(java.util.List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(databaseEnv(url));
        pb.environment().put("IEUM_MASTER_KEY", getProperties().get("ieum.master-key"));
        pb.environment().put("IEUM_DATA_DIR", java.nio.file.Files.createTempDirectory("ieum-replica-data-").toString());
        pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        pb.environment().putAll(env);
        Process process = pb.start();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://localhost:" + port;
        Await.until("the replica is ready (log: " + log + ")", java.time.Duration.ofSeconds(90), () -> {
            try {
                return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health/readiness")).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        return new Replica(process, base, log);
    }

    /** A second service process, its base URL and the file its log goes to. */
    protected record Replica(Process process, String url, java.nio.file.Path log) {}
}
