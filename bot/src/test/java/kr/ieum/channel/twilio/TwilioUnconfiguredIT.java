package kr.ieum.channel.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.BeanContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;

/** Switched on but without an auth token: every webhook is refused (fail closed) and nothing is sent. */
@MicronautTest(transactional = false)
class TwilioUnconfiguredIT extends ServiceTest {
    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    BeanContext beans;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("ieum.public-url", "https://ieum.example.org");
        props.put("ieum.channels.twilio.enabled", "true");
        props.put("ieum.channels.twilio.auth-token", "");
        return props;
    }

    private int post(String path, Map<String, String> params, String signature) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(TwilioRequests.form(params), StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void refusesWebhooksSignedWithAnyTokenWhenNoneIsConfigured() throws Exception {
        String before = Sql.one(dataSource, "select count(*) from inbox");
        Map<String, String> sms = TwilioRequests.params("sms-vi.params");
        for (String token : new String[] {"", "12345678901234567890123456789012"}) {
            String signature = token.isEmpty() ? "x" : TwilioRequests.sign(token, "https://ieum.example.org/webhooks/twilio", sms);
            assertEquals(403, post("/webhooks/twilio", sms, signature));
        }
        Map<String, String> status = TwilioRequests.params("status-delivered.params", Map.of("sid", "SM" + "1".repeat(32)));
        assertEquals(403, post("/webhooks/twilio/status", status,
                TwilioRequests.sign("12345678901234567890123456789012", "https://ieum.example.org/webhooks/twilio/status", status)));
        assertEquals(before, Sql.one(dataSource, "select count(*) from inbox"));
    }

    @Test
    void bindsDefaultsAndNeverPrintsTheToken() {
        TwilioProperties p = beans.getBean(TwilioProperties.class);
        assertTrue(p.enabled());
        assertEquals("https://api.twilio.com", p.apiUrl());
        assertEquals(3, p.smsMaxSegments());
        assertEquals(3, p.smsMaxSegmentsUcs2());
        TwilioProperties secret = new TwilioProperties(true, "AC1", "s3cr3t-token", null, null, "https://api.twilio.com", 3, 3);
        assertFalse(secret.toString().contains("s3cr3t-token"));
    }

    @Test
    void refusesToSendWithoutCredentialsAsAPermanentFailure() {
        TwilioChannel channel = beans.getBean(TwilioChannel.class);
        Delivery d = new Delivery("twilio", "+84901234567", "vi",
                List.of(OutboundMessage.of(new LocalizedText("vi", "xin chào"))), Map.of("to", "+15005550006"));
        DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> channel.send(d));
        assertFalse(failed.retryable());
    }
}
