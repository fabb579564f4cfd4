package kr.ieum.channel.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import kr.ieum.channel.InboundEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LINE webhook bodies (golden files) → envelopes. */
class LineEventMapperTest {
    private final LineEventMapper mapper = new LineEventMapper(ObjectMapper.getDefault());

    static byte[] golden(String name) {
        try (InputStream in = LineEventMapperTest.class.getResourceAsStream("/webhooks/line/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InboundEnvelope one(String name) {
        List<LineInbound> events = mapper.read(golden(name));
        assertEquals(1, events.size());
        return assertInstanceOf(LineInbound.Accepted.class, events.get(0)).envelope();
    }

    @Test
    void mapsATextMessageAndKeepsTheReplyTokenAndTime() {
        InboundEnvelope env = one("message-text-th.json");
        assertEquals("line", env.channel());
        assertEquals("01FZ74A0TDDPYRVKNK77XKC3ZR", env.providerId());
        assertEquals("U4af4980629c1d1e2f3a4b5c6d7e8f901", env.address());
        assertEquals("บัตรต่างด้าวบนมือถือคืออะไร", env.text());
        assertFalse(env.nonText());
        assertNull(env.localeHint());
        assertEquals("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", env.context().get(LineEventMapper.CONTEXT_REPLY_TOKEN));
        assertEquals("1462629479859", env.context().get(LineEventMapper.CONTEXT_TIMESTAMP));
    }

    @Test
    void aRedeliveryHasTheSameKey() {
        assertEquals(one("message-text-th.json").providerId(), one("message-text-th-redelivery.json").providerId());
    }

    @Test
    void fallsBackToTheMessageIdWithoutAWebhookEventId() {
        String body = new String(golden("message-text-th.json"), StandardCharsets.UTF_8)
                .replace("\"webhookEventId\": \"01FZ74A0TDDPYRVKNK77XKC3ZR\",", "");
        List<LineInbound> events = mapper.read(body.getBytes(StandardCharsets.UTF_8));
        assertEquals("message:444573844083572737", assertInstanceOf(LineInbound.Accepted.class, events.get(0)).envelope().providerId());
    }

    @Test
    void mapsStickersAndImagesToNonText() {
        assertTrue(one("message-sticker.json").nonText());
        assertTrue(one("message-image.json").nonText());
        assertEquals("", one("message-image.json").text());
    }

    @Test
    void mapsAPostbackToTheOptionKeyAndAFollowToStart() {
        assertEquals("1", one("postback.json").text());
        assertEquals("/start", one("follow.json").text());
    }

    /** Found by the fuzz bench: an empty user id was accepted, and its turn failed at every retry. */
    @Test
    void skipsAnEventWithAnEmptyUserId() {
        String body = new String(golden("message-text-th.json"), StandardCharsets.UTF_8).replace("U4af4980629c1d1e2f3a4b5c6d7e8f901", "");
        assertInstanceOf(LineInbound.Unknown.class, mapper.read(body.getBytes(StandardCharsets.UTF_8)).get(0));
    }

    @Test
    void skipsOtherEventsAndAcceptsTheConsolesEmptyVerify() {
        assertInstanceOf(LineInbound.Unknown.class, mapper.read(golden("unfollow.json")).get(0));
        assertTrue(mapper.read(golden("verify.json")).isEmpty());
        String standby = new String(golden("message-text-th.json"), StandardCharsets.UTF_8).replace("\"active\"", "\"standby\"");
        assertInstanceOf(LineInbound.Unknown.class, mapper.read(standby.getBytes(StandardCharsets.UTF_8)).get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "null", "{\"events\":\"x\"}", "{\"events\":[{\"type\":7,\"source\":[]}]}"})
    void rejectsWhatIsNotAWebhook(String body) {
        LineEventMapper.MalformedWebhook e = assertThrows(LineEventMapper.MalformedWebhook.class,
                () -> mapper.read(body.getBytes(StandardCharsets.UTF_8)));
        // the message is the 400's body: it names neither the parser's exception nor what the parser said
        assertTrue(e.getMessage().matches("[a-zA-Z ]+"), e.getMessage());
    }
}
