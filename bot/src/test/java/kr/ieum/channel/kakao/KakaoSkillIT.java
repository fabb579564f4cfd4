package kr.ieum.channel.kakao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.Golden;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.StandInServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The KakaoTalk skill end to end: golden skill payloads in Kakao i Open Builder's format, the shared secret
 * header, inline 2.0 skill responses, de-duplication of repeats, and the callback for slow turns (a time budget
 * of zero makes every turn with a callback URL "slow") against a stand-in for Kakao's callback endpoint.
 */
@MicronautTest(transactional = false)
class KakaoSkillIT extends ServiceTest {
    private static final String SECRET = "test-kakao-secret-7c1d";
    private static final String GOLDEN_USER = "d3a5f0c1b2e4a6d8c0b1e2f3a4d5c6b7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4";
    private static final String GOLDEN_UTTERANCE = "모바일 외국인등록증이 뭐예요?";
    private final StandInServer kakao = StandInServer.start(c -> new StandInServer.Reply(200,
            "{\"taskId\":\"" + UUID.randomUUID() + "\",\"status\":\"SUCCESS\",\"message\":\"OK\",\"timestamp\":1733011200000}"));

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    Messages messages;
    @Inject
    kr.ieum.handoff.HandoffService handoffs;
    @Inject
    kr.ieum.enrollment.JourneyService journeys;
    @Inject
    kr.ieum.enrollment.Funnels funnels;
    @Inject
    FaqService faq;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = super.getProperties();
        props.put("ieum.channels.kakao.enabled", "true");
        props.put("ieum.channels.kakao.skill-secret", SECRET);
        props.put("ieum.channels.kakao.allowed-cidrs", "127.0.0.0/8, ::1/128");
        props.put("ieum.channels.kakao.time-budget", "0ms");
        props.put("ieum.channels.kakao.callback-hosts", "localhost");
        return props;
    }

    @AfterAll
    void stopKakao() {
        kakao.close();
    }

    @Inject
    KakaoProperties properties;

    @Test
    void bindsItsConfiguration() {
        assertTrue(properties.enabled());
        assertEquals(SECRET, properties.skillSecret());
        assertEquals("127.0.0.0/8, ::1/128", properties.allowedCidrs());
        assertEquals(java.time.Duration.ZERO, properties.timeBudget());
        assertEquals(java.time.Duration.ofSeconds(30), properties.dedupeWindow());
        assertEquals("localhost", properties.callbackHosts());
        assertEquals(false, properties.trustForwardedFor());
    }

    @Test
    void answersAKoreanRequestWithAVersion2SkillResponseInKorean() {
        Map<String, Object> response = skill(Golden.load("kakao/skill-request.json", GOLDEN_USER, user()), SECRET);
        assertEquals("2.0", response.get("version"));
        List<Map<String, Object>> outputs = outputs(response);
        assertTrue(!outputs.isEmpty() && outputs.size() <= 3);
        assertTrue(text(outputs.get(0)).startsWith(prefix("mobile-id-overview", "ko")), "answered in Korean");
        outputs.forEach(o -> assertTrue(text(o).length() <= 1000));
    }

    /** Persona: a 13-year-old writes from a Korean poster's KakaoTalk link; the journey says kindly that it is not yet possible. */
    @Test
    void walksTheJourneyToTheUnder14EndingWithQuickReplies() {
        kr.ieum.content.JourneyTexts ko = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("ko");
        String user = user();
        String campaign = "kk-" + System.nanoTime();
        Map<String, Object> first = skill(request(user, "j_mobile-id-enrollment_c-" + campaign + "_l-ko"), SECRET);
        List<String> texts = outputs(first).stream().map(KakaoSkillIT::text).toList();
        assertTrue(texts.stream().anyMatch(t -> t.startsWith(ko.steps().get("age").text())), texts.toString());
        List<Map<String, Object>> quickReplies = list(template(first), "quickReplies");
        assertEquals(2, quickReplies.size(), "the two answers as quick replies");
        Map<String, Object> ending = skill(request(user, "2"), SECRET);
        assertEquals(ko.steps().get("under-14").text(), text(outputs(ending).get(0)));
        kr.ieum.enrollment.Funnel funnel = funnels.funnel("mobile-id-enrollment", campaign).orElseThrow();
        assertEquals(1, funnel.started());
        assertEquals(1, funnel.cannot());
        assertEquals(0, funnel.completed());
    }

    @Test
    void answersInTheResidentsLanguageWithQuickRepliesForTheMenu() {
        String user = user();
        Map<String, Object> answer = skill(request(user, "thẻ cư trú di động là gì?"), SECRET);
        assertTrue(text(outputs(answer).get(0)).startsWith(prefix("mobile-id-overview", "vi")), "answered in Vietnamese");

        Map<String, Object> menu = skill(request(user, "MENU"), SECRET);
        assertTrue(text(outputs(menu).get(0)).startsWith(messages.render("vi", "menu.title").text()), "menu in Vietnamese");
        assertTrue(text(outputs(menu).get(0)).contains("\n1. "), "numbered lines stay in the text");
        List<Map<String, Object>> quickReplies = list(template(menu), "quickReplies");
        assertEquals(faq.menu().size() + 1, quickReplies.size(), "the step-by-step guide, then the menu topics");
        for (int i = 0; i < quickReplies.size(); i++) {
            Map<String, Object> q = quickReplies.get(i);
            assertEquals("message", q.get("action"));
            assertEquals(String.valueOf(i + 1), q.get("messageText"));
            assertTrue(((String) q.get("label")).length() <= 14, "label fits 14 chars");
        }

        // a tapped quick reply sends its messageText: option 2 answers the first topic (1 is the guide)
        Map<String, Object> picked = skill(request(user, "2"), SECRET);
        assertTrue(text(outputs(picked).get(0)).startsWith(prefix(faq.menu().get(0), "vi")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void linksInAnAnswerBecomeWebLinkButtonsThatOpenThePages() {
        Map<String, Object> answer = skill(request(user(), "하이코리아는 뭐 하는 사이트예요?"), SECRET);
        List<Map<String, Object>> outputs = outputs(answer);
        assertTrue(outputs.size() <= 3);
        Map<String, Object> card = outputs.stream().map(o -> (Map<String, Object>) o.get("textCard")).filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow(() -> new AssertionError(outputs.toString()));
        List<Map<String, Object>> buttons = (List<Map<String, Object>>) card.get("buttons");
        assertTrue(!buttons.isEmpty() && buttons.size() <= 3, buttons.toString());
        assertTrue(buttons.stream().allMatch(b -> "webLink".equals(b.get("action")) && ((String) b.get("label")).length() <= 14));
        assertTrue(buttons.stream().anyMatch(b -> String.valueOf(b.get("webLinkUrl")).contains("/a/mobile-id-reservation?lang=ko")), buttons.toString());
        assertTrue(buttons.stream().noneMatch(b -> String.valueOf(b.get("label")).startsWith("http")), "a bare address is in the text, not a button");
        assertTrue(outputs.stream().map(String::valueOf).noneMatch(o -> o.contains("](") || o.contains("topic:")), "no Markdown");
    }

    @Test
    void rejectsAMissingOrWrongSecretAndStoresNothing() {
        long inbox = inboxTotal();
        String body = request(user(), "모바일 신분증");
        assertEquals(401, status(post(body, null)));
        assertEquals(401, status(post(body, "test-kakao-secret")));
        assertEquals(401, status(post(body, SECRET + "x")));
        assertEquals(inbox, inboxTotal(), "nothing stored");
    }

    @Test
    void answersARepeatedRequestFromTheFirstTurnInsteadOfRunningItTwice() {
        String body = request(user(), "모바일 외국인등록증은 어떻게 신청해요?");
        long inbox = inboxTotal();
        Map<String, Object> first = skill(body, SECRET);
        Map<String, Object> repeat = skill(body, SECRET);
        assertEquals(first, repeat, "the repeat gets the same response");
        assertEquals(inbox + 1, inboxTotal(), "one turn");
    }

    @Test
    void answersThroughTheCallbackUrlWhenTheTurnOutlastsTheBudget() {
        String path = "/callback/v1.0/5f8e7d6c5b4a39281706f5e0/" + UUID.randomUUID();
        String body = Golden.load("kakao/skill-request-callback.json",
                "https://bot-api.kakao.com/callback/v1.0/5f8e7d6c5b4a39281706f5e0/aBcDeFgHiJkLmNoP", kakao.url() + path,
                "e4b6a1d2c3f5b7e9d1c2f3a4b5e6d7c8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5", user());
        Map<String, Object> response = skill(body, SECRET);
        assertEquals(Map.of("version", "2.0", "useCallback", true), response);
        Await.until("the callback is called", () -> kakao.calls().stream().anyMatch(c -> c.path().equals(path)));
        StandInServer.Call call = kakao.calls().stream().filter(c -> c.path().equals(path)).findFirst().orElseThrow();
        assertEquals("POST", call.method());
        Map<String, Object> late = read(call.body());
        assertEquals("2.0", late.get("version"));
        assertNull(late.get("useCallback"));
        assertTrue(text(outputs(late).get(0)).startsWith(prefix("mobile-id-eligibility", "ko")), "the answer, in Korean");
    }

    @Test
    void whileAPersonAnswersEachMessageIsAcknowledgedInsteadOfAnsweredByTheBot() {
        String user = "kakao-handoff-" + System.nanoTime();
        skill(request(user, "모바일 외국인등록증이 뭐예요?"), SECRET);
        skill(request(user, "HUMAN"), SECRET);
        kr.ieum.handoff.Handoff h = handoffs.open().stream().filter(x -> x.channel().equals("kakao")).reduce((a, b) -> b).orElseThrow();
        assertTrue(handoffs.claim(h.id(), "kakao-agent"));
        Map<String, Object> quiet = skill(request(user, "언제 답해 주나요?"), SECRET);
        String text = String.valueOf(quiet);
        assertTrue(text.contains(messages.render(h.language(), "handoff.passed").text()), text);
        handoffs.resolve(h.id());
    }

    @Test
    void refusesMalformedRequests() {
        assertEquals(400, status(post("{\"userRequest\": {\"utterance\": \"hi\"}}", SECRET)));
        assertEquals(400, status(post("not json", SECRET)));
    }

    private String request(String user, String utterance) {
        return Golden.load("kakao/skill-request.json", GOLDEN_USER, user, GOLDEN_UTTERANCE, utterance);
    }

    private Map<String, Object> skill(String body, String secret) {
        return read(client.toBlocking().retrieve(post(body, secret), String.class));
    }

    private static MutableHttpRequest<byte[]> post(String body, String secret) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST("/webhooks/kakao", body.getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
        return secret == null ? request : request.header("X-Ieum-Kakao-Secret", secret);
    }

    private int status(HttpRequest<?> request) {
        try {
            return client.toBlocking().exchange(request, String.class).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private long inboxTotal() {
        return dispatcher.inboxCount("kakao", "new") + dispatcher.inboxCount("kakao", "done") + dispatcher.inboxCount("kakao", "failed");
    }

    private String prefix(String topic, String language) {
        String answer = faq.text(topic, language).orElseThrow().localization().answer();
        return answer.substring(0, Math.min(30, answer.length()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String body) {
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> template(Map<String, Object> response) {
        return (Map<String, Object>) response.get("template");
    }

    private static List<Map<String, Object>> outputs(Map<String, Object> response) {
        return list(template(response), "outputs");
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> output) {
        Map<String, Object> card = (Map<String, Object>) output.get("textCard");
        return card != null ? (String) card.get("description") : (String) ((Map<String, Object>) output.get("simpleText")).get("text");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    private static String user() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }
}
