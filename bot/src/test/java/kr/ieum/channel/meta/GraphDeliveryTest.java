package kr.ieum.channel.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.ieum.channel.ChannelAdapter;
import kr.ieum.channel.Delivery;
import kr.ieum.channel.DeliveryFailed;
import kr.ieum.channel.TextChunks;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.support.StandInServer;
import org.junit.jupiter.api.Test;

/** Graph error classification, WhatsApp's 24-hour window and text splitting, without the service. */
class GraphDeliveryTest {

    @Test
    void retriesRateLimitsAndServerErrorsOnly() {
        assertTrue(GraphApi.failure(429, null).retryable());
        assertTrue(GraphApi.failure(500, 2).retryable());
        assertTrue(GraphApi.failure(503, null).retryable());
        assertTrue(GraphApi.failure(400, 4).retryable(), "application request limit");
        assertTrue(GraphApi.failure(400, 80007).retryable(), "WhatsApp account rate limit");
        assertFalse(GraphApi.failure(400, 100).retryable(), "invalid parameter");
        assertFalse(GraphApi.failure(401, 190).retryable(), "expired token");
        assertFalse(GraphApi.failure(400, 131047).retryable(), "re-engagement needed");
        assertFalse(GraphApi.failure(403, 10).retryable(), "permission denied");
        assertEquals("Graph API answered HTTP 400 (error code 100)", GraphApi.failure(400, 100).getMessage());
    }

    @Test
    void theWindowIsTwentyFourHoursFromTheResidentsLastMessage() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertTrue(WhatsAppCloudAdapter.withinWindow(String.valueOf(now.minusSeconds(60).getEpochSecond()), now));
        assertTrue(WhatsAppCloudAdapter.withinWindow(String.valueOf(now.minusSeconds(24 * 3600 - 1).getEpochSecond()), now));
        assertFalse(WhatsAppCloudAdapter.withinWindow(String.valueOf(now.minusSeconds(24 * 3600).getEpochSecond()), now));
        assertFalse(WhatsAppCloudAdapter.withinWindow(null, now), "unknown time: treat the window as closed");
        assertFalse(WhatsAppCloudAdapter.withinWindow("yesterday", now));
    }

    @Test
    void deadLettersAClosedWindowWithoutTemplateAndCallsNothing() {
        try (StandInServer graph = StandInServer.start(c -> new StandInServer.Reply(200, "{\"messages\":[{\"id\":\"x\"}]}"))) {
            MetaProperties properties = new MetaProperties(true, "s", "v", "p", "w", graph.url(), null, "en_US");
            WhatsAppCloudAdapter adapter = new WhatsAppCloudAdapter(new GraphApi(JsonMapper.createDefault(), properties),
                    properties, null, kr.ieum.channel.PublicUrl.fixed("https://ieum.example"));
            String dayOld = String.valueOf(Instant.now().minusSeconds(25 * 3600).getEpochSecond());
            Delivery delivery = new Delivery("whatsapp-cloud", "9779812345678", "ne",
                    List.of(OutboundMessage.of(new LocalizedText("ne", "नमस्ते"))),
                    Map.of(MetaPayloadMapper.PHONE_NUMBER_ID, "106540352242922", MetaPayloadMapper.RECEIVED_AT, dayOld));
            DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> adapter.send(delivery));
            assertFalse(failed.retryable());
            assertTrue(failed.getMessage().contains("24 h"));
            assertTrue(graph.calls().isEmpty(), "no Graph call");
        }
    }

    /** A retry that comes after the window closed sends no template for the rest of a reply begun inside it. */
    @Test
    void deadLettersTheRestOfAReplyWhoseWindowClosedBetweenAttempts() {
        try (StandInServer graph = StandInServer.start(c -> new StandInServer.Reply(200, "{\"messages\":[{\"id\":\"x\"}]}"))) {
            MetaProperties properties = new MetaProperties(true, "s", "v", "p", "w", graph.url(), "ieum_reopen", "en_US");
            WhatsAppCloudAdapter adapter = new WhatsAppCloudAdapter(new GraphApi(JsonMapper.createDefault(), properties),
                    properties, null, kr.ieum.channel.PublicUrl.fixed("https://ieum.example"));
            String dayOld = String.valueOf(Instant.now().minusSeconds(25 * 3600).getEpochSecond());
            Delivery delivery = new Delivery("whatsapp-cloud", "9779812345678", "ne",
                    List.of(OutboundMessage.of(new LocalizedText("ne", "एक")), OutboundMessage.of(new LocalizedText("ne", "दुई"))),
                    Map.of(MetaPayloadMapper.PHONE_NUMBER_ID, "106540352242922", MetaPayloadMapper.RECEIVED_AT, dayOld));
            ChannelAdapter.Progress oneSent = new ChannelAdapter.Progress() {
                @Override
                public int done() {
                    return 1;
                }

                @Override
                public void sent(String providerId, boolean more) {
                    throw new AssertionError("nothing is sent");
                }

                @Override
                public String key() {
                    return null;
                }
            };
            DeliveryFailed failed = assertThrows(DeliveryFailed.class, () -> adapter.send(delivery, oneSent));
            assertFalse(failed.retryable());
            assertTrue(graph.calls().isEmpty(), "neither the rest nor the template");
        }
    }

    @Test
    void mapsGraphErrorBodiesToRetryableOrPermanentFailures() {
        try (StandInServer graph = StandInServer.start(c -> new StandInServer.Reply(400,
                "{\"error\":{\"message\":\"(#80007) Rate limit hit\",\"type\":\"OAuthException\",\"code\":80007}}"))) {
            MetaProperties properties = new MetaProperties(true, "s", "v", "p", "w", graph.url(), null, "en_US");
            MessengerAdapter adapter = new MessengerAdapter(new GraphApi(JsonMapper.createDefault(), properties), properties, kr.ieum.channel.PublicUrl.fixed("https://ieum.example"));
            Delivery delivery = new Delivery("messenger", "6789012345678901", "en",
                    List.of(OutboundMessage.of(new LocalizedText("en", "Hello"))), Map.of());
            assertTrue(assertThrows(DeliveryFailed.class, () -> adapter.send(delivery)).retryable());
            graph.respond(c -> new StandInServer.Reply(400, "{\"error\":{\"message\":\"Invalid\",\"type\":\"OAuthException\",\"code\":100}}"));
            assertFalse(assertThrows(DeliveryFailed.class, () -> adapter.send(delivery)).retryable());
            assertEquals(2, graph.calls().size());
        }
    }

    @Test
    void splitsLongTextAtLineBreaksWithinTheLimit() {
        String text = ("a".repeat(1500) + "\n").repeat(3);
        List<String> chunks = TextChunks.splitTrimmed(text, 2000);
        assertEquals(3, chunks.size());
        chunks.forEach(c -> assertTrue(c.length() <= 2000));
        assertEquals("abcdefghijklmnopqrs…", TextChunks.clip("abcdefghijklmnopqrstuvwxyz", 20));
        assertEquals(List.of("short"), TextChunks.splitTrimmed("short", 2000));
    }
}
