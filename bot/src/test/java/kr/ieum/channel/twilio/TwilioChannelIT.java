package kr.ieum.channel.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.channel.ChannelDispatcher;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SMS and WhatsApp through Twilio, end to end: signed form webhooks in (signed as Twilio documents it), the
 * real Twilio SDK out to a local stand-in for Twilio's REST API.
 */
@MicronautTest(transactional = false)
class TwilioChannelIT extends ServiceTest {
    static final String PUBLIC_URL = "https://ieum.example.org";
    static final String ACCOUNT = "ACa1b2c3d4e5f60718293a4b5c6d7e8f90";
    static final String TOKEN = "12345678901234567890123456789012";
    static final String SMS_FROM = "+15005550006";
    static final String WHATSAPP_FROM = "whatsapp:+14155238886";
    static final TwilioApiStandIn TWILIO = new TwilioApiStandIn();

    @Inject
    EmbeddedServer server;
    @Inject
    Messages messages;
    @Inject
    DataSource dataSource;
    @Inject
    ChannelDispatcher dispatcher;
    @Inject
    kr.ieum.enrollment.JourneyService journeys;
    @Inject
    kr.ieum.enrollment.Funnels funnels;
    @Inject
    kr.ieum.console.AccountStore accounts;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("ieum.public-url", PUBLIC_URL);
        props.put("ieum.channels.twilio.enabled", "true");
        props.put("ieum.channels.twilio.account-sid", ACCOUNT);
        props.put("ieum.channels.twilio.auth-token", TOKEN);
        props.put("ieum.channels.twilio.sms-from", SMS_FROM);
        props.put("ieum.channels.twilio.whatsapp-from", WHATSAPP_FROM);
        props.put("ieum.channels.twilio.api-url", TWILIO.url());
        props.put("ieum.announcements.whatsapp-template", "HXb5b62575e6e4ff6129ad7c8efe1f983e");
        props.put("ieum.channels.first-retry", "200ms");
        props.put("ieum.channels.max-retry", "500ms");
        props.put("ieum.announcements.poll", "200ms");
        props.put("ieum.announcements.rates.twilio", "20");
        props.put("ieum.enrollment.quiet-start", "00:00");
        props.put("ieum.enrollment.quiet-end", "00:00");
        return props;
    }

    @AfterAll
    void stopStandIn() {
        TWILIO.close();
    }

    private HttpResponse<String> post(String path, Map<String, String> params, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TwilioRequests.form(params), StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a message webhook signed with the configured token for the public URL, as Twilio does. */
    private HttpResponse<String> signedMessage(Map<String, String> params) {
        return post("/webhooks/twilio", params, TwilioRequests.sign(TOKEN, PUBLIC_URL + "/webhooks/twilio", params));
    }

    private HttpResponse<String> signedStatus(Map<String, String> params) {
        return post("/webhooks/twilio/status", params, TwilioRequests.sign(TOKEN, PUBLIC_URL + "/webhooks/twilio/status", params));
    }

    private long inbox() {
        return Long.parseLong(Sql.one(dataSource, "select count(*) from inbox where channel = 'twilio'"));
    }

    private static Map<String, String> with(Map<String, String> params, String... pairs) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put(pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    private static String sid(String suffix) {
        return "SM" + "0".repeat(32 - suffix.length()) + suffix;
    }

    private static List<TwilioApiStandIn.Call> awaitCalls(String to, int count) {
        Await.until(count + " message(s) to the resident through Twilio's API", () -> TWILIO.callsTo(to).size() >= count);
        return TWILIO.callsTo(to);
    }

    private String text(String language, String key) {
        return messages.render(language, key).text();
    }

    /** HUMAN by SMS in Vietnamese: the honest answer (no agent reads Vietnamese), then an agent's reply as an SMS. */
    @Test
    void aVietnameseResidentAsksForAPersonBySmsAndTheAgentsReplyGoesOutAsAnSms() {
        String from = "+84907770001";
        Map<String, String> base = with(TwilioRequests.params("sms-vi.params"), "From", from);
        assertEquals(200, signedMessage(with(base, "MessageSid", sid("fa1"), "SmsMessageSid", sid("fa1"), "SmsSid", sid("fa1"))).statusCode());
        awaitCalls(from, 1);
        assertEquals(200, signedMessage(with(base, "Body", "HUMAN", "MessageSid", sid("fa2"), "SmsMessageSid", sid("fa2"), "SmsSid", sid("fa2")))
                .statusCode());
        // by SMS the short version: at most two segments
        String closed = messages.render("vi", "handoff.closed.sms", Map.of("language", messages.languageName("vi", "vi"))).text();
        Await.until("the 1345 answer in Vietnamese", () -> TWILIO.callsTo(from).stream().anyMatch(c -> closed.equals(c.form().get("Body"))));
        assertTrue(SmsSegments.count(closed).segments() <= 2);
        String id = Sql.one(dataSource, "select max(id) from handoff where channel = 'twilio' and language = 'vi'");
        if (accounts.find("sms-agent").isEmpty()) {
            accounts.create("sms-agent", "sms-agent", kr.ieum.console.Passwords.hash("an agent's long password"),
                    java.util.EnumSet.of(kr.ieum.console.Role.AGENT), java.time.Instant.now());
        }
        kr.ieum.support.StaffSession agent = new kr.ieum.support.StaffSession(server.getURI());
        assertEquals(303, agent.login("sms-agent", "an agent's long password").statusCode());
        agent.submit("/console/inbox/" + id, "/console/inbox/" + id + "/claim", Map.of());
        String reply = "Xin chào, tôi là nhân viên hỗ trợ. Bạn cần giúp gì?";
        assertTrue(agent.submit("/console/inbox/" + id, "/console/inbox/" + id + "/reply", Map.of("text", reply))
                .headers().firstValue("location").orElse("").contains("done=sent"));
        Await.until("the agent's SMS", () -> TWILIO.callsTo(from).stream().anyMatch(c -> reply.equals(c.form().get("Body"))));
        assertEquals(SMS_FROM, TWILIO.callsTo(from).get(TWILIO.callsTo(from).size() - 1).form().get("From"));
    }

    /** Persona: a Filipino resident with a pre-2025 card picks the office QR method and names her city in romanised Korean. */
    @Test
    void walksTheOfficeQrPathBySmsWithTheOfficeFoundFromARomanisedCityName() {
        String from = "+639171234500";
        kr.ieum.content.JourneyTexts tl = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("tl");
        Map<String, String> base = with(TwilioRequests.params("sms-vi.params"), "From", from);
        String campaign = "sms-" + System.nanoTime();
        // SMS cuts long replies into several messages: look for the start of each step's text
        String[][] turns = {
            {"j_mobile-id-enrollment_card_c-" + campaign, tl.steps().get("card").text().substring(0, 30)},
            {"2", tl.steps().get("old-method").text().substring(0, 30)},
            {"1", tl.steps().get("office").text().substring(0, 30)},
            {"Suwon-si", "Suwon Immigration Office"},
        };
        int n = 0;
        String[] steps = {"card", "old-method", "office", null};
        for (int i = 0; i < turns.length; i++) {
            String[] turn = turns[i];
            // a step too long for three segments comes as a link to its page, with its numbered choices
            String page = steps[i] == null ? turn[1] : "/j/mobile-id-enrollment/" + steps[i] + "?lang=tl";
            assertEquals(200, signedMessage(with(base, "MessageSid", sid("e1" + n++), "Body", turn[0])).statusCode());
            Await.until("SMS containing: " + turn[1], () -> TWILIO.callsTo(from).stream()
                    .anyMatch(c -> c.body().contains(turn[1]) || c.body().contains(page)));
        }
        TWILIO.callsTo(from).forEach(c -> assertTrue(SmsSegments.count(c.body()).segments() <= 3, c.body()));
        String office = TWILIO.callsTo(from).stream().map(TwilioApiStandIn.Call::body).filter(b -> b.contains("Suwon Immigration Office"))
                .findFirst().orElseThrow();
        assertTrue(office.contains(text("tl", "office.address.unconfirmed")), "Suwon's address is not confirmed: " + office);
        String book = tl.steps().get("qr-book").text().substring(0, 30);
        Await.until("then how to book the visit", () -> TWILIO.callsTo(from).stream()
                .anyMatch(c -> c.body().contains(book) || c.body().contains("/j/mobile-id-enrollment/qr-book?lang=tl")));
        // on SMS the choices are numbered lines in the text
        assertTrue(TWILIO.callsTo(from).stream().anyMatch(c -> c.body().contains("1. " + text("tl", "journey.choice.done"))));
        assertEquals(1, funnels.funnel("mobile-id-enrollment", campaign).orElseThrow().started());
        assertEquals(1, reached(campaign, "office"));
        assertEquals(1, reached(campaign, "qr-book"));
        assertEquals(0, reached(campaign, "swap-book"));
    }

    /** A reply of several SMS whose second part fails: the retry sends the second part, never the first again. */
    @Test
    void aFailedPartIsSentAgainAloneAndTheResidentPaysForEachPartOnce() {
        String from = "+639171234599";
        TWILIO.failCall(from, 2, 500);
        Map<String, String> base = with(TwilioRequests.params("sms-vi.params"), "From", from);
        assertEquals(200, signedMessage(with(base, "MessageSid", sid("cd1"), "Body", "j_mobile-id-enrollment_card_l-tl")).statusCode());
        Await.until("the failed part is sent on retry", () -> TWILIO.callsTo(from).size() >= 3
                && TWILIO.callsTo(from).stream().filter(c -> c.sid() != null).count() >= 2);
        Await.until("the outbox row is sent", () -> "0".equals(kr.ieum.support.Sql.one(dataSource,
                "select count(*) from outbox where channel = 'twilio' and state = 'pending' and parts_sent > 0")));
        List<TwilioApiStandIn.Call> calls = TWILIO.callsTo(from);
        TwilioApiStandIn.Call failed = calls.get(1);
        assertEquals(null, failed.sid(), "the stand-in refused the second part");
        Map<String, Long> accepted = calls.stream().filter(c -> c.sid() != null)
                .collect(java.util.stream.Collectors.groupingBy(TwilioApiStandIn.Call::body, java.util.stream.Collectors.counting()));
        assertTrue(accepted.values().stream().allMatch(n -> n == 1), "each part billed once: " + accepted.values());
        assertEquals(1L, accepted.get(failed.body()), "the refused part went once, on the retry");
        assertEquals(1L, calls.stream().filter(c -> c.body().equals(calls.get(0).body())).count(), "the first part was not sent again");
    }

    /** Persona: a Vietnamese worker with a feature phone texts the keyword from a poster. */
    @Test
    void aKeywordSmsStartsTheGuideInTheLanguageItNames() {
        String from = "+84912345099";
        Map<String, String> base = with(TwilioRequests.params("sms-vi.params"), "From", from);
        kr.ieum.content.JourneyTexts vi = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("vi");
        long before = funnels.funnel("mobile-id-enrollment", (String) null).orElseThrow().started();
        assertEquals(200, signedMessage(with(base, "MessageSid", sid("ab1"), "Body", "ID 베트남어")).statusCode());
        String intro = vi.intro().substring(0, 20);
        Await.until("the guide in Vietnamese", () -> TWILIO.callsTo(from).stream()
                .anyMatch(c -> c.body().contains(intro) || c.body().contains("/j/mobile-id-enrollment") && c.body().contains("lang=vi")));
        assertEquals(before + 1, funnels.funnel("mobile-id-enrollment", (String) null).orElseThrow().started());
    }

    /** Announcements on Twilio: plain SMS, and on WhatsApp outside the 24-hour window the approved template with the text as its variable. */
    @Test
    void anAnnouncementGoesBySmsAndAsTheApprovedTemplateToWhatsAppOutsideTheWindow() throws Exception {
        String sms = "+84912345777";
        String whatsapp = "whatsapp:+84912345778";
        for (String address : List.of(sms, whatsapp)) {
            kr.ieum.support.Sql.one(dataSource, "with x as (insert into contact (channel, address_hash, address_enc, language, first_seen, last_seen) "
                    + "values ('twilio', ?, ?, 'vi', now(), now()) returning id) insert into news_consent (contact_id, channel, given_at, given_by) "
                    + "select id, 'twilio', now(), 'command' from x returning contact_id", cipher.hash("twilio", address), cipher.encrypt(address));
        }
        String text = "Tin mới: thẻ cư trú di động " + System.nanoTime();
        announcements.create("twilio test", List.of("twilio"), Map.of("vi", text), "test");
        Await.until("the SMS", () -> TWILIO.callsTo(sms).stream().anyMatch(c -> c.body() != null && c.body().startsWith(text)));
        Await.until("the WhatsApp template", () -> !TWILIO.callsTo(whatsapp).isEmpty());
        TwilioApiStandIn.Call call = TWILIO.callsTo(whatsapp).get(0);
        assertEquals("HXb5b62575e6e4ff6129ad7c8efe1f983e", call.form().get("ContentSid"));
        assertTrue(call.form().get("ContentVariables").contains(text), call.form().toString());
        assertEquals(WHATSAPP_FROM, call.form().get("From"));
    }

    @Inject
    kr.ieum.outreach.Announcements announcements;
    @Inject
    kr.ieum.platform.AddressCipher cipher;

    private long reached(String campaign, String step) {
        return funnels.funnel("mobile-id-enrollment", campaign).orElseThrow().steps().stream()
                .filter(s -> s.step().equals(step)).mapToLong(kr.ieum.enrollment.Funnel.StepCount::reached).sum();
    }


    @Test
    void answersASignedVietnameseSmsInVietnameseThroughTwiliosApi() {
        Map<String, String> sms = TwilioRequests.params("sms-vi.params");
        HttpResponse<String> response = signedMessage(sms);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        assertTrue(response.body().endsWith("<Response/>"), response.body());

        TwilioApiStandIn.Call first = awaitCalls("+84901234567", 1).get(0);
        assertEquals(ACCOUNT, first.account());
        assertEquals("Basic " + Base64.getEncoder().encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)),
                first.authorization());
        assertEquals(SMS_FROM, first.from(), "the reply comes from the number the resident wrote to");
        assertEquals(PUBLIC_URL + "/webhooks/twilio/status", first.form().get("StatusCallback"));
        // the full Vietnamese answer is over 3 UCS-2 segments: its short version plus "reply MORE" in Vietnamese
        assertTrue(first.body().startsWith("Thẻ cư trú di động"), first.body());
        assertTrue(first.body().contains(text("vi", "sms.more")), first.body());
        for (TwilioApiStandIn.Call call : TWILIO.callsTo("+84901234567")) {
            assertTrue(SmsSegments.count(call.body()).segments() <= 3, call.body());
        }
    }

    @Test
    void sendsTheWholeAnswerInSeveralSmsWhenTheResidentRepliesMore() {
        String from = "+84901110001";
        signedMessage(with(TwilioRequests.params("sms-vi.params"), "MessageSid", sid("a1"), "From", from));
        awaitCalls(from, 1);
        Await.until("all replies of the first turn", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        int before = TWILIO.callsTo(from).size();
        signedMessage(with(TwilioRequests.params("sms-vi.params"), "MessageSid", sid("a2"), "From", from, "Body", "MORE"));
        awaitCalls(from, before + 2);
        Await.until("all replies of the MORE turn", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        List<TwilioApiStandIn.Call> calls = TWILIO.callsTo(from).subList(before, TWILIO.callsTo(from).size());
        assertTrue(calls.size() >= 2, "the full answer needs several SMS: " + calls.size());
        calls.forEach(c -> assertTrue(SmsSegments.count(c.body()).segments() <= 3, c.body()));
        calls.forEach(c -> assertFalse(c.body().contains(text("vi", "sms.more")), c.body()));
    }

    @Test
    void rejectsForgedOrUnsignedWebhooksAndChangesNothing() {
        long inboxBefore = inbox();
        String from = "+84902220002";
        Map<String, String> sms = with(TwilioRequests.params("sms-vi.params"), "MessageSid", sid("b1"), "From", from);

        assertEquals(403, post("/webhooks/twilio", sms, null).statusCode(), "unsigned");
        assertEquals(403, post("/webhooks/twilio", sms, TwilioRequests.sign("not-the-token", PUBLIC_URL + "/webhooks/twilio", sms))
                .statusCode(), "signed with another token");
        assertEquals(403, post("/webhooks/twilio", sms, TwilioRequests.sign(TOKEN, "http://localhost:" + server.getPort()
                + "/webhooks/twilio", sms)).statusCode(), "signed for the Host header instead of the public URL");
        String signature = TwilioRequests.sign(TOKEN, PUBLIC_URL + "/webhooks/twilio", sms);
        assertEquals(403, post("/webhooks/twilio", with(sms, "Body", "tampered"), signature).statusCode(), "body changed");
        assertEquals(inboxBefore, inbox(), "nothing stored");

        // a genuine message afterwards is the only one answered: the forged ones never reached Twilio's API
        Map<String, String> genuine = with(sms, "MessageSid", sid("b2"));
        assertEquals(200, signedMessage(genuine).statusCode());
        awaitCalls(from, 1);
        Await.until("replies sent", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        assertEquals(inboxBefore + 1, inbox());
        assertEquals(1, TWILIO.callsTo(from).stream().filter(c -> c.body().contains(text("vi", "sms.more"))).count());
    }

    @Test
    void processesATwilioRetryOfTheSameMessageSidOnce() {
        String from = "+84903330003";
        Map<String, String> sms = with(TwilioRequests.params("sms-vi.params"), "MessageSid", sid("c1"), "From", from);
        long inboxBefore = inbox();
        assertEquals(200, signedMessage(sms).statusCode());
        assertEquals(200, signedMessage(sms).statusCode(), "a retry is acknowledged too");
        assertEquals(inboxBefore + 1, inbox());
        awaitCalls(from, 1);
        Await.until("replies sent", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        int afterFirst = TWILIO.callsTo(from).size();

        // a new message after the retry is answered: had the retry run a turn, its replies would be here too
        signedMessage(with(sms, "MessageSid", sid("c2"), "Body", "HELP"));
        awaitCalls(from, afterFirst + 1);
        Await.until("replies sent", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        List<TwilioApiStandIn.Call> calls = TWILIO.callsTo(from);
        assertEquals(1, calls.stream().filter(c -> c.body().contains(text("vi", "sms.more"))).count(), "one answer");
        assertTrue(calls.get(afterFirst).body().startsWith(text("vi", "help").substring(0, 20)), calls.get(afterFirst).body());
    }

    @Test
    void answersWhatsAppOnWhatsAppFromTheWhatsAppSenderWithoutSmsShortening() {
        Map<String, String> wa = TwilioRequests.params("whatsapp-vi.params");
        assertEquals(200, signedMessage(wa).statusCode());
        TwilioApiStandIn.Call call = awaitCalls("whatsapp:+84907654321", 1).get(0);
        assertEquals(WHATSAPP_FROM, call.from());
        assertTrue(call.body().startsWith("Thẻ cư trú di động (모바일 외국인등록증)"), call.body());
        assertFalse(call.body().contains(text("vi", "sms.more")), "WhatsApp gets the whole answer");
        assertTrue(call.body().length() > 201, "longer than an SMS of 3 UCS-2 segments");
    }

    @Test
    void answersAnImageOnlyMmsWithTheNonTextReplyInThePhonesLanguage() {
        Map<String, String> mms = TwilioRequests.params("mms-image-th.params");
        assertEquals(200, signedMessage(mms).statusCode());
        TwilioApiStandIn.Call call = awaitCalls("+66812345678", 1).get(0);
        assertEquals(text("th", "nontext"), call.body());
    }

    @Test
    void recordsSignedStatusCallbacksAndIgnoresForgedOnes() {
        String from = "+84904440004";
        signedMessage(with(TwilioRequests.params("sms-vi.params"), "MessageSid", sid("d1"), "From", from));
        awaitCalls(from, 1);
        Await.until("replies sent", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        List<TwilioApiStandIn.Call> calls = TWILIO.callsTo(from);
        String sent = calls.get(calls.size() - 1).sid();
        String status = "select provider_status from outbox where channel = 'twilio' and provider_id = ?";
        assertNull(Sql.one(dataSource, status, sent));

        Map<String, String> delivered = TwilioRequests.params("status-delivered.params", Map.of("sid", sent));
        assertEquals(403, post("/webhooks/twilio/status", delivered, "Zm9yZ2Vk").statusCode());
        assertNull(Sql.one(dataSource, status, sent), "a forged callback changes nothing");

        assertEquals(204, signedStatus(delivered).statusCode());
        assertEquals("delivered", Sql.one(dataSource, status, sent));
        Map<String, String> undelivered = TwilioRequests.params("status-undelivered.params", Map.of("sid", sent));
        assertEquals(204, signedStatus(undelivered).statusCode());
        assertEquals("undelivered:30007", Sql.one(dataSource, status, sent));
    }

    @Test
    void sendsAKoreanNumberAKoreanAndEnglishLinkWhenTheAnswerIsNotEucKr() {
        Map<String, String> sms = TwilioRequests.params("sms-vi-from-korean-number.params");
        assertEquals(200, signedMessage(sms).statusCode());
        TwilioApiStandIn.Call call = awaitCalls("+821055501234", 1).get(0);
        Await.until("replies sent", () -> dispatcher.outboxCount("twilio", "pending") == 0);
        assertEquals(1, TWILIO.callsTo("+821055501234").size(), "one short message instead of the answer");
        assertEquals("+827012345678", call.from());
        String url = PUBLIC_URL + "/a/mobile-id-overview?lang=vi";
        String[] lines = call.body().split("\n");
        assertEquals(2, lines.length, call.body());
        assertTrue(lines[0].contains("베트남어") && lines[0].contains(url), lines[0]);
        assertTrue(lines[1].contains("Vietnamese") && lines[1].contains(url), lines[1]);
        assertTrue(Charset.forName("EUC-KR").newEncoder().canEncode(call.body()));
    }

    @Test
    void deadLettersAMessageToAnUnsubscribedNumberWithoutRetrying() {
        String from = "+84905550005";
        TWILIO.unsubscribed.add(from);
        long dead = dispatcher.outboxCount("twilio", "dead");
        signedMessage(with(TwilioRequests.params("sms-vi.params"), "MessageSid", sid("e1"), "From", from));
        Await.until("dead-lettered", () -> dispatcher.outboxCount("twilio", "dead") == dead + 1);
        assertEquals(1, TWILIO.callsTo(from).size(), "error 21610 is not retried");
        assertEquals("twilio answered HTTP 400 (error 21610)", Sql.one(dataSource,
                "select last_error from outbox where channel = 'twilio' and state = 'dead' order by id desc limit 1"));
    }

    @Test
    void answersMalformedFormsWith400AndStoresNothing() {
        long before = inbox();
        HttpResponse<String> bad = post("/webhooks/twilio", Map.of(), null);
        assertEquals(403, bad.statusCode(), "an empty unsigned form is rejected");
        Map<String, String> noSid = with(TwilioRequests.params("sms-vi.params"), "MessageSid", "");
        assertEquals(400, signedMessage(noSid).statusCode());
        assertEquals(before, inbox());
    }
}
