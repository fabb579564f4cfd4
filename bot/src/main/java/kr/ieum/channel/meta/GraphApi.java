package kr.ieum.channel.meta;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.channel.Signatures;

/**
 * POSTs to the Graph API ({@code ieum.channels.meta.graph-url}) with a bearer token (never in the URL, so it
 * stays out of access logs) and maps refusals to {@link DeliveryFailed}. Error messages name the HTTP status
 * and Graph error code only: Graph's own error text can quote the recipient.
 */
@Singleton
class GraphApi {
    /** Graph error codes worth retrying: app rate limit (4), WhatsApp account and throughput limits. */
    private static final Set<Integer> RETRYABLE_CODES = Set.of(4, 80007, 130429);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json;
    private final String base;

    GraphApi(JsonMapper json, MetaProperties properties) {
        this.json = json;
        String url = properties.graphUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Sends {@code body} as JSON to {@code path}; answers Graph's JSON reply. */
    JsonNode post(String path, String token, Map<String, Object> body) {
        if (!Signatures.configured(token)) {
            throw new DeliveryFailed("Graph API token for " + path + " is not configured", false);
        }
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token.strip())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryFailed("Graph API unreachable: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while calling the Graph API", true, e);
        }
        JsonNode reply = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            Integer code = errorCode(reply);
            throw failure(response.statusCode(), code);
        }
        return reply;
    }

    /** Classifies a Graph refusal: 408, 429, 5xx and rate-limit error codes are retried, the rest dead-lettered. */
    static DeliveryFailed failure(int status, Integer code) {
        boolean retry = status == 408 || status == 429 || status >= 500 || (code != null && RETRYABLE_CODES.contains(code));
        return new DeliveryFailed("Graph API answered HTTP " + status + (code == null ? "" : " (error code " + code + ")"), retry);
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : json.readValue(body, JsonNode.class);
            return node == null ? JsonNode.createObjectNode(Map.of()) : node;
        } catch (IOException | RuntimeException e) {
            return JsonNode.createObjectNode(Map.of());
        }
    }

    private static Integer errorCode(JsonNode reply) {
        String code = MetaPayloadMapper.text(reply.isObject() ? reply.get("error") : null, "code");
        if (code == null || !code.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(code);
    }
}
