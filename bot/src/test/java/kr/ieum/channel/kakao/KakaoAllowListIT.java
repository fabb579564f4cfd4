package kr.ieum.channel.kakao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.support.Golden;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** With KAKAO_ALLOWED_CIDRS set, a request from elsewhere is refused even with the right secret. */
@MicronautTest(transactional = false)
class KakaoAllowListIT extends ServiceTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    ChannelDispatcher dispatcher;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = super.getProperties();
        props.put("ieum.channels.kakao.enabled", "true");
        props.put("ieum.channels.kakao.skill-secret", "test-kakao-secret-allow");
        // a documentation block: the test client (loopback) is outside it
        props.put("ieum.channels.kakao.allowed-cidrs", "203.0.113.0/24");
        return props;
    }

    @Test
    void refusesARequestFromOutsideTheAllowListAndStoresNothing() {
        long inbox = dispatcher.inboxCount("kakao", "new") + dispatcher.inboxCount("kakao", "done");
        byte[] body = Golden.load("kakao/skill-request.json").getBytes(StandardCharsets.UTF_8);
        int status;
        try {
            status = client.toBlocking().exchange(HttpRequest.POST("/webhooks/kakao", body)
                    .contentType(MediaType.APPLICATION_JSON_TYPE).header("X-Ieum-Kakao-Secret", "test-kakao-secret-allow"),
                    String.class).code();
        } catch (HttpClientResponseException e) {
            status = e.code();
        }
        assertEquals(403, status);
        assertEquals(inbox, dispatcher.inboxCount("kakao", "new") + dispatcher.inboxCount("kakao", "done"));
    }
}
