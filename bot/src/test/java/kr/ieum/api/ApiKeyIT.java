package kr.ieum.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.console.AdminCommand;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;

/**
 * The API's keys, on a database of its own (a key there would lock every other test's requests out): without a key only
 * this machine may call, and only until the first key exists; then a key in force with the right scope is needed, at
 * most {@code ieum.api.rate} requests a minute; a revoked key stops working; keys are stored hashed.
 */
@MicronautTest
class ApiKeyIT extends ServiceTest {
    @Inject
    DataSource dataSource;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void onlyThisMachineUntilTheFirstKeyThenOnlyKeysInForceWithTheirScope() throws Exception {
        String db = "api_keys_" + System.nanoTime();
        Sql.execute(dataSource, "create database " + db);
        String url = Sql.one(dataSource, "select 'jdbc:postgresql://localhost:' || current_setting('port') || '/" + db + "'");
        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("datasources.default.url", url);
        props.put("micronaut.server.port", "-1");
        props.put("ieum.channels.poll", "1h");
        props.put("ieum.enrollment.reminder-poll", "1h");
        props.put("ieum.api.rate", "3");
        Map<String, String> env = databaseEnv(url);
        try (ApplicationContext ctx = ApplicationContext.run(props)) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            String base = server.getURL().toString();
            assertEquals(200, post(base, "/api/v1/messages", null, null).statusCode(), "this machine, no key yet");
            assertEquals(401, post(base, "/api/v1/messages", null, "203.0.113.9").statusCode(), "a request passed on by a proxy is not local");

            String key = capture(() -> AdminCommand.run(new String[] {"admin", "create-api-key", "partner-app", "--scopes", "messages"}, env, Path.of("unused")));
            assertTrue(key.startsWith("ieum_") && key.length() > 40, key);
            String languageOnly = capture(() -> AdminCommand.run(new String[] {"admin", "create-api-key", "detector", "--scopes", "language"}, env, Path.of("unused")));

            kr.ieum.support.Await.until("once a key exists (within a second), this machine needs one too",
                    () -> status(base, "/api/v1/messages") == 401);
            assertEquals(401, post(base, "/api/v1/messages", "ieum_wrong", null).statusCode());
            assertEquals(403, post(base, "/api/v1/messages", languageOnly, null).statusCode(), "a key for language detection only");
            HttpResponse<String> ok = post(base, "/api/v1/messages", key, null);
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ok.body().contains("\"outcome\""));
            assertEquals(200, post(base, "/api/v1/messages", key, null).statusCode());
            assertEquals(200, post(base, "/api/v1/messages", key, null).statusCode());
            HttpResponse<String> limited = post(base, "/api/v1/messages", key, null);
            assertEquals(429, limited.statusCode(), "three a minute in this test");
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElse("0"));
            assertTrue(retryAfter >= 1 && retryAfter <= 20, "a token comes back every 20 s at three a minute: " + retryAfter);

            assertEquals(0, AdminCommand.run(new String[] {"admin", "revoke-api-key", "detector"}, env, Path.of("unused")));
            assertEquals(401, post(base, "/api/v1/language", languageOnly, null).statusCode(), "revoked");
        }
        org.postgresql.ds.PGSimpleDataSource own = new org.postgresql.ds.PGSimpleDataSource();
        own.setURL(url);
        own.setUser("postgres");
        own.setPassword(getProperties().get("datasources.default.password"));
        assertEquals("0", Sql.one(own, "select count(*) from api_key where key_hash like 'ieum_%'"), "only hashes are stored");
        assertEquals("2", Sql.one(own, "select count(*) from audit_log where action = 'apikey.create'"));
    }

    private int status(String base, String path) {
        try {
            return post(base, path, null, null).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String base, String path, String key, String forwardedFor) throws Exception {
        String body = path.endsWith("language") ? "{\"text\":\"xin chào\"}" : "{\"from\":\"api-key-test\",\"text\":\"hello\"}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a command and answers the key it printed on standard output; fails unless it exits 0. */
    private static String capture(java.util.concurrent.Callable<Integer> command) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, command.call());
        } finally {
            System.setOut(saved);
        }
        // the log may write to standard output too: the key is the line of its own
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ieum_")).findFirst().orElse("");
    }
}
