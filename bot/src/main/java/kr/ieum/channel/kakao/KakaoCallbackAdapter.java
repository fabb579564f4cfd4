package kr.ieum.channel.kakao;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import kr.ieum.channel.Capability;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;

/**
 * KakaoTalk's only way to answer outside the skill response: POST the full skill response to the one-time
 * callback URL Kakao gave with the request (valid about a minute). Without one, a resident cannot be reached
 * (Kakao has no push API for skills), so such a delivery fails for good.
 */
@Singleton
@Requires(property = "ieum.channels.kakao.enabled", value = "true")
class KakaoCallbackAdapter implements ChannelAdapter {
    static final String CHANNEL = "kakao";
    static final String CALLBACK_URL = "callback_url";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final KakaoResponses responses;
    private final JsonMapper json;
    private final CallbackHosts hosts;

    KakaoCallbackAdapter(KakaoResponses responses, JsonMapper json, KakaoProperties properties) {
        this.responses = responses;
        this.json = json;
        this.hosts = new CallbackHosts(properties.callbackHosts());
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.BUTTONS);
    }

    /** No reminders: a skill can only answer the request it got. */
    @Override
    public boolean proactive() {
        return false;
    }

    @Override
    public String send(Delivery delivery) {
        String url = delivery.context(CALLBACK_URL);
        if (!hosts.allows(url)) {
            throw new DeliveryFailed("KakaoTalk reply without a usable callback URL: Kakao offers no other way to reach "
                    + "the resident", false);
        }
        byte[] body = responses.render(delivery.messages(), delivery.language()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url.strip())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new DeliveryFailed("Kakao callback unreachable: " + e.getClass().getSimpleName(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while calling the Kakao callback", true, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw DeliveryFailed.forStatus("Kakao callback", response.statusCode());
        }
        return taskId(response.body());
    }

    /** Kakao answers {@code {"taskId": ..., "status": "SUCCESS" | "FAIL", ...}}; FAIL means the URL was spent or expired. */
    private String taskId(byte[] body) {
        JsonNode reply;
        try {
            reply = body == null || body.length == 0 ? null : json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (reply == null || !reply.isObject()) {
            return null;
        }
        JsonNode status = reply.get("status");
        if (status != null && status.isString() && status.getStringValue().equals("FAIL")) {
            throw new DeliveryFailed("Kakao callback refused the response (status FAIL)", false);
        }
        JsonNode task = reply.get("taskId");
        return task == null || task.isNull() || task.isContainerNode() ? null : task.coerceStringValue();
    }
}
