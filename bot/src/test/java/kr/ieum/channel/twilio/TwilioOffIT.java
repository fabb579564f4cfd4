package kr.ieum.channel.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micronaut.context.BeanContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** By default (TWILIO_ENABLED unset) the channel is off: no webhook, no sender. */
@MicronautTest(transactional = false)
class TwilioOffIT extends ServiceTest {
    @Inject
    EmbeddedServer server;
    @Inject
    BeanContext beans;

    @Test
    void hasNoWebhookAndNoSenderWhenSwitchedOff() throws Exception {
        Map<String, String> sms = TwilioRequests.params("sms-vi.params");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/webhooks/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TwilioRequests.form(sms), StandardCharsets.UTF_8)).build();
        assertEquals(404, HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertFalse(beans.containsBean(TwilioChannel.class));
    }
}
