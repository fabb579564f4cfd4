package kr.ieum.channel.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.Delivery;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Telegram end to end: Bot API updates (golden files) in at {@code /webhooks/telegram}, replies out through
 * a local stand-in for {@code api.telegram.org} that records every call.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.channels.telegram.enabled", value = "true")
@Property(name = "ieum.channels.telegram.bot-token", value = TelegramWebhookIT.TOKEN)
@Property(name = "ieum.channels.telegram.webhook-secret", value = TelegramWebhookIT.SECRET)
@Property(name = "ieum.channels.first-retry", value = "50ms")
@Property(name = "ieum.channels.max-retry", value = "100ms")
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.channels.max-attempts", value = "3")
class TelegramWebhookIT extends ServiceTest {
    static final String TOKEN = "7123456789:AAE-test-token";
    static final String SECRET = "a-Webhook_secret-0123456789";
    private static final HttpStandIn API = HttpStandIn.start();
    private static final AtomicLong IDS = new AtomicLong(ThreadLocalRandom.current().nextLong(100_000_000L, 800_000_000L));
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    TelegramSender sender;
    @Inject
    Messages messages;
    @Inject
    FaqService faq;
    @Inject
    kr.ieum.enrollment.JourneyService journeys;
    @Inject
    kr.ieum.enrollment.Funnels funnels;
    @Inject
    kr.ieum.channel.PublicUrl publicUrl;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = super.getProperties();
        props.put("ieum.channels.telegram.api-url", API.url());
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
                () -> dispatcher.inboxCount("telegram", "new") == 0 && dispatcher.outboxCount("telegram", "pending") == 0);
        API.reset();
    }

    /** A golden update with a fresh update_id and chat id. */
    private static byte[] update(String golden, long updateId, long chat) {
        String text = new String(TelegramUpdateMapperTest.golden(golden), StandardCharsets.UTF_8)
                .replace("857412001", String.valueOf(updateId))
                .replace("5038217766", String.valueOf(chat));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(byte[] body, String secret) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/telegram"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header(TelegramWebhookController.SECRET_HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    /** The sendMessage calls to {@code chat}, as parsed bodies. */
    private List<Map<String, Object>> sentTo(long chat) {
        return API.calls("/sendMessage").stream().map(this::body)
                .filter(b -> String.valueOf(chat).equals(String.valueOf(b.get("chat_id")))).toList();
    }

    private long inboxRows() {
        return Long.parseLong(Sql.one(dataSource, "select count(*) from inbox where channel = 'telegram'"));
    }

    private static long nextId() {
        return IDS.incrementAndGet();
    }

    private String answer(String topic, String language) {
        return faq.text(topic, language).orElseThrow().localization().answer();
    }

    @Test
    void answersARussianQuestionInRussianThroughTheBotApi() throws Exception {
        long chat = nextId();
        HttpResponse<String> response = post(update("message-text-ru.json", nextId(), chat), SECRET);
        assertEquals(200, response.statusCode());
        // the answer's Markdown as Telegram HTML: topic links go to the answer pages in Russian, the rest is escaped
        String expected = html(answer("mobile-id-overview", "ru"), "ru");
        assertTrue(expected.contains("<a href=\"" + publicUrl.answerPage("mobile-id-eligibility", "ru").replace("&", "&amp;") + "\">"),
                expected);
        Await.until("the answer reaches the Bot API", () -> sentTo(chat).stream().anyMatch(b -> expected.equals(b.get("text"))));
        HttpStandIn.Call call = API.calls("/sendMessage").get(0);
        assertEquals("/bot" + TOKEN + "/sendMessage", call.path());
        assertTrue(call.header("content-type").startsWith("application/json"));
        sentTo(chat).forEach(b -> assertEquals("HTML", b.get("parse_mode")));
        sentTo(chat).forEach(b -> assertTrue(!((String) b.get("text")).contains("](topic:"), "no Markdown reaches Telegram"));
    }

    @Test
    void showsTheMenuAsAnInlineKeyboardAndAnswersAPressedButton() throws Exception {
        long chat = nextId();
        assertEquals(200, post(update("message-menu-ru.json", nextId(), chat), SECRET).statusCode());
        Await.until("the menu is sent", () -> !sentTo(chat).isEmpty());
        Map<String, Object> menu = sentTo(chat).get(0);
        List<String> topics = faq.menu();
        String text = (String) menu.get("text");
        assertTrue(text.startsWith(messages.render("ru", "menu.title").text()), text);
        String first = faq.text(topics.get(0), "ru").orElseThrow().localization().question();
        // 1 is the step-by-step guide, then the menu topics
        String guide = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("ru").title();
        assertTrue(text.contains("\n1. " + guide + "\n2. " + first), "the numbered lines stay in the text");
        @SuppressWarnings("unchecked")
        List<List<Map<String, Object>>> keyboard = (List<List<Map<String, Object>>>) ((Map<String, Object>) menu.get("reply_markup"))
                .get("inline_keyboard");
        assertEquals(topics.size() + 1, keyboard.size());
        assertEquals(first, keyboard.get(1).get(0).get("text"));
        assertEquals("1", keyboard.get(0).get(0).get("callback_data"));

        HttpResponse<String> pressed = post(update("callback-query.json", nextId(), chat), SECRET);
        assertEquals(200, pressed.statusCode());
        Map<String, Object> ack = json.readValue(pressed.body(), Map.class);
        assertEquals("answerCallbackQuery", ack.get("method"));
        assertEquals("4382bfdwdsb323b2d9", ack.get("callback_query_id"));
        // the golden button press is "1": the guide's first question
        String expected = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("ru").steps().get("age").text();
        Await.until("the guide starts", () -> sentTo(chat).stream().anyMatch(b -> ((String) b.get("text")).startsWith(expected)));
    }

    @Test
    void greetsADeepLinkStartInTheResidentsLanguage() throws Exception {
        long chat = nextId();
        assertEquals(200, post(update("message-start-deeplink.json", nextId(), chat), SECRET).statusCode());
        Await.until("the greeting is sent", () -> !sentTo(chat).isEmpty());
        assertEquals(messages.render("ru", "start.done").text(), sentTo(chat).get(0).get("text"));
    }

    /** A text as Telegram gets it: the knowledge base's Markdown as inline HTML. */
    private String html(String markdown, String language) {
        return kr.ieum.i18n.RichText.parse(markdown).inlineHtml(topic -> publicUrl.answerPage(topic, language));
    }

    /** A text message from {@code chat} with the given Telegram language_code (the golden Russian one, rewritten). */
    private static byte[] text(String text, String languageCode, long updateId, long chat) {
        String json = new String(update("message-text-ru.json", updateId, chat), StandardCharsets.UTF_8)
                .replace("\"language_code\": \"ru\"", "\"language_code\": \"" + languageCode + "\"")
                .replace("что такое мобильная карта иностранца?", text.replace("\\", "\\\\").replace("\"", "\\\""));
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static List<String> buttons(Map<String, Object> sent) {
        Map<String, Object> markup = (Map<String, Object>) sent.get("reply_markup");
        if (markup == null) {
            return List.of();
        }
        return ((List<List<Map<String, Object>>>) markup.get("inline_keyboard")).stream().map(row -> (String) row.get(0).get("text")).toList();
    }

    /** Persona: a Kazakh resident with a 2025 IC card and an Android phone, from a t.me deep link to the end. */
    @Test
    void walksTheEnrollmentJourneyFromADeepLinkWithButtons() throws Exception {
        kr.ieum.content.JourneyTexts kk = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("kk");
        long chat = nextId();
        String campaign = "tg" + chat;
        assertEquals(200, post(text("/start j_mobile-id-enrollment_c-" + campaign, "kk", nextId(), chat), SECRET).statusCode());
        String question = html(kk.steps().get("age").text(), "kk");
        Await.until("the first question", () -> sentTo(chat).stream().anyMatch(b -> ((String) b.get("text")).startsWith(question)));
        Map<String, Object> age = sentTo(chat).get(sentTo(chat).size() - 1);
        assertEquals(List.of(kk.steps().get("age").choices().get("yes"), kk.steps().get("age").choices().get("no")), buttons(age),
                "choices are inline buttons in the resident's language");
        String[] path = {"age", "registered", "phone", "card", "device", "ic-install", "ic-nfc", "ic-tap", "ic-pin", "ic-face"};
        for (int i = 1; i < path.length; i++) {
            String expected = html(kk.steps().get(path[i]).text(), "kk");
            assertEquals(200, post(text("1", "kk", nextId(), chat), SECRET).statusCode());
            Await.until("step " + path[i], () -> sentTo(chat).stream().anyMatch(b -> ((String) b.get("text")).startsWith(expected)));
        }
        List<String> guide = buttons(sentTo(chat).get(sentTo(chat).size() - 1));
        assertEquals(List.of(messages.render("kk", "journey.choice.done").text(), messages.render("kk", "journey.choice.problem").text(),
                messages.render("kk", "journey.choice.later").text()), guide);
        assertEquals(200, post(text("1", "kk", nextId(), chat), SECRET).statusCode());
        String done = html(kk.steps().get("done-ic").text(), "kk");
        Await.until("the journey's end", () -> sentTo(chat).stream().anyMatch(b -> done.equals(b.get("text"))));
        kr.ieum.enrollment.Funnel funnel = funnels.funnel("mobile-id-enrollment", campaign).orElseThrow();
        assertEquals(1, funnel.started());
        assertEquals(1, funnel.completed());
        assertEquals(1, reached(campaign, "ic-nfc"), "the Android path");
        assertEquals(0, reached(campaign, "office"));
    }

    private long reached(String campaign, String step) {
        return funnels.funnel("mobile-id-enrollment", campaign).orElseThrow().steps().stream()
                .filter(s -> s.step().equals(step)).mapToLong(kr.ieum.enrollment.Funnel.StepCount::reached).sum();
    }


    @Test
    void answersAStickerWithTheNonTextReply() throws Exception {
        long chat = nextId();
        assertEquals(200, post(update("message-sticker.json", nextId(), chat), SECRET).statusCode());
        Await.until("the non-text reply is sent", () -> !sentTo(chat).isEmpty());
        assertEquals(messages.render("ru", "nontext").text(), sentTo(chat).get(0).get("text"));
    }

    @Test
    void rejectsAForgedOrUnsignedUpdateAndChangesNothing() throws Exception {
        long before = inboxRows();
        long chat = nextId();
        byte[] body = update("message-text-ru.json", nextId(), chat);
        assertEquals(401, post(body, "a-Webhook_secret-0123456788").statusCode());
        assertEquals(401, post(body, null).statusCode());
        assertEquals(401, post(body, "").statusCode());
        Thread.sleep(300);
        assertEquals(before, inboxRows(), "nothing stored");
        assertTrue(API.calls().isEmpty(), "no Bot API call");
    }

    @Test
    void processesARetriedUpdateOnce() throws Exception {
        long chat = nextId();
        long updateId = nextId();
        byte[] body = update("message-menu-ru.json", updateId, chat);
        assertEquals(200, post(body, SECRET).statusCode());
        assertEquals(200, post(body, SECRET).statusCode());
        Await.until("the menu is sent", () -> !sentTo(chat).isEmpty());
        Await.until("nothing left to do", () -> dispatcher.inboxCount("telegram", "new") == 0 && dispatcher.outboxCount("telegram", "pending") == 0);
        Thread.sleep(300);
        assertEquals(1, sentTo(chat).size(), "one turn, one reply");
        assertEquals("1", Sql.one(dataSource, "select count(*) from inbox where channel = 'telegram' and provider_id = ?",
                String.valueOf(updateId)));
    }

    @Test
    void acknowledgesAndSkipsUnknownUpdateKinds() throws Exception {
        long before = inboxRows();
        assertEquals(200, post(update("edited-message.json", nextId(), nextId()), SECRET).statusCode());
        assertEquals(200, post(update("my-chat-member.json", nextId(), nextId()), SECRET).statusCode());
        assertEquals(before, inboxRows());
        assertTrue(API.calls().isEmpty());
    }

    @Test
    void answersMalformedJsonWithA400AndStoresNothing() throws Exception {
        long before = inboxRows();
        assertEquals(400, post("{\"update_id\": 1, \"message\": ".getBytes(StandardCharsets.UTF_8), SECRET).statusCode());
        assertEquals(400, post("[1,2,3]".getBytes(StandardCharsets.UTF_8), SECRET).statusCode());
        assertEquals(400, post(new byte[0], SECRET).statusCode());
        assertEquals(before, inboxRows());
    }

    @Test
    void deadLettersABlockedBotAtOnceAndRetriesRateLimits() throws Exception {
        long deadBefore = dispatcher.outboxCount("telegram", "dead");
        API.answer("/sendMessage", c -> new HttpStandIn.Answer(403,
                "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}"));
        long blocked = nextId();
        post(update("message-menu-ru.json", nextId(), blocked), SECRET);
        Await.until("dead-lettered", () -> dispatcher.outboxCount("telegram", "dead") == deadBefore + 1);
        assertEquals(1, sentTo(blocked).size(), "not retried");

        AtomicLong calls = new AtomicLong();
        API.answer("/sendMessage", c -> calls.incrementAndGet() == 1
                ? new HttpStandIn.Answer(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}")
                : new HttpStandIn.Answer(200, "{\"ok\":true,\"result\":{\"message_id\":77}}"));
        long limited = nextId();
        post(update("message-menu-ru.json", nextId(), limited), SECRET);
        Await.until("delivered on the second attempt", () -> sentTo(limited).size() == 2);
        assertEquals(deadBefore + 1, dispatcher.outboxCount("telegram", "dead"));
    }

    @Test
    void splitsATextLongerThanTelegramAllowsAndKeepsTheKeyboardOnTheLastPart() {
        API.answer("/sendMessage", c -> new HttpStandIn.Answer(200, "{\"ok\":true,\"result\":{\"message_id\":4242}}"));
        // over 4096 characters: sent as plain text in parts (a cut could fall inside an HTML tag)
        String longText = "Мобильная карта иностранца. ".repeat(300);
        OutboundMessage message = new OutboundMessage(new LocalizedText("ru", longText),
                List.of(new OutboundMessage.Option("1", new LocalizedText("ru", "Да"))));
        String id = sender.send(new Delivery("telegram", "424242", "ru", List.of(message), Map.of()));
        assertEquals("4242", id);
        List<Map<String, Object>> parts = sentTo(424242);
        assertEquals(3, parts.size());
        parts.forEach(p -> assertTrue(((String) p.get("text")).length() <= TelegramSender.MAX_TEXT));
        assertTrue(!parts.get(0).containsKey("reply_markup"));
        assertTrue(parts.get(2).containsKey("reply_markup"));
        assertTrue(((String) parts.get(2).get("text")).endsWith("\n1. Да"));
        parts.forEach(p -> assertTrue(!p.containsKey("parse_mode")));
    }
}
