package kr.ieum.channel.email;

import static kr.ieum.channel.email.Mailboxes.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Await;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The e-mail channel end to end against GreenMail's real SMTP and IMAP servers: residents' mail in the
 * charsets their clients use goes into the bot's mailbox, the poller stores and answers it, and the reply is
 * fetched back over IMAP from the resident's own mailbox.
 */
@MicronautTest(transactional = false)
class EmailChannelIT extends ServiceTest {
    static final String BOT = "bot@ieum.test";
    static final int SMTP = ServerSetupTest.SMTP.getPort();
    static final int IMAP = ServerSetupTest.IMAP.getPort();

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP_IMAP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(BOT, BOT, "bot-secret"))
            .withPerMethodLifecycle(false);

    @Inject
    kr.ieum.enrollment.JourneyService journeys;
    @Inject
    kr.ieum.enrollment.Funnels funnels;
    @Inject
    MeterRegistry meters;
    @Inject
    Messages messages;
    @Inject
    DataSource dataSource;
    @Inject
    EmailProperties properties;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(super.getProperties());
        props.put("ieum.channels.email.imap-host", "127.0.0.1");
        props.put("ieum.channels.email.imap-port", String.valueOf(IMAP));
        props.put("ieum.channels.email.imap-ssl", "false");
        props.put("ieum.channels.email.imap-user", BOT);
        props.put("ieum.channels.email.imap-password", "bot-secret");
        props.put("ieum.channels.email.smtp-host", "127.0.0.1");
        props.put("ieum.channels.email.smtp-port", String.valueOf(SMTP));
        props.put("ieum.channels.email.smtp-starttls", "false");
        props.put("ieum.channels.email.from", BOT);
        props.put("ieum.channels.email.poll", "200ms");
        props.put("ieum.channels.email.rate-limit", "3");
        props.put("ieum.channels.poll", "200ms");
        props.put("ieum.public-url", "https://ieum.example");
        return props;
    }

    /** Delivers raw message bytes to the bot's mailbox, as the resident's mail server would. */
    private void deliver(String from, byte[] message) {
        resident(from);
        Mailboxes.sendRaw(SMTP, from, BOT, message);
    }

    private static void resident(String address) {
        if (GREENMAIL.getUserManager().getUserByEmail(address) == null) {
            GREENMAIL.setUser(address, address, address);
        }
    }

    private static List<MimeMessage> inbox(String address) {
        return Mailboxes.inbox(IMAP, address);
    }

    private static List<MimeMessage> awaitReplies(String address, int count) {
        Await.until(count + " repl(ies) in the mailbox of " + address, () -> inbox(address).size() >= count);
        return inbox(address);
    }

    private static byte[] plainMail(String from, String messageId, String subject, String body) {
        String encoded;
        try {
            encoded = MimeUtility.encodeText(subject, "UTF-8", "B");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        return ("From: " + from + "\r\nTo: " + BOT + "\r\nSubject: " + encoded + "\r\nMessage-ID: " + messageId
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private double skipped(String reason) {
        Counter counter = meters.find("ieum.email.skipped").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private void awaitSkipped(String reason, double before) {
        Await.until("a message skipped as " + reason, () -> skipped(reason) >= before + 1);
    }

    private String stored(String messageId) {
        return Sql.one(dataSource, "select count(*) from inbox where channel = 'email' and provider_id = ?", messageId);
    }

    private static String header(MimeMessage m, String name) throws MessagingException {
        String[] values = m.getHeader(name);
        return values == null ? null : String.join(" ", values);
    }

    /** The text/plain and text/html alternatives of a reply. */
    private static String[] parts(MimeMessage reply) throws MessagingException, IOException {
        assertTrue(reply.isMimeType("multipart/alternative"), "multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) reply.getContent();
        assertEquals(2, alternative.getCount());
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        assertTrue(alternative.getBodyPart(0).getContentType().toLowerCase(java.util.Locale.ROOT).contains("utf-8"));
        return new String[] {(String) alternative.getBodyPart(0).getContent(), (String) alternative.getBodyPart(1).getContent()};
    }

    @ParameterizedTest(name = "{0} is answered in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            vi-utf8-quoted-printable.eml | an.nguyen@example.vn     | vi      | <vi-1@mail.example.vn> | Re: Hỏi về thẻ cư trú di động
            ko-euc-kr-base64.eml         | minjun.kim@example.kr    | ko      | <ko-1@mail.example.kr> | Re: 모바일 등록증 비용 문의
            ja-iso-2022-jp.eml           | taro.yamada@example.jp   | ja      | <ja-1@mail.example.jp> | Re: モバイル登録証の料金
            zh-gb2312-html.eml           | xiaoming.wang@example.cn | zh-Hans | <zh-1@mail.example.cn> | Re: 关于手机登录证
            ru-windows-1251.eml          | ivan.petrov@example.ru   | ru      | <ru-2@mail.example.ru> | Re: Вопрос о мобильной карте
            """)
    void answersMailInItsCharsetInTheResidentsLanguageAsAThreadedReply(String file, String resident, String language,
            String messageId, String subject) throws Exception {
        deliver(resident, golden(file));
        MimeMessage reply = awaitReplies(resident, 1).get(0);

        assertEquals(subject, reply.getSubject());
        assertEquals(BOT, reply.getFrom()[0].toString());
        assertEquals(messageId, header(reply, "In-Reply-To"));
        String references = header(reply, "References").replaceAll("\\s+", " ");
        assertTrue(references.endsWith(messageId), references);
        assertEquals("auto-replied", header(reply, "Auto-Submitted"));
        assertNotNull(header(reply, LoopGuard.MARKER));
        assertEquals(language, header(reply, "Content-Language"));
        String[] parts = parts(reply);
        // the answer to the new question, not to the question quoted below it
        assertTrue(parts[0].contains("https://ieum.example/a/mobile-id-cost?lang=" + language), parts[0]);
        assertFalse(parts[0].contains("mobile-id-lost-phone"), parts[0]);
        assertTrue(parts[1].contains("lang=\"" + language + "\""), parts[1]);
        assertTrue(parts[1].contains("<a href=\"https://ieum.example/a/mobile-id-cost?lang=" + language + "\">"), parts[1]);
        assertEquals("1", stored(messageId));
    }

    @Test
    void keepsTheWholeThreadInReferences() throws Exception {
        // the Russian reply above carries References: <ru-0> <ru-1>; a new thread from another resident has none
        String resident = "thread.keeper@example.ru";
        byte[] mail = ("From: " + resident + "\r\nTo: " + BOT + "\r\nSubject: =?UTF-8?B?UmU6INC60LDRgNGC0LA=?=\r\nMessage-ID: <t-3@example.ru>\r\n"
                + "References: <t-1@example.ru>\r\n <t-2@example.ru>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + "Сколько стоит мобильная карта иностранца?\r\n").getBytes(StandardCharsets.UTF_8);
        deliver(resident, mail);
        MimeMessage reply = awaitReplies(resident, 1).get(0);
        assertEquals("<t-1@example.ru> <t-2@example.ru> <t-3@example.ru>", header(reply, "References").replaceAll("\\s+", " "));
        assertEquals("Re: карта", reply.getSubject(), "no second Re:");
    }

    /** Persona: an Uzbek resident without a smartphone, by e-mail, where choices are numbered lines. */
    @Test
    void walksTheJourneyByMailToTheNoSmartphoneEnding() throws Exception {
        kr.ieum.content.JourneyTexts uz = journeys.journey("mobile-id-enrollment").orElseThrow().texts().get("uz");
        String resident = "dilshod.karimov@example.uz";
        String campaign = "mail-" + System.nanoTime();
        deliver(resident, plainMail(resident, "<uz-j1@mail.example.uz>", "Mobile ID", "j_mobile-id-enrollment_phone_c-" + campaign + "_l-uz"));
        String question = parts(awaitReplies(resident, 1).get(0))[0];
        assertTrue(question.contains(uz.steps().get("phone").text()), question);
        assertTrue(question.contains("3. " + uz.steps().get("phone").choices().get("none")), "numbered choices: " + question);
        deliver(resident, plainMail(resident, "<uz-j2@mail.example.uz>", "Re: Mobile ID", "3"));
        String ending = parts(awaitReplies(resident, 2).get(1))[0];
        assertTrue(ending.contains(uz.steps().get("no-smartphone").text()), ending);
        kr.ieum.enrollment.Funnel funnel = funnels.funnel("mobile-id-enrollment", campaign).orElseThrow();
        assertEquals(1, funnel.started());
        assertEquals(1, funnel.cannot());
    }

    @Test
    void answersTheNewTextOfAnOutlookReplyNotTheQuotedQuestion() throws Exception {
        String resident = "maria.santos@example.ph";
        deliver(resident, golden("en-outlook-quoted.eml"));
        MimeMessage reply = awaitReplies(resident, 1).get(0);
        String text = parts(reply)[0];
        assertTrue(text.contains("/a/mobile-id-cost?lang=en"), text);
        assertFalse(text.contains("mobile-id-lost-phone"), text);
        assertEquals("Re: question", reply.getSubject());
    }

    @Test
    void aPhotoWithoutTextGetsTheNonTextReply() throws Exception {
        String resident = "budi@example.id";
        deliver(resident, golden("photo-only.eml"));
        MimeMessage reply = awaitReplies(resident, 1).get(0);
        assertEquals(messages.render("id", "nontext").text(), parts(reply)[0].strip());
        // an empty subject gets a neutral title in the resident's language
        assertEquals("Re: " + messages.render("id", "page.title").text(), reply.getSubject());
    }

    @Test
    void neverAnswersAnAutoReplyButAnswersTheSendersNextRealMessage() throws Exception {
        String resident = "somchai@example.th";
        double before = skipped("auto_reply");
        deliver(resident, golden("auto-reply.eml"));
        awaitSkipped("auto_reply", before);
        assertEquals("0", stored("<auto-1@mail.example.th>"));
        deliver(resident, plainMail(resident, "<th-real@example.th>", "question", "How much does the mobile residence card cost?"));
        List<MimeMessage> replies = awaitReplies(resident, 1);
        assertEquals(1, replies.size());
        assertEquals("<th-real@example.th>", header(replies.get(0), "In-Reply-To"));
    }

    @Test
    void neverAnswersBouncesMailingListsOrItsOwnAddress() {
        double bounces = skipped("bounce");
        deliver("MAILER-DAEMON@mx.example.org", golden("bounce.eml"));
        awaitSkipped("bounce", bounces);
        assertEquals("0", stored("<bounce-1@mx.example.org>"));

        double lists = skipped("mailing_list");
        deliver("hana@example.mn", golden("mailing-list.eml"));
        awaitSkipped("mailing_list", lists);
        assertEquals("0", stored("<list-1@lists.example.org>"));

        double own = skipped("own_address");
        deliver(BOT, plainMail(BOT, "<self-1@ieum.test>", "test", "How much does the mobile residence card cost?"));
        awaitSkipped("own_address", own);
        assertEquals("0", stored("<self-1@ieum.test>"));
        assertTrue(inbox("hana@example.mn").isEmpty(), "no reply to the list");
    }

    @Test
    void theBotsOwnReplyDeliveredBackToItsInboxIsNotAnswered() throws Exception {
        String resident = "loop.tester@example.vn";
        deliver(resident, plainMail(resident, "<loop-1@example.vn>", "hỏi", "Làm thẻ cư trú di động có mất tiền không?"));
        MimeMessage reply = awaitReplies(resident, 1).get(0);
        double before = skipped("own_marker");
        // e.g. a forwarding rule or an alias sends the bot's reply straight back to the bot
        Mailboxes.sendRaw(SMTP, BOT, BOT, Mailboxes.bytes(reply));
        awaitSkipped("own_marker", before);
        assertEquals("0", stored(reply.getMessageID()));
        assertEquals(1, inbox(resident).size());
    }

    @Test
    void processesARedeliveredMessageOnce() throws Exception {
        String resident = "twice@example.kz";
        byte[] mail = plainMail(resident, "<dup-1@example.kz>", "вопрос", "Сколько стоит мобильная карта иностранца?");
        deliver(resident, mail);
        awaitReplies(resident, 1);
        deliver(resident, mail);
        // a later message proves the poller has read past the re-delivered one
        deliver(resident, plainMail(resident, "<dup-2@example.kz>", "вопрос", "Я потерял телефон, что делать?"));
        List<MimeMessage> replies = awaitReplies(resident, 2);
        Await.until("the later message is stored", () -> "1".equals(stored("<dup-2@example.kz>")));
        assertEquals(2, inbox(resident).size(), "one reply per distinct message");
        assertEquals("<dup-1@example.kz>", header(replies.get(0), "In-Reply-To"));
        assertEquals("<dup-2@example.kz>", header(replies.get(1), "In-Reply-To"));
        assertEquals("1", stored("<dup-1@example.kz>"));
    }

    @Test
    void limitsHowManyMessagesOneSenderGetsAnswered() {
        String resident = "flood@example.np";
        double before = skipped("rate_limited");
        for (int i = 1; i <= 5; i++) {
            deliver(resident, plainMail(resident, "<flood-" + i + "@example.np>", "q" + i, "How much does the mobile residence card cost?"));
        }
        Await.until("two messages over the limit", () -> skipped("rate_limited") >= before + 2);
        awaitReplies(resident, 3);
        assertEquals("0", stored("<flood-4@example.np>"));
        assertEquals("0", stored("<flood-5@example.np>"));
        assertEquals(3, inbox(resident).size());
        // another sender is not affected
        deliver("calm@example.np", plainMail("calm@example.np", "<calm-1@example.np>", "q", "How much does the mobile residence card cost?"));
        awaitReplies("calm@example.np", 1);
    }

    @Test
    void bindsItsSettingsWithoutPrintingSecrets() {
        assertEquals(3, properties.rateLimit());
        assertEquals(java.time.Duration.ofMillis(200), properties.poll());
        assertTrue(properties.missing().isEmpty());
        assertFalse(properties.toString().contains("bot-secret"));
        assertFalse(properties.smtpAuth(), "no SMTP login configured: unauthenticated relay");
    }
}
