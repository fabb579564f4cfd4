package kr.ieum.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.Chat;
import kr.ieum.support.HttpStandIn;
import kr.ieum.support.MutableClock;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.StaffSession;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HUMAN reaches a person: residents on Telegram (through the Bot API stand-in) and on the HTTP API ask for a person in
 * Russian, Vietnamese and Uzbek; agents read Korean, English and Russian, Monday to Friday 9-18 Korea time (a test
 * clock). The resident is told what really happens, an agent claims, replies on the resident's channel, the bot is
 * quiet meanwhile and back after resolve or the timeout; FORGET removes the requests.
 */
@MicronautTest(transactional = false)
@Property(name = "ieum.channels.telegram.enabled", value = "true")
@Property(name = "ieum.channels.telegram.bot-token", value = HandoffIT.TOKEN)
@Property(name = "ieum.channels.telegram.webhook-secret", value = HandoffIT.SECRET)
@Property(name = "ieum.channels.poll", value = "100ms")
@Property(name = "ieum.channels.first-retry", value = "50ms")
@Property(name = "ieum.handoff.languages", value = "ko,en,ru")
@Property(name = "ieum.handoff.timeout", value = "4h")
@Property(name = "ieum.handoff.after-unanswered", value = "2")
class HandoffIT extends ServiceTest {
    static final String TOKEN = "7123456789:AAE-handoff-token";
    static final String SECRET = "handoff-Webhook_secret-0123456789";
    private static final String PASSWORD = "an agent's long password";
    private static final HttpStandIn API = HttpStandIn.start();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 100_000_000L + 200_000_000L);
    /** Monday 2026-12-07 10:00 in Seoul. */
    private static final Instant OFFICE_HOURS = Instant.parse("2026-12-07T01:00:00Z");
    private final MutableClock clock = new MutableClock(OFFICE_HOURS);
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    Messages messages;
    @Inject
    FaqService faq;
    @Inject
    ObjectMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    AccountStore accounts;
    @Inject
    @Client("/")
    HttpClient client;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = super.getProperties();
        props.put("ieum.channels.telegram.api-url", API.url());
        return props;
    }

    @BeforeAll
    void agents() {
        for (String name : List.of("agent-a", "agent-b")) {
            if (accounts.find(name).isEmpty()) {
                accounts.create(name, name, Passwords.hash(PASSWORD), EnumSet.of(Role.AGENT), Instant.now());
            }
        }
    }

    @AfterAll
    void stop() {
        API.close();
    }

    @BeforeEach
    void reset() {
        clock.set(OFFICE_HOURS);
        Await.until("earlier deliveries are done", () -> dispatcher.inboxCount("telegram", "new") == 0
                && dispatcher.outboxCount("telegram", "pending") == 0);
        API.reset();
    }

    @Test
    void aRussianResidentOnTelegramGetsAPersonWhoAnswersThereWhileTheBotIsQuiet() throws Exception {
        long chat = IDS.incrementAndGet();
        say(chat, "что такое мобильная карта иностранца?");
        Await.until("the answer", () -> sentTo(chat).size() >= 1);
        int before = sentTo(chat).size();
        say(chat, "HUMAN");
        String promise = messages.render("ru", "handoff.covered", Map.of("language", messages.languageName("ru", "ru"),
                "wait", messages.render("ru", "handoff.wait", Map.of("hours", 2)).text())).text();
        Await.until("the honest promise, in Russian", () -> sentTo(chat).stream().anyMatch(b -> promise.equals(b.get("text"))));
        long handoff = Long.parseLong(Sql.one(dataSource, "select max(id) from handoff where channel = 'telegram' and language = 'ru' and status = 'waiting'"));

        StaffSession agent = login("agent-a");
        HttpResponse<String> inbox = agent.get("/console/inbox");
        assertTrue(inbox.body().contains("#" + handoff), "the request is in the inbox");
        assertTrue(inbox.body().matches("(?s).*id=\"waiting-badge\"[^>]*>\\(\\d+ waiting\\).*"), "the badge counts who waits");
        assertTrue(agent.getJson("/console/inbox/waiting").body().matches("\\{\"waiting\":[1-9]\\d*}"), "the badge's JSON");
        String page = agent.get("/console/inbox/" + handoff).body();
        assertTrue(page.contains("что такое мобильная карта иностранца?"), "the conversation as stored");
        assertFalse(page.contains(String.valueOf(chat)), "no address, only an alias");
        assertEquals(303, agent.submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/claim", Map.of()).statusCode());
        String joined = messages.render("ru", "handoff.joined").text();
        Await.until("the resident hears that a person answers", () -> sentTo(chat).stream().anyMatch(b -> joined.equals(b.get("text"))));
        assertTrue(login("agent-b").submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/claim", Map.of())
                .headers().firstValue("location").orElse("").contains("done=taken"), "one agent at a time");

        int sentBeforeQuiet = sentTo(chat).size();
        say(chat, "а где находится офис в Сеуле?");
        Await.until("the message is processed", () -> "handoff".equals(Sql.one(dataSource,
                "select outcome from turn where direction = 'in' and body = 'а где находится офис в Сеуле?'")));
        Await.until("deliveries settle", () -> dispatcher.outboxCount("telegram", "pending") == 0);
        assertEquals(sentBeforeQuiet, sentTo(chat).size(), "the bot stays quiet while a person answers");

        String reply = "Здравствуйте! Офис в Сеуле: 서울출입국·외국인청, метро Омокге.";
        HttpResponse<String> sent = agent.submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/reply", Map.of("text", reply));
        assertTrue(sent.headers().firstValue("location").orElse("").contains("done=sent"));
        Await.until("the agent's reply reaches Telegram", () -> sentTo(chat).stream().anyMatch(b -> reply.equals(b.get("text"))));
        assertTrue(agent.get("/console/inbox/" + handoff).body().contains("Омокге"), "the agent's reply is in the conversation");

        assertEquals(303, agent.submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/resolve", Map.of()).statusCode());
        String resolved = messages.render("ru", "handoff.resolved").text();
        Await.until("the resident hears the bot is back", () -> sentTo(chat).stream().anyMatch(b -> resolved.equals(b.get("text"))));
        int afterResolve = sentTo(chat).size();
        say(chat, "что такое мобильная карта иностранца?");
        Await.until("the bot answers again", () -> sentTo(chat).size() > afterResolve);
        assertEquals("resolved", Sql.one(dataSource, "select status from handoff where id = ?", handoff));
        assertTrue(before >= 1);
    }

    @Test
    void theBotTakesOverAgainWhenTheAgentFallsSilent() throws Exception {
        long chat = IDS.incrementAndGet();
        say(chat, "что такое мобильная карта иностранца?");
        say(chat, "HUMAN");
        Await.until("a request", () -> Sql.one(dataSource, "select count(*) from handoff h join contact c on c.id = h.contact_id "
                + "where h.status = 'waiting' and h.channel = 'telegram'") != null
                && Long.parseLong(Sql.one(dataSource, "select count(*) from handoff where status = 'waiting' and channel = 'telegram'")) >= 1);
        long handoff = Long.parseLong(Sql.one(dataSource, "select max(id) from handoff where channel = 'telegram' and status = 'waiting'"));
        StaffSession agent = login("agent-b");
        agent.submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/claim", Map.of());
        clock.set(OFFICE_HOURS.plusSeconds(5 * 3600));
        say(chat, "алло?");
        String back = messages.render("ru", "handoff.timeout").text();
        Await.until("the bot says it is back", () -> sentTo(chat).stream().anyMatch(b -> back.equals(b.get("text"))));
        assertEquals("expired", Sql.one(dataSource, "select status from handoff where id = ?", handoff));
    }

    @Test
    void outsideHoursOrInALanguageNoAgentReadsTheResidentIsToldAbout1345InTheirLanguage() {
        // Vietnamese: no agent reads it, even in office hours
        Map<String, Object> vi = new Chat(client, "handoff-vi-" + System.nanoTime(), "vi").says("HUMAN");
        String viClosed = messages.render("vi", "handoff.closed", Map.of("language", messages.languageName("vi", "vi"),
                "hours", messages.render("vi", "handoff.hours.day").text())).text();
        assertEquals(viClosed, Chat.text(vi, 0));
        // Uzbek at 22:00 Seoul time: outside hours, and 1345's own languages may not include Uzbek
        clock.set(Instant.parse("2026-12-07T13:00:00Z"));
        Map<String, Object> uz = new Chat(client, "handoff-uz-" + System.nanoTime(), "uz").says("HUMAN");
        String uzClosed = messages.render("uz", "handoff.closed", Map.of("language", messages.languageName("uz", "uz"),
                "hours", messages.render("uz", "handoff.hours.other").text())).text();
        assertEquals(uzClosed, Chat.text(uz, 0));
        // Russian is read by agents, but not at 22:00
        Map<String, Object> ru = new Chat(client, "handoff-ru-" + System.nanoTime(), "ru").says("HUMAN");
        assertTrue(Chat.text(ru, 0).startsWith(messages.render("ru", "handoff.closed", Map.of("language", messages.languageName("ru", "ru"),
                "hours", messages.render("ru", "handoff.hours.day").text())).text().substring(0, 10)));
        assertEquals("false", Sql.one(dataSource, "select covered::text from handoff where language = 'uz' order by id desc limit 1"));
    }

    @Test
    void anAgentsReplyToAChannelThatCannotWriteFirstGoesWithTheNextReplyAndForgetRemovesTheRequest() {
        String who = "handoff-api-" + System.nanoTime();
        Chat resident = new Chat(client, who, "en");
        resident.says("HUMAN");
        long handoff = Long.parseLong(Sql.one(dataSource, "select max(id) from handoff where channel = 'api' and language = 'en'"));
        StaffSession agent = login("agent-a");
        agent.submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/claim", Map.of());
        HttpResponse<String> queued = agent.submit("/console/inbox/" + handoff, "/console/inbox/" + handoff + "/reply",
                Map.of("text", "Hello, I am here to help. What is your question?"));
        assertTrue(queued.headers().firstValue("location").orElse("").contains("done=queued"));
        Map<String, Object> next = resident.says("my card is old, can I still use the app?");
        assertEquals("handoff", next.get("outcome"));
        List<String> texts = Chat.replies(next).stream().map(r -> String.valueOf(r.get("text"))).toList();
        assertTrue(texts.contains(messages.render("en", "handoff.joined").text()), texts.toString());
        assertTrue(texts.contains("Hello, I am here to help. What is your question?"), texts.toString());
        Map<String, Object> quiet = resident.says("hello?");
        assertTrue(Chat.replies(quiet) == null || Chat.replies(quiet).isEmpty(), "nothing more until the agent writes");
        assertEquals("handoff", quiet.get("outcome"));
        // FORGET, confirmed, works while a person answers and removes the request and its messages
        resident.says("FORGET");
        resident.says("1");
        assertEquals("0", Sql.one(dataSource, "select count(*) from handoff where id = ?", handoff));
        assertEquals("0", Sql.one(dataSource, "select count(*) from handoff_message where handoff_id = ?", handoff));
    }

    @Test
    void twoQuestionsInARowTheBotCannotAnswerBringAPersonWhenConfigured() {
        Chat resident = new Chat(client, "streak-" + System.nanoTime(), "en");
        Map<String, Object> first = resident.says("zorblax quux frobnicate?");
        assertEquals("unanswered", first.get("outcome"));
        assertEquals(messages.render("en", "handoff.offer").text(), Chat.text(first, 1), "the first time, a person is offered");
        Map<String, Object> second = resident.says("wibble snark plugh xyzzy?");
        String covered = messages.render("en", "handoff.covered", Map.of("language", messages.languageName("en", "en"),
                "wait", messages.render("en", "handoff.wait", Map.of("hours", 2)).text())).text();
        assertEquals(covered, Chat.text(second, 1), "the second time, a person is asked (agents read English at 10:00 on a Monday)");
        assertEquals("unanswered", Sql.one(dataSource, "select reason from handoff where channel = 'api' order by id desc limit 1"));
    }

    private StaffSession login(String name) {
        StaffSession s = new StaffSession(server.getURI());
        assertEquals(303, s.login(name, PASSWORD).statusCode());
        return s;
    }

    private void say(long chat, String text) throws IOException, InterruptedException {
        String body;
        try (InputStream in = getClass().getResourceAsStream("/webhooks/telegram/message-text-ru.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("857412001", String.valueOf(IDS.incrementAndGet()))
                    .replace("5038217766", String.valueOf(chat))
                    .replace("что такое мобильная карта иностранца?", text.replace("\"", "\\\""));
        }
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/webhooks/telegram"))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    private List<Map<String, Object>> sentTo(long chat) {
        return API.calls("/sendMessage").stream().map(c -> {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = json.readValue(c.body(), Map.class);
                return m;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(b -> String.valueOf(chat).equals(String.valueOf(b.get("chat_id")))).toList();
    }
}
