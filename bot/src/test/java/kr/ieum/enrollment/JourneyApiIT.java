package kr.ieum.enrollment;

import static kr.ieum.support.Chat.options;
import static kr.ieum.support.Chat.replies;
import static kr.ieum.support.Chat.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.support.Sql;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.content.Journey;
import kr.ieum.content.JourneyTexts;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/**
 * The enrollment journey through {@code POST /api/v1/messages}: how it starts (intent, menu, offer, code), every path,
 * free text in the middle, "problem" and "later", resume codes across channels, deep links and the funnel.
 * Wording is checked against the locale's own texts.
 */
@MicronautTest
class JourneyApiIT extends ServiceTest {
    private static final String JOURNEY = "mobile-id-enrollment";
    @Inject
    DataSource dataSource;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    JourneyService journeys;
    @Inject
    Messages messages;
    @Inject
    kr.ieum.faq.FaqService faq;
    @Inject
    io.micronaut.runtime.server.EmbeddedServer server;

    private JourneyTexts texts(String locale) {
        return journey().texts().get(locale);
    }

    private Journey journey() {
        return journeys.journey(JOURNEY).orElseThrow();
    }

    private String step(String locale, String step) {
        return texts(locale).steps().get(step).text();
    }

    private static String last(Map<String, Object> r) {
        return text(r, replies(r).size() - 1);
    }

    private static List<Map<String, Object>> lastOptions(Map<String, Object> r) {
        List<Map<String, Object>> options = options(r, replies(r).size() - 1);
        return options == null ? List.of() : options;
    }

    @Test
    void aQuestionThatShowsTheIntentStartsTheJourney() {
        Map<String, Object> r = new Chat(client, "intent-en", "en").says("how do I get the mobile residence card?");
        assertEquals("journey", r.get("outcome"));
        assertTrue(replies(r).stream().anyMatch(m -> texts("en").intro().equals(m.get("text"))));
        assertEquals(step("en", "age"), last(r));
        assertEquals(List.of("1", "2"), lastOptions(r).stream().map(o -> o.get("key")).toList());
        assertEquals(texts("en").steps().get("age").choices().get("yes"), lastOptions(r).get(0).get("label"));
    }

    @Test
    void icCardOnAndroidInVietnamese() {
        String campaign = "ic-" + UUID.randomUUID().toString().substring(0, 8);
        Chat vi = new Chat(client, "ic-vi", "vi");
        Map<String, Object> r = vi.says("j_" + JOURNEY + "_c-" + campaign);
        assertEquals("journey", r.get("outcome"));
        assertEquals("vi", r.get("language"));
        // a machine translation says so once, at the start
        assertTrue(replies(r).stream().anyMatch(m -> messages.render("vi", "notice.machine").text().equals(m.get("text"))));
        assertEquals(step("vi", "age"), last(r));
        vi.says("1");
        vi.says("1");
        vi.says("1");
        assertEquals(step("vi", "device"), last(vi.says("1")));
        r = vi.says("1");
        assertEquals(step("vi", "ic-install"), last(r));
        assertEquals(List.of(messages.render("vi", "journey.choice.done").text(), messages.render("vi", "journey.choice.problem").text(),
                messages.render("vi", "journey.choice.later").text()), lastOptions(r).stream().map(o -> o.get("label")).toList());
        assertEquals(step("vi", "ic-nfc"), last(vi.says("1")), "Android: turn NFC on first");
        assertEquals(step("vi", "ic-tap"), last(vi.says("1")));
        assertEquals(step("vi", "ic-pin"), last(vi.says("1")));
        assertEquals(step("vi", "ic-face"), last(vi.says("1")));
        r = vi.says("1");
        assertEquals(step("vi", "done-ic"), last(r));
        assertTrue(lastOptions(r).isEmpty());
        Map<String, Object> funnel = funnel(campaign);
        assertEquals(1, ((Number) funnel.get("started")).intValue());
        assertEquals(1, ((Number) funnel.get("completed")).intValue());
        assertEquals(1, reached(funnel, "ic-nfc"));
        assertEquals(0, reached(funnel, "office"));
        // after the end, CONTINUE has nothing to go on with
        assertEquals(messages.render("vi", "journey.none").text(), last(vi.says("continue")));
    }

    /** Found by FuzzIT: a campaign code with a NUL reached PostgreSQL, which refused it (503). */
    @Test
    void aCampaignCodeNoLinkCanCarryCountsNobody() {
        Map<String, Object> funnel = funnel("%00x");
        assertEquals(0, ((Number) funnel.get("started")).intValue());
        assertEquals(0, ((Number) funnel(URLEncoder.encode("'; select 1; --", StandardCharsets.UTF_8)).get("started")).intValue());
    }

    @Test
    void olderCardOfficeQrWithTheOfficeFoundFromARomanisedName() {
        Chat ru = new Chat(client, "qr-ru", "ru");
        Map<String, Object> r = ru.says("j_" + JOURNEY + "_card");
        assertEquals(step("ru", "card"), last(r));
        assertEquals(step("ru", "old-method"), last(ru.says("2")));
        assertEquals(step("ru", "office"), last(ru.says("1")));
        r = ru.says("Guro-gu");
        String office = text(r, 0);
        assertTrue(office.contains("Seoul Southern Immigration Office"), office);
        assertTrue(office.contains("48 Magokseo 1-ro"), office);
        assertTrue(office.contains(messages.render("ru", "office.hours.unknown").text()), office);
        assertEquals(step("ru", "qr-book"), last(r), "QR method: book the visit next");
        assertEquals(step("ru", "qr-install"), last(ru.says("1")));
        assertEquals(step("ru", "qr-at-office"), last(ru.says("1")));
        assertEquals(step("ru", "done-qr"), last(ru.says("1")));
    }

    @Test
    void olderCardSwapThenTheIcPathAndAnUnconfirmedOffice() {
        Chat th = new Chat(client, "swap-th", "th");
        th.says("j_" + JOURNEY + "_old-method");
        th.says("2");
        Map<String, Object> r = th.says("Hwaseong-si");
        assertEquals(messages.render("th", "office.unknown", Map.of("place", "Hwaseong-si", "url", "https://www.hikorea.go.kr")).text(),
                text(r, 0), "Hwaseong's office is not confirmed: no office is invented");
        assertEquals(step("th", "swap-book"), last(r), "swap: the route on the earlier answer leads to the swap booking");
        assertEquals(step("th", "swap-apply"), last(th.says("1")));
        assertEquals(step("th", "swap-wait"), last(th.says("1")));
        assertEquals(step("th", "device"), last(th.says("1")));
        assertEquals(step("th", "ic-install"), last(th.says("2")));
        assertEquals(step("th", "ic-tap"), last(th.says("1")), "iPhone: no NFC setting step");
    }

    @Test
    void aStartCodeCarriesTheLanguageItWasShownIn() {
        // a LINE or KakaoTalk first message from a poster in Khmer: no other hint of the language
        Map<String, Object> r = new Chat(client, "code-km", null).says("j_" + JOURNEY + "_card_l-km");
        assertEquals("km", r.get("language"));
        assertEquals(step("km", "card"), last(r));
        Map<String, Object> hans = new Chat(client, "code-zh", null).says("j_" + JOURNEY + "_l-zh-Hans");
        assertEquals(step("zh-Hans", "age"), last(hans));
    }

    @Test
    void theEndingsForThoseWhoCannotEnrollYet() {
        Chat ko = new Chat(client, "age-ko", "ko");
        ko.says("j_" + JOURNEY);
        Map<String, Object> r = ko.says("2");
        assertEquals("journey", r.get("outcome"));
        assertEquals(step("ko", "under-14"), last(r));
        Chat ne = new Chat(client, "employer-ne", "ne");
        ne.says("j_" + JOURNEY + "_phone");
        assertEquals(step("ne", "phone-not-own"), last(ne.says("2")));
        Chat uz = new Chat(client, "nophone-uz", "uz");
        uz.says("j_" + JOURNEY + "_phone");
        assertEquals(step("uz", "no-smartphone"), last(uz.says("3")));
    }

    @Test
    void freeTextInTheMiddleIsAnsweredAndTheJourneyWaits() {
        Chat en = new Chat(client, "free-en", "en");
        en.says("j_" + JOURNEY + "_card");
        Map<String, Object> r = en.says("what is the mobile residence card?");
        assertEquals("answered", r.get("outcome"));
        assertEquals(messages.render("en", "journey.continue").text(), last(r));
        r = en.says("continue");
        assertEquals("journey", r.get("outcome"));
        assertEquals(step("en", "card"), last(r));
        // typing a choice's label works like its number
        assertEquals(step("en", "old-method"), last(en.says(texts("en").steps().get("card").choices().get("old"))));
    }

    /**
     * A contact's turns read its journey progress only once it has some: the contact row says so from the statement that
     * saved its first step (one statement less on the turns of the many who never start one).
     */
    @Test
    void aContactIsMarkedAsInAJourneyWhenItsFirstStepIsSaved() {
        // a mark of letters only: digits could read as an ID or phone number, which the stored body has redacted
        String question = "what is the mobile residence card? " + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        Chat en = new Chat(client, "marked-" + UUID.randomUUID(), "en");
        assertEquals("answered", en.says(question).get("outcome"));
        String flags = "select c.journeys || ' ' || c.handoffs from contact c join turn t on t.contact_id = c.id where t.body = ?";
        assertEquals("false false", Sql.one(dataSource, flags, question));
        en.says("j_" + JOURNEY + "_card");
        assertEquals("true false", Sql.one(dataSource, flags, question));
        // and the next question is answered as one asked in the middle of the journey
        assertEquals(messages.render("en", "journey.continue").text(), last(en.says("what is the mobile residence card?")));
    }

    @Test
    void problemAnswersTheTroubleshootingTopicThenAsksAPersonAndSaysHonestlyWhen() {
        Chat id = new Chat(client, "problem-id", "id");
        id.says("j_" + JOURNEY + "_ic-tap");
        Map<String, Object> r = id.says("2");
        String troubleshooting = faq.text("mobile-id-troubleshooting", "id").orElseThrow().localization().answer();
        assertTrue(replies(r).stream().anyMatch(m -> troubleshooting.equals(m.get("text"))), "the troubleshooting topic first");
        // no agent reads Indonesian (ieum.handoff.languages ko,en): 1345 and the next working day, in Indonesian
        String closed = messages.render("id", "handoff.closed", Map.of("language", messages.languageName("id", "id"),
                "hours", messages.render("id", "handoff.hours.day").text())).text();
        assertTrue(replies(r).stream().anyMatch(m -> closed.equals(m.get("text"))), replies(r).toString());
        assertEquals("problem", Sql.one(dataSource, "select reason from handoff h join contact c on c.id = h.contact_id "
                + "where h.language = 'id' order by h.id desc limit 1"));
        assertEquals(messages.render("id", "journey.continue").text(), last(r));
        assertEquals(step("id", "ic-tap"), last(id.says("continue")), "the journey waits at the same step");
    }

    @Test
    void laterGivesAResumeCodeThatMovesTheJourneyToAnotherChannel() {
        Chat sms = new Chat(client, "later-mn", "mn");
        sms.says("j_" + JOURNEY + "_ic-pin");
        Map<String, Object> r = sms.says("3");
        assertEquals(messages.render("mn", "journey.later").text(), text(r, 0));
        Matcher code = Pattern.compile("R-[A-Z2-9]{6}").matcher(text(r, 1));
        assertTrue(code.find(), text(r, 1));
        assertEquals(messages.render("mn", "journey.reminder.offer", Map.of("days", 2L)).text(), last(r));
        assertEquals(messages.render("mn", "journey.reminder.set", Map.of("days", 2L)).text(), last(sms.says("1")));
        Map<String, Object> moved = new Chat(client, "later-mn-elsewhere", "mn").says(code.group().toLowerCase());
        assertEquals("journey", moved.get("outcome"));
        assertEquals(step("mn", "ic-pin"), last(moved));
        assertEquals(messages.render("en", "journey.resume.unknown").text(), last(new Chat(client, "bad-code", "en").says("R-ZZZZZZ")));
    }

    @Test
    void theMenuAndAnAnswersOfferStartTheJourney() {
        Chat tl = new Chat(client, "menu-tl", "tl");
        Map<String, Object> menu = tl.says("menu");
        assertEquals(texts("tl").title(), options(menu, 0).get(0).get("label"));
        assertEquals(step("tl", "age"), last(tl.says("1")));
        Chat bn = new Chat(client, "offer-bn", "bn");
        bn.says("MENU");
        Map<String, Object> answer;
        answer = bn.says("2");
        assertEquals("mobile-id-overview", answer.get("topic"));
        assertEquals(messages.render("bn", "journey.offer").text(), last(answer));
        assertEquals(messages.render("bn", "journey.offer.start").text(), lastOptions(answer).get(0).get("label"));
        assertEquals(step("bn", "age"), last(bn.says("1")));
    }

    @Test
    void deepLinksOpenTheWebChatWithTheStartCode() {
        assertEquals("/chat?lang=vi&start=j_" + JOURNEY + "_card_c-assoc-12_l-vi",
                location("/j/" + JOURNEY + "?lang=vi&step=card&c=assoc-12"));
        assertEquals("/chat?lang=zh-Hans&start=j_" + JOURNEY + "_l-zh-Hans", location("/j/" + JOURNEY + "?lang=zh-Hans&step=no-such-step"));
        assertEquals("/chat?lang=en&start=j_" + JOURNEY + "_l-en", location("/j/" + JOURNEY + "?c=%3Cscript%3E"));
        assertEquals("/chat?lang=ur", location("/j/no-such-journey?lang=ur"));
    }

    @Test
    void aStepHasALightPageOfItsOwnForSms() throws Exception {
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/j/" + JOURNEY + "/old-method?lang=th")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<html lang=\"th\""));
        String first = step("th", "old-method").lines().findFirst().orElseThrow();
        assertTrue(page.body().contains(kr.ieum.i18n.RichText.escape(first)), page.body());
        assertTrue(page.body().contains("<li>" + kr.ieum.i18n.RichText.escape(texts("th").steps().get("old-method").choices().get("qr"))));
        assertTrue(page.body().length() < 50_000, "light enough for an old phone");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        assertEquals(404, java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/j/" + JOURNEY + "/no-such-step?lang=th")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private String location(String path) {
        try {
            // java.net.http does not follow redirects unless told to
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(303, response.statusCode(), path);
            return response.headers().firstValue("Location").orElseThrow();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> funnel(String campaign) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/funnel?journey=" + JOURNEY + "&campaign=" + campaign), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static int reached(Map<String, Object> funnel, String step) {
        return ((List<Map<String, Object>>) funnel.get("steps")).stream().filter(s -> step.equals(s.get("step")))
                .mapToInt(s -> ((Number) s.get("reached")).intValue()).findFirst().orElseThrow();
    }
}
