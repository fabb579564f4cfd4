package kr.ieum.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import kr.ieum.support.Await;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A new request for a person is mailed to the agents' address through real SMTP (GreenMail): language, channel, link; never the resident's words. */
@MicronautTest
class AgentNotifyIT extends ServiceTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP);

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("ieum.channels.email.smtp-host", "127.0.0.1");
        props.put("ieum.channels.email.smtp-port", String.valueOf(ServerSetupTest.SMTP.getPort()));
        props.put("ieum.channels.email.smtp-starttls", "false");
        props.put("ieum.channels.email.from", "bot@ieum.example");
        props.put("ieum.handoff.notify-email", "agents@ieum.example");
        props.put("ieum.public-url", "https://ieum.example");
        return props;
    }

    @Test
    void agentsAreMailedANewRequestWithoutTheResidentsWords() throws Exception {
        Chat resident = new Chat(client, "notify-" + System.nanoTime(), "vi");
        resident.says("thẻ của tôi bị khóa, số 900101-5123456");
        resident.says("HUMAN");
        Await.until("the agents' mail arrives", () -> GREENMAIL.getReceivedMessages().length >= 1);
        MimeMessage mail = GREENMAIL.getReceivedMessages()[0];
        assertEquals("agents@ieum.example", mail.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(mail.getSubject().contains("(vi)"), mail.getSubject());
        assertTrue(body.contains("https://ieum.example/console/inbox/"), body);
        assertFalse(body.contains("khóa") || body.contains("900101"), "no resident's words in the mail");
        // asking again does not file (or mail) a second request
        resident.says("HUMAN");
        Thread.sleep(500);
        assertEquals(1, GREENMAIL.getReceivedMessages().length);
    }
}
