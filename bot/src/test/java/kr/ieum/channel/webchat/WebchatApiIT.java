package kr.ieum.channel.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.channel.Delivery;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web chat API over HTTP: session tokens, origins, idempotent messages, language, the event stream, bad input. */
@MicronautTest(transactional = false)
// the test server listens on localhost, and Micronaut refuses other origins calling a localhost server (drive-by
// protection); in production the Host is the public name (a reverse proxy must pass it on)
@Property(name = "micronaut.server.cors.localhost-pass-through", value = "true")
@Property(name = "ieum.channels.webchat.origins", value = "https://www.partner.example.org, https://ministry.example.go.kr:8443")
@Property(name = "ieum.channels.webchat.burst", value = "6")
@Property(name = "ieum.channels.webchat.messages-per-minute", value = "2")
@Property(name = "ieum.channels.webchat.heartbeat", value = "1s")
class WebchatApiIT extends ServiceTest {
    private static final String PARTNER = "https://www.partner.example.org";
    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    Messages messages;
    @Inject
    FaqService faq;
    @Inject
    ObjectMapper json;
    @Inject
    WebchatProperties properties;
    WebchatHttp http;

    @BeforeAll
    void connect() {
        http = new WebchatHttp(server.getURI());
    }

    @Test
    void refusesAMissingOrForgedTokenAndStoresNothing() {
        Map<String, Object> session = session("vi");
        String token = (String) session.get("token");
        long inboxBefore = webchatInbox();
        long contactsBefore = contacts();
        String[] parts = token.split("\\.");
        String otherLanguage = parts[0] + ".ru." + parts[2] + "." + parts[3];
        String flippedMac = parts[0] + "." + parts[1] + "." + parts[2] + "." + (parts[3].charAt(0) == 'A' ? 'B' : 'A') + parts[3].substring(1);
        String otherSession = "AAAAAAAAAAAAAAAAAAAAAA." + parts[1] + "." + parts[2] + "." + parts[3];
        String body = message("thẻ cư trú di động là gì?", "m1");

        assertEquals(401, http.post("/webchat/messages", body).statusCode(), "no token");
        for (String forged : List.of(otherLanguage, flippedMac, otherSession, "garbage", token + "x")) {
            HttpResponse<String> r = http.post("/webchat/messages", body, "Authorization", "Bearer " + forged);
            assertEquals(401, r.statusCode(), forged);
            assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertEquals(401, http.get("/webchat/events").statusCode(), "the event stream needs a token too");
        assertEquals(401, http.get("/webchat/events?token=" + URLEncoder.encode(flippedMac, StandardCharsets.UTF_8)).statusCode());
        assertEquals(inboxBefore, webchatInbox(), "nothing stored");
        assertEquals(contactsBefore, contacts(), "no contact created");

        assertEquals(200, http.post("/webchat/messages", body, "Authorization", "Bearer " + token).statusCode(), "the real token works");
        assertEquals(inboxBefore + 1, webchatInbox());
    }

    @Test
    void refusesAForeignOriginAndServesAConfiguredOneWithCors() {
        HttpResponse<String> foreign = http.post("/webchat/sessions", "{\"lang\":\"vi\"}", "Origin", "https://evil.example.com");
        assertEquals(403, foreign.statusCode());
        assertFalse(foreign.headers().firstValue("Access-Control-Allow-Origin").isPresent());

        HttpResponse<String> partner = http.post("/webchat/sessions", "{\"lang\":\"vi\"}", "Origin", PARTNER);
        assertEquals(200, partner.statusCode(), "configured: " + properties.origins() + " -> " + properties.allowedOrigins());
        assertEquals(PARTNER, partner.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(partner.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Origin")));

        HttpResponse<String> preflight = http.options("/webchat/messages", "Origin", "https://ministry.example.go.kr:8443",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type");
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals("https://ministry.example.go.kr:8443", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        assertEquals(403, http.options("/webchat/messages", "Origin", "https://ministry.example.go.kr").statusCode(),
                "another port is another origin");

        String token = (String) read(partner.body()).get("token");
        long before = webchatInbox();
        HttpResponse<String> stolen = http.post("/webchat/messages", message("hello", "m1"), "Authorization", "Bearer " + token,
                "Origin", "https://evil.example.com");
        assertEquals(403, stolen.statusCode(), "a valid token from a foreign page is refused");
        assertEquals(before, webchatInbox());

        HttpResponse<String> same = http.post("/webchat/sessions", "{}", "Origin", server.getURL().toString());
        assertEquals(200, same.statusCode(), "the service's own pages are always allowed");
    }

    @Test
    void processesARetriedClientMessageIdOnce() {
        String token = (String) session("vi").get("token");
        long before = webchatInbox();
        String body = message("thẻ cư trú di động là gì?", "double-click-1");
        HttpResponse<String> first = http.post("/webchat/messages", body, "Authorization", "Bearer " + token);
        HttpResponse<String> retry = http.post("/webchat/messages", body, "Authorization", "Bearer " + token);
        assertEquals(200, first.statusCode());
        assertEquals(200, retry.statusCode());
        assertEquals(false, read(first.body()).get("duplicate"));
        Map<String, Object> again = read(retry.body());
        assertEquals(true, again.get("duplicate"));
        assertEquals(replies(read(first.body())), replies(again), "a retry whose response was lost gets the same replies");
        assertEquals(before + 1, webchatInbox(), "stored and processed once");
        String turnsIn = Sql.one(dataSource, "select count(*) from inbox where channel = 'webchat' and provider_id like ?",
                "%:double-click-1");
        assertEquals("1", turnsIn);
    }

    @Test
    void answersInTheLanguageAskedIn() {
        String vi = (String) session("vi").get("token");
        Map<String, Object> r = read(http.post("/webchat/messages", message("thẻ cư trú di động là gì?", "q1"),
                "Authorization", "Bearer " + vi).body());
        assertEquals("vi", r.get("language"));
        Map<String, Object> answer = answerReply(r);
        assertEquals("mobile-id-overview", answer.get("topic"));
        assertEquals(faq.text("mobile-id-overview", "vi").orElseThrow().localization().answer(), answer.get("text"));
        assertEquals("ltr", answer.get("dir"));
        assertTrue(((String) answer.get("link")).endsWith("/a/mobile-id-overview?lang=vi"));
        assertTrue(((String) answer.get("html")).contains("href=\"/a/"), "topic links point to answer pages");

        String ur = (String) session("ur").get("token");
        Map<String, Object> u = read(http.post("/webchat/messages", message("موبائل رہائشی کارڈ (موبائل ARC) کیا ہے؟", "q1"),
                "Authorization", "Bearer " + ur).body());
        assertEquals("ur", u.get("language"));
        assertEquals("rtl", answerReply(u).get("dir"));

        Map<String, Object> menu = read(http.post("/webchat/messages", message("MENU", "q2"), "Authorization", "Bearer " + vi).body());
        Map<String, Object> first = replies(menu).get(0);
        assertEquals(messages.render("vi", "menu.title").text(), first.get("text"));
        assertTrue(((List<?>) first.get("options")).size() >= 5, "numbered options");
    }

    @Test
    void theEventStreamDeliversAReplySentLater() throws Exception {
        Map<String, Object> session = session("vi");
        String token = (String) session.get("token");
        String sessionId = (String) session.get("sessionId");
        HttpRequest request = HttpRequest.newBuilder(http.uri("/webchat/events?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> stream = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        try {
            List<String> ready = readUntil(lines, "ready");
            assertTrue(ready.stream().anyMatch(l -> l.equals("event:ready") || l.equals("event: ready")), String.join("\n", ready));
            String human = messages.render("vi", "handoff.requested").text();
            long sentBefore = dispatcher.outboxCount("webchat", "sent");
            dispatcher.enqueue(new Delivery("webchat", sessionId, "vi", List.of(OutboundMessage.of(messages.render("vi", "handoff.requested"))),
                    Map.of()));
            List<String> got = readUntil(lines, "message");
            String data = got.stream().filter(l -> l.startsWith("data:")).reduce((a, b) -> b).orElseThrow();
            Map<String, Object> pushed = read(data.substring(5).strip());
            assertEquals(human, replies(pushed).get(0).get("text"));
            Await.until("the outbox row is marked sent", () -> dispatcher.outboxCount("webchat", "sent") == sentBefore + 1);
        } finally {
            stream.body().close();
        }
    }

    @Test
    void aReplyForASessionWithoutAnOpenStreamWaitsInTheOutbox() {
        long pendingBefore = dispatcher.outboxCount("webchat", "pending");
        dispatcher.enqueue(new Delivery("webchat", "BBBBBBBBBBBBBBBBBBBBBB", "en",
                List.of(OutboundMessage.of(messages.render("en", "handoff.requested"))), Map.of()));
        Await.until("the failed push is scheduled for a retry", () -> dispatcher.outboxCount("webchat", "pending") == pendingBefore + 1);
    }

    @Test
    void badInputGetsAClear4xxOrASensibleReply() {
        String auth = "Bearer " + session("en").get("token");
        assertEquals(400, http.post("/webchat/messages", "{\"text\": \"hi\", \"clientMessageId\": ", "Authorization", auth).statusCode(),
                "malformed JSON");
        assertEquals(400, http.post("/webchat/messages", "{\"text\": \"hi\"}", "Authorization", auth).statusCode(), "no clientMessageId");
        assertEquals(400, http.post("/webchat/messages", "{\"clientMessageId\": \"a\"}", "Authorization", auth).statusCode(), "no text");
        assertEquals(400, http.post("/webchat/messages", message("hi", "../../etc"), "Authorization", auth).statusCode(), "odd id");
        assertEquals(400, http.post("/webchat/messages", "[1,2]", "Authorization", auth).statusCode(), "not an object");
        assertEquals(413, http.post("/webchat/messages", message("x".repeat(100_000), "big"), "Authorization", auth).statusCode(),
                "100 KB of text");
        HttpResponse<String> empty = http.post("/webchat/messages", message("", "empty"), "Authorization", auth);
        assertEquals(200, empty.statusCode());
        assertEquals(messages.render("en", "empty").text(), replies(read(empty.body())).get(0).get("text"));
        HttpResponse<String> control = http.post("/webchat/messages", message("\u0000\u0007what\u001b[31m is the mobile card\u0008?", "ctl"),
                "Authorization", auth);
        assertEquals(200, control.statusCode(), control.body());
        assertFalse(replies(read(control.body())).isEmpty());
        assertEquals(400, http.post("/webchat/sessions", "{\"lang\": ", "Content-Type", "application/json").statusCode());
        HttpResponse<String> odd = http.post("/webchat/sessions", "{\"lang\": \"<script>\"}");
        assertEquals(200, odd.statusCode(), "an unknown language falls back to English");
        assertEquals("en", read(odd.body()).get("language"));
    }

    @Test
    void limitsHowFastOneSessionMaySend() {
        String auth = "Bearer " + session("en").get("token");
        String other = "Bearer " + session("en").get("token");
        int ok = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8; i++) {
            last = http.post("/webchat/messages", message("help", "burst-" + i), "Authorization", auth);
            if (last.statusCode() == 200) {
                ok++;
            } else {
                break;
            }
        }
        assertEquals(6, ok, "the burst is allowed");
        assertEquals(429, last.statusCode());
        assertNotNull(last.headers().firstValue("Retry-After").orElse(null));
        assertEquals(200, http.post("/webchat/messages", message("help", "other-1"), "Authorization", other).statusCode(),
                "another session is not limited");
    }

    /** Reads the stream until a {@code data:} line of an event whose name or data contains {@code marker}. */
    private List<String> readUntil(BufferedReader lines, String marker) throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(() -> {
            String event = "";
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    seen.add(line);
                    if (line.startsWith("event:")) {
                        event = line;
                    } else if (line.startsWith("data:") && (line.contains(marker) || event.contains(marker))) {
                        return seen;
                    } else if (line.isEmpty()) {
                        event = "";
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return seen;
        });
        try {
            return read.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no '" + marker + "' event; the stream sent: " + seen, e);
        }
    }

    private Map<String, Object> session(String lang) {
        HttpResponse<String> r = http.post("/webchat/sessions", "{\"lang\":\"" + lang + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> s = read(r.body());
        assertEquals(lang, s.get("language"));
        return s;
    }

    private String message(String text, String id) {
        try {
            return json.writeValueAsString(Map.of("text", text, "clientMessageId", id));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> replies(Map<String, Object> response) {
        return (List<Map<String, Object>>) response.get("replies");
    }

    private static Map<String, Object> answerReply(Map<String, Object> response) {
        return replies(response).stream().filter(m -> m.get("topic") != null).findFirst()
                .orElseThrow(() -> new AssertionError("no answer in " + response));
    }

    private long webchatInbox() {
        return Long.parseLong(Sql.one(dataSource, "select count(*) from inbox where channel = ?", "webchat"));
    }

    private long contacts() {
        return Long.parseLong(Sql.one(dataSource, "select count(*) from contact"));
    }
}
