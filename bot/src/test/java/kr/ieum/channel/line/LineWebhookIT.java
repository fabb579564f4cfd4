package kr.ieum.channel.line;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.Delivery;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;
import kr.ieum.platform.AddressCipher;
import kr.ieum.support.Await;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LINE end to end: signed webhook bodies (golden files) in at {@code /webhooks/line}, replies out through a
 * local stand-in for {@code api.line.me} that records every reply and push call.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.channels.line.enabled", value = "true")
@Property(name = "ieum.channels.line.channel-secret", value = LineWebhookIT.SECRET)
@Property(name = "ieum.channels.line.channel-token", value = LineWebhookIT.TOKEN)
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.channels.first-retry", value = "100ms")
@Property(name = "ieum.channels.max-retry", value = "200ms")
class LineWebhookIT extends ServiceTest {
    static final String SECRET = "8c570fa6dd201bb328f1c1eac23a96d8";
    static final String TOKEN = "line-channel-access-token-for-tests";
    private static final HttpStandIn API = HttpStandIn.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    LineProperties properties;
    @Inject
    Messages messages;
    @Inject
    FaqService faq;
    @Inject
    kr.ieum.enrollment.JourneyService journeys;
    @Inject
    kr.ieum.enrollment.Funnels funnels;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    AddressCipher cipher;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = super.getProperties();
        props.put("ieum.channels.line.api-url", API.url());
        return props;
    }

    @AfterAll
    void stopStandIn() {
        API.close();
    }

    @BeforeEach
    void reset() {
        // let the previous test's replies and retries finish, so that they are not counted as this test's calls
        Await.until("the previous test's deliveries are done",
                () -> dispatcher.inboxCount("line", "new") == 0 && dispatcher.outboxCount("line", "pending") == 0);
        API.reset();
    }

    /** One resident with fresh ids. */
    private static final class Resident {
        final String userId = "U" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A golden body for {@code r}, with a fresh event id and reply token, sent {@code age} ago. */
    private static byte[] event(String golden, Resident r, String eventId, String replyToken, Duration age) {
        String text = new String(LineEventMapperTest.golden(golden), StandardCharsets.UTF_8)
                .replace("U4af4980629c1d1e2f3a4b5c6d7e8f901", r.userId)
                .replace("01FZ74A0TDDPYRVKNK77XKC3ZR", eventId)
                .replace("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", replyToken)
                .replace("1462629479859", String.valueOf(Instant.now().minus(age).toEpochMilli()));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] event(String golden, Resident r) {
        return event(golden, r, newId(), newId(), Duration.ZERO);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private HttpResponse<String> post(byte[] body, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/line"))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(LineWebhookController.SIGNATURE_HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedPost(byte[] body) throws IOException, InterruptedException {
        return post(body, LineSignatures.sign(SECRET, body));
    }

    private Map<String, Object> body(HttpStandIn.Call call) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = json.readValue(call.body(), Map.class);
            return map;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<HttpStandIn.Call> replies(String replyToken) {
        return API.calls("/v2/bot/message/reply").stream().filter(c -> replyToken.equals(body(c).get("replyToken"))).toList();
    }

    private List<HttpStandIn.Call> pushes(Resident r) {
        return API.calls("/v2/bot/message/push").stream().filter(c -> r.userId.equals(body(c).get("to"))).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> messagesOf(HttpStandIn.Call call) {
        return (List<Map<String, Object>>) body(call).get("messages");
    }

    private List<String> texts(HttpStandIn.Call call) {
        return messagesOf(call).stream().map(m -> (String) m.get("text")).toList();
    }

    private long inboxRows() {
        return Long.parseLong(Sql.one(dataSource, "select count(*) from inbox where channel = 'line'"));
    }

    /** An answer as LINE shows it: plain text (topic links become their labels). */
    private String answer(String topic, String language) {
        return kr.ieum.i18n.RichText.parse(faq.text(topic, language).orElseThrow().localization().answer()).plain();
    }

    /** A text message from {@code r} (the golden Thai one, rewritten). */
    private static byte[] textEvent(Resident r, String text, String replyToken) {
        String json = new String(event("message-text-th.json", r, newId(), replyToken, Duration.ZERO), StandardCharsets.UTF_8)
                .replace("บัตรต่างด้าวบนมือถือคืออะไร", text);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Persona: a Thai resident with a pre-2025 card chooses the IC card swap, then goes on with the card tap on an iPhone. */
    @Test
    void walksTheIcSwapPathWithQuickReplies() throws Exception {
        kr.ieum.content.JourneyTexts th = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("th");
        Resident r = new Resident();
        String campaign = "line-" + System.nanoTime();
        String[][] turns = {
            {"j_mobile-id-enrollment_old-method_c-" + campaign + "_l-th", "old-method"},
            {"2", "office"},
            {"อันซัน", "swap-book"},
            {"1", "swap-apply"},
            {"1", "swap-wait"},
            {"1", "device"},
            {"2", "ic-install"},
            {"1", "ic-tap"},
        };
        for (String[] turn : turns) {
            String token = newId();
            assertEquals(200, signedPost(textEvent(r, turn[0], token)).statusCode());
            String expected = kr.ieum.i18n.RichText.parse(th.steps().get(turn[1]).text()).plain();
            Await.until("step " + turn[1], () -> replies(token).stream().flatMap(c -> texts(c).stream())
                    .anyMatch(t -> t != null && t.startsWith(expected)));
            List<Map<String, Object>> sent = messagesOf(replies(token).get(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> quick = (Map<String, Object>) sent.get(sent.size() - 1).get("quickReply");
            assertNotNull(quick, "step " + turn[1] + " offers its choices as quick replies");
        }
        assertEquals(1, funnels.funnel("mobile-id-enrollment", campaign).orElseThrow().started());
        assertEquals(1, reached(campaign, "swap-book"), "the swap path");
        assertEquals(1, reached(campaign, "ic-tap"));
        assertEquals(0, reached(campaign, "qr-book"));
    }

    private long reached(String campaign, String step) {
        return funnels.funnel("mobile-id-enrollment", campaign).orElseThrow().steps().stream()
                .filter(s -> s.step().equals(step)).mapToLong(kr.ieum.enrollment.Funnel.StepCount::reached).sum();
    }


    @Test
    void answersAThaiMessageInThaiWithTheReplyApiWhileTheTokenIsFresh() throws Exception {
        Resident r = new Resident();
        String token = newId();
        assertEquals(200, signedPost(event("message-text-th.json", r, newId(), token, Duration.ofSeconds(2))).statusCode());
        Await.until("the reply call", () -> !replies(token).isEmpty());
        HttpStandIn.Call call = replies(token).get(0);
        assertEquals("Bearer " + TOKEN, call.header("authorization"));
        assertTrue(texts(call).contains(answer("mobile-id-overview", "th")), texts(call).toString());
        assertTrue(messagesOf(call).size() <= LineSender.MAX_MESSAGES_PER_CALL);
        assertTrue(pushes(r).isEmpty(), "no push while the reply token works");
    }

    @Test
    @SuppressWarnings("unchecked")
    void linksInAnAnswerBecomeButtonsThatOpenThePagesAndNoMarkdownReachesLine() throws Exception {
        Resident r = new Resident();
        String token = newId();
        assertEquals(200, signedPost(textEvent(r, "what is the HiKorea website for?", token)).statusCode());
        Await.until("the reply call", () -> !replies(token).isEmpty());
        List<Map<String, Object>> sent = messagesOf(replies(token).get(0));
        assertTrue(texts(replies(token).get(0)).contains(answer("hikorea", "en")), texts(replies(token).get(0)).toString());
        Map<String, Object> template = sent.stream().filter(m -> "template".equals(m.get("type"))).findFirst().orElseThrow();
        List<Map<String, Object>> actions = (List<Map<String, Object>>) ((Map<String, Object>) template.get("template")).get("actions");
        assertTrue(actions.stream().anyMatch(a -> "uri".equals(a.get("type"))
                && String.valueOf(a.get("uri")).endsWith("/a/mobile-id-reservation?lang=en")), actions.toString());
        assertTrue(actions.size() <= LineSender.MAX_LINK_BUTTONS);
        assertTrue(sent.stream().map(String::valueOf).noneMatch(m -> m.contains("](") || m.contains("topic:") || m.contains("**")),
                "no Markdown reaches LINE");
    }

    @Test
    void pushesWhenTheReplyTokenIsStale() throws Exception {
        Resident r = new Resident();
        String token = newId();
        assertEquals(50, properties.replyWindow().toSeconds());
        assertEquals(200, signedPost(event("message-text-id.json", r, newId(), token, Duration.ofSeconds(55))).statusCode());
        Await.until("the push call", () -> !pushes(r).isEmpty());
        HttpStandIn.Call call = pushes(r).get(0);
        assertTrue(texts(call).contains(answer("mobile-id-overview", "id")), texts(call).toString());
        assertEquals("Bearer " + TOKEN, call.header("authorization"));
        assertNotNull(call.header("x-line-retry-key"));
        assertTrue(replies(token).isEmpty(), "a stale reply token is not tried");
    }

    @Test
    void fallsBackToPushWhenLineRefusesTheReplyToken() throws Exception {
        API.answer("/v2/bot/message/reply", c -> new HttpStandIn.Answer(400, "{\"message\":\"Invalid reply token\"}"));
        Resident r = new Resident();
        String token = newId();
        signedPost(event("message-text-th.json", r, newId(), token, Duration.ZERO));
        Await.until("the push after the refused reply", () -> !pushes(r).isEmpty());
        assertEquals(1, replies(token).size());
        assertTrue(texts(pushes(r).get(0)).contains(answer("mobile-id-overview", "th")));
    }

    @Test
    void offersQuickRepliesForTheMenuAndAnswersAPostback() throws Exception {
        Resident r = new Resident();
        String token = newId();
        signedPost(event("message-menu-th.json", r, newId(), token, Duration.ZERO));
        Await.until("the menu", () -> !replies(token).isEmpty());
        Map<String, Object> menu = messagesOf(replies(token).get(0)).get(0);
        String text = (String) menu.get("text");
        List<String> topics = faq.menu();
        String first = faq.text(topics.get(0), "th").orElseThrow().localization().question();
        assertTrue(text.startsWith(messages.render("th", "menu.title").text()), text);
        // 1 is the step-by-step guide, then the menu topics
        assertTrue(text.contains("\n2. " + first), "the numbered lines stay in the text");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) ((Map<String, Object>) menu.get("quickReply")).get("items");
        assertEquals(Math.min(LineSender.MAX_QUICK_REPLIES, topics.size() + 1), items.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> action = (Map<String, Object>) items.get(0).get("action");
        assertEquals("postback", action.get("type"));
        assertEquals("1", action.get("data"));
        String label = (String) action.get("label");
        assertTrue(label.startsWith("1. ") && label.codePointCount(0, label.length()) <= LineSender.MAX_LABEL, label);

        String pressed = newId();
        assertEquals(200, signedPost(event("postback.json", r, newId(), pressed, Duration.ZERO)).statusCode());
        Await.until("the answer to the button", () -> !replies(pressed).isEmpty());
        // the golden postback is "1": the guide's first question
        String age = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("th").steps().get("age").text();
        assertTrue(texts(replies(pressed).get(0)).stream().anyMatch(t -> t.startsWith(age)), texts(replies(pressed).get(0)).toString());
    }

    @Test
    void rejectsForgedUnsignedOrTamperedWebhooksAndChangesNothing() throws Exception {
        long before = inboxRows();
        Resident r = new Resident();
        byte[] body = event("message-text-th.json", r);
        assertEquals(401, post(body, LineSignatures.sign("not-the-channel-secret", body)).statusCode());
        assertEquals(401, post(body, null).statusCode());
        assertEquals(401, post(body, "").statusCode());
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("คืออะไร", "ที่ไหน").getBytes(StandardCharsets.UTF_8);
        assertEquals(401, post(tampered, LineSignatures.sign(SECRET, body)).statusCode());
        Thread.sleep(300);
        assertEquals(before, inboxRows(), "nothing stored");
        assertTrue(API.calls().isEmpty(), "no Messaging API call");
    }

    @Test
    void processesARedeliveredEventOnce() throws Exception {
        Resident r = new Resident();
        String eventId = newId();
        String token = newId();
        signedPost(event("message-text-th.json", r, eventId, token, Duration.ZERO));
        assertEquals(200, signedPost(event("message-text-th-redelivery.json", r, eventId, token, Duration.ZERO)).statusCode());
        Await.until("the reply", () -> !replies(token).isEmpty());
        Await.until("nothing left to do", () -> dispatcher.inboxCount("line", "new") == 0 && dispatcher.outboxCount("line", "pending") == 0);
        Thread.sleep(300);
        assertEquals(1, replies(token).size());
        assertTrue(pushes(r).isEmpty());
        assertEquals("1", Sql.one(dataSource, "select count(*) from inbox where channel = 'line' and provider_id = ?", eventId));
    }

    @Test
    void answersAStickerOrAnImageWithTheNonTextReplyInTheResidentsLanguage() throws Exception {
        Resident r = new Resident();
        String first = newId();
        signedPost(event("message-text-th.json", r, newId(), first, Duration.ZERO));
        Await.until("the first answer", () -> !replies(first).isEmpty());
        String sticker = newId();
        signedPost(event("message-sticker.json", r, newId(), sticker, Duration.ZERO));
        Await.until("the reply to the sticker", () -> !replies(sticker).isEmpty());
        assertEquals(List.of(messages.render("th", "nontext").text()), texts(replies(sticker).get(0)));
        String image = newId();
        signedPost(event("message-image.json", r, newId(), image, Duration.ZERO));
        Await.until("the reply to the image", () -> !replies(image).isEmpty());
        assertEquals(List.of(messages.render("th", "nontext").text()), texts(replies(image).get(0)));
    }

    @Test
    void greetsANewFriend() throws Exception {
        Resident r = new Resident();
        String token = newId();
        assertEquals(200, signedPost(event("follow.json", r, newId(), token, Duration.ZERO)).statusCode());
        Await.until("the greeting", () -> !replies(token).isEmpty());
        // LINE sends no language with a follow: a new friend is asked to choose one
        String greeting = texts(replies(token).get(0)).get(0);
        assertTrue(greeting.startsWith(messages.render("en", "language.menu.title").text()), greeting);
        assertTrue(greeting.contains(". ไทย"), "every language is listed by its own name");
    }

    /**
     * LINE's push with retry keys, as the Messaging API does it: a key taken before answers 409; the {@code nth} push is
     * refused once with a 500, not taken ({@code takenAnyway} false) or taken with its answer lost (true).
     */
    private static final class LinePush implements Function<HttpStandIn.Call, HttpStandIn.Answer> {
        final List<HttpStandIn.Call> taken = new CopyOnWriteArrayList<>();
        private final Set<String> keys = ConcurrentHashMap.newKeySet();
        private final AtomicInteger pushes = new AtomicInteger();
        private final int nth;
        private final boolean takenAnyway;

        LinePush(int nth, boolean takenAnyway) {
            this.nth = nth;
            this.takenAnyway = takenAnyway;
        }

        @Override
        public HttpStandIn.Answer apply(HttpStandIn.Call call) {
            String key = call.header("x-line-retry-key");
            if (key != null && keys.contains(key)) {
                return new HttpStandIn.Answer(409, "{\"message\":\"The retry key is already accepted\"}",
                        Map.of("x-line-accepted-request-id", "req-" + key));
            }
            if (pushes.incrementAndGet() == nth) {
                if (takenAnyway) {
                    take(call, key);
                }
                return new HttpStandIn.Answer(500, "{\"message\":\"An error occurred in the server\"}");
            }
            take(call, key);
            return new HttpStandIn.Answer(200, "{\"sentMessages\":[{\"id\":\"" + pushes.get() + "\",\"quoteToken\":\"q\"}]}");
        }

        private void take(HttpStandIn.Call call, String key) {
            taken.add(call);
            if (key != null) {
                keys.add(key);
            }
        }
    }

    /** Eleven one-line messages: three calls of at most five message objects. */
    private static List<OutboundMessage> elevenMessages() {
        return IntStream.rangeClosed(1, 11).mapToObj(i -> OutboundMessage.of(new LocalizedText("en", "Part " + i))).toList();
    }

    private static List<String> parts(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "Part " + i).toList();
    }

    /** Waits for the row to be sent; answers its attempts and the calls it recorded. */
    private String[] sentRow(Resident r) {
        String hash = cipher.hash(LineEventMapper.CHANNEL, r.userId);
        Await.until("the reply is sent", () -> "sent".equals(Sql.one(dataSource, "select state from outbox where address_hash = ?", hash)));
        return new String[] {Sql.one(dataSource, "select attempts from outbox where address_hash = ?", hash),
            Sql.one(dataSource, "select parts_sent from outbox where address_hash = ?", hash)};
    }

    /** A push of three calls whose second LINE refuses once: the retry sends the second and the third, never the first again. */
    @Test
    void aPushWhoseSecondCallFailsOnceReachesTheResidentOnceEachInOrder() throws Exception {
        LinePush line = new LinePush(2, false);
        API.answer("/v2/bot/message/push", line);
        Resident r = new Resident();
        dispatcher.enqueue(new Delivery(LineEventMapper.CHANNEL, r.userId, "en", elevenMessages(), Map.of()));
        assertArrayEquals(new String[] {"2", "3"}, sentRow(r), "two attempts, three calls taken");
        Thread.sleep(300);
        List<HttpStandIn.Call> pushes = pushes(r);
        assertEquals(List.of(parts(1, 5), parts(6, 10), parts(6, 10), parts(11, 11)), pushes.stream().map(this::texts).toList(),
                "what the stand-in received");
        assertEquals(List.of(parts(1, 5), parts(6, 10), parts(11, 11)), line.taken.stream().map(this::texts).toList(),
                "what it took: each call once, in order");
        // a delivery that answers no event (a reminder, an announcement) keys its pushes on the outbox row
        assertEquals(pushes.get(1).header("x-line-retry-key"), pushes.get(2).header("x-line-retry-key"), "the retry has the same key");
        assertEquals(3, pushes.stream().map(c -> c.header("x-line-retry-key")).filter(Objects::nonNull).distinct().count());
    }

    /** A push LINE took but whose answer was lost: the retry's key is refused with 409 and the resident sees it once. */
    @Test
    void aPushWhoseAnswerWasLostIsNotDeliveredTwice() throws Exception {
        LinePush line = new LinePush(2, true);
        API.answer("/v2/bot/message/push", line);
        Resident r = new Resident();
        dispatcher.enqueue(new Delivery(LineEventMapper.CHANNEL, r.userId, "en", elevenMessages(),
                Map.of(LineEventMapper.CONTEXT_EVENT, newId())));
        assertArrayEquals(new String[] {"2", "3"}, sentRow(r));
        Thread.sleep(300);
        assertEquals(4, pushes(r).size(), "the second call went twice");
        assertEquals(List.of(parts(1, 5), parts(6, 10), parts(11, 11)), line.taken.stream().map(this::texts).toList(),
                "LINE delivered it once: the retry key was taken already");
    }

    /**
     * A reply whose first call went by the reply token and whose second (a push) fails once: the retry pushes the second
     * and the third and does not try the used token again, so the first is not pushed as a fallback either.
     */
    @Test
    void aRetryAfterTheReplyTokenWasUsedSendsOnlyTheRest() throws Exception {
        LinePush line = new LinePush(1, false);
        API.answer("/v2/bot/message/push", line);
        Resident r = new Resident();
        String token = newId();
        dispatcher.enqueue(new Delivery(LineEventMapper.CHANNEL, r.userId, "en", elevenMessages(),
                Map.of(LineEventMapper.CONTEXT_REPLY_TOKEN, token, LineEventMapper.CONTEXT_EVENT, newId(),
                        LineEventMapper.CONTEXT_TIMESTAMP, String.valueOf(Instant.now().toEpochMilli()))));
        assertArrayEquals(new String[] {"2", "3"}, sentRow(r));
        Thread.sleep(300);
        assertEquals(List.of(parts(1, 5)), replies(token).stream().map(this::texts).toList(), "the token is used once");
        assertEquals(List.of(parts(6, 10), parts(6, 10), parts(11, 11)), pushes(r).stream().map(this::texts).toList());
        assertEquals(List.of(parts(6, 10), parts(11, 11)), line.taken.stream().map(this::texts).toList());
    }

    @Test
    void acknowledgesTheConsolesVerifyAndSkipsOtherEvents() throws Exception {
        long before = inboxRows();
        assertEquals(200, signedPost(LineEventMapperTest.golden("verify.json")).statusCode());
        assertEquals(200, signedPost(event("unfollow.json", new Resident())).statusCode());
        assertEquals(before, inboxRows());
        assertTrue(API.calls().isEmpty());
        byte[] malformed = "{\"events\": [".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, signedPost(malformed).statusCode());
        assertEquals(before, inboxRows());
    }
}
