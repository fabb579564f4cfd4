package kr.ieum.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** /prometheus for the scraper with the token only, with the turn counters, latency histogram and handoff gauges. */
@MicronautTest
@Property(name = "ieum.metrics.token", value = "scrape-me-0123456789")
class MetricsIT extends ServiceTest {
    @Inject
    EmbeddedServer server;
    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void onlyTheScraperWithTheTokenReadsTheMetrics() throws Exception {
        new Chat(client, "metrics-" + System.nanoTime(), "vi").says("thẻ cư trú di động là gì?");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI uri = URI.create(server.getURL() + "/prometheus");
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer scrape-me-0123456789").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().lines().anyMatch(l -> l.startsWith("ieum_turns_total{") && l.contains("language=\"vi\"")), "turns by language");
        assertTrue(ok.body().contains("ieum_turn_duration_seconds_bucket"), "a latency histogram");
        assertTrue(ok.body().contains("ieum_handoffs_waiting"), "handoffs waiting");
    }
}
