package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/**
 * The database refuses connections (as when PostgreSQL is down): requests answer 503 with Retry-After and no SQL text,
 * and the service answers again by itself once the database is back.
 */
@MicronautTest(transactional = false)
@Property(name = "datasources.default.connection-timeout", value = "1500")
@Property(name = "datasources.default.validation-timeout", value = "500")
class DatabaseDownIT extends ServiceTest {
    @Inject
    EmbeddedServer server;
    @Value("${datasources.default.url}")
    String url;
    @Value("${datasources.default.password}")
    String password;

    private HttpResponse<String> ask() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"db-down\",\"text\":\"what is the mobile residence card?\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private int health(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Runs SQL on another database of the same server (the service's own database is the one switched off). */
    private void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url.replaceFirst("/postgres(\\?|$)", "/template1$1"), "postgres", password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void answers503WhileTheDatabaseRefusesAndRecoversByItself() throws Exception {
        assertEquals(200, ask().statusCode());
        admin("alter database postgres allow_connections false");
        try {
            admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'postgres' and pid <> pg_backend_pid()");
            HttpResponse<String> down = ask();
            assertEquals(503, down.statusCode(), down.body());
            assertEquals(ServiceUnavailable.RETRY_AFTER_SECONDS, down.headers().firstValue("Retry-After").orElse(null));
            assertFalse(down.body().toLowerCase().contains("sql") || down.body().contains("postgres") || down.body().contains("connection"),
                    "no database detail reaches the client: " + down.body());
            // the process is alive (do not restart it), but not ready (send no traffic)
            assertEquals(200, health("/health/liveness"), "liveness");
            assertEquals(503, health("/health/readiness"), "readiness");
            // the pool's dead connections are gone by now: this request needs a new one, which the database refuses
            assertEquals(503, ask().statusCode(), "also when no connection can be opened");
            HttpResponse<String> session = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/webchat/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"lang\":\"en\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, session.statusCode(), "the shared rate limit needs the database too: " + session.body());
        } finally {
            admin("alter database postgres allow_connections true");
        }
        int status = 0;
        for (int i = 0; i < 20 && status != 200; i++) {
            status = ask().statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertEquals(200, status, "the service recovers without a restart");
    }
}
