package kr.ieum.channel.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden MIME files in the charsets and encodings residents' mail clients send, read into what the bot stores. */
class MailReaderTest {
    private static final Set<String> OWN = Set.of("bot@ieum.test");
    private static final Session SESSION = Session.getInstance(new Properties());

    static MimeMessage golden(String name) {
        try (InputStream in = MailReaderTest.class.getResourceAsStream("/webhooks/email/" + name)) {
            return new MimeMessage(SESSION, in);
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(name, e);
        }
    }

    static MimeMessage raw(String text) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        } catch (jakarta.mail.MessagingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    static MailReader.Mail read(MimeMessage message) throws Exception {
        MailReader.Outcome outcome = MailReader.read(message, OWN, 2000);
        assertNull(outcome.skipped(), "not skipped");
        return outcome.mail();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            vi-utf8-quoted-printable.eml | an.nguyen@example.vn      | <vi-1@mail.example.vn> | Làm thẻ cư trú di động có mất tiền không? |
            ko-euc-kr-base64.eml         | minjun.kim@example.kr     | <ko-1@mail.example.kr> | 안녕하세요. 모바일 외국인등록증 발급 비용이 얼마예요?                    | ko
            ja-iso-2022-jp.eml           | taro.yamada@example.jp    | <ja-1@mail.example.jp> | こんにちは。 モバイル外国人登録証はいくらかかりますか？                   | ja
            zh-gb2312-html.eml           | xiaoming.wang@example.cn  | <zh-1@mail.example.cn> | 你好， 手机外国人登录证要多少钱？                                       | zh-Hans
            ru-windows-1251.eml          | ivan.petrov@example.ru    | <ru-2@mail.example.ru> | Здравствуйте! Сколько стоит мобильная карта иностранца?               | ru
            en-outlook-quoted.eml        | maria.santos@example.ph   | <en-2@mail.example.ph> | How much does the mobile residence card cost? Thanks, Maria          |
            """)
    void decodesCharsetAndTransferEncodingAndKeepsOnlyTheNewText(String file, String sender, String messageId, String text,
            String hint) throws Exception {
        MailReader.Mail mail = read(golden(file));
        assertEquals(sender, mail.sender());
        assertEquals(messageId, mail.key());
        assertEquals(text, mail.text().replaceAll("\\s+", " ").strip());
        assertEquals(hint, mail.hint());
        assertFalse(mail.nonText());
        assertEquals(messageId, mail.context().get(MailReader.MESSAGE_ID));
    }

    @Test
    void decodesEncodedWordSubjectsAndKeepsThreadHeaders() throws Exception {
        MailReader.Mail ko = read(golden("ko-euc-kr-base64.eml"));
        assertEquals("모바일 등록증 비용 문의", ko.context().get(MailReader.SUBJECT));
        MailReader.Mail ja = read(golden("ja-iso-2022-jp.eml"));
        assertEquals("モバイル登録証の料金", ja.context().get(MailReader.SUBJECT));
        MailReader.Mail ru = read(golden("ru-windows-1251.eml"));
        assertEquals("Re: Вопрос о мобильной карте", ru.context().get(MailReader.SUBJECT));
        assertEquals("<ru-0@mail.example.ru> <ru-1@mail.example.ru>", ru.context().get(MailReader.REFERENCES));
    }

    @Test
    void aPhotoWithoutTextIsNonText() throws Exception {
        MailReader.Mail mail = read(golden("photo-only.eml"));
        assertTrue(mail.nonText());
        assertEquals("", mail.text());
    }

    @Test
    void anEmptyBodyIsAnsweredFromTheSubjectWithoutReplyPrefixes() throws Exception {
        MailReader.Mail mail = read(raw("""
                From: a@example.com
                Subject: =?UTF-8?B?UmU6IEZ3ZDog7Jes6raMIOyCrOynhA==?=
                Message-ID: <s-1@example.com>
                Content-Type: text/plain; charset=utf-8

                """));
        assertEquals("여권 사진", mail.text());
        assertFalse(mail.nonText());
    }

    @Test
    void withoutMessageIdTheKeyIsAHashOfSenderDateAndSubject() throws Exception {
        String message = """
                From: a@example.com
                Date: Fri, 03 May 2024 16:15:00 +0700
                Subject: %s
                Content-Type: text/plain; charset=utf-8

                hello
                """;
        MailReader.Mail one = read(raw(message.formatted("question")));
        MailReader.Mail again = read(raw(message.formatted("question")));
        MailReader.Mail other = read(raw(message.formatted("another question")));
        assertTrue(one.key().startsWith("sha256:"));
        assertEquals(one.key(), again.key());
        assertFalse(one.key().equals(other.key()));
        assertTrue(one.key().length() <= 200);
    }

    @ParameterizedTest(name = "{0} is not answered ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            auto-reply.eml   | auto_reply
            bounce.eml       | bounce
            mailing-list.eml | mailing_list
            """)
    void goldenAutoRepliesBouncesAndListsAreSkipped(String file, String reason) throws Exception {
        assertEquals(reason, MailReader.read(golden(file), OWN, 2000).skipped());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Auto-Submitted: auto-generated                      | auto_reply
            Auto-Submitted: auto-replied (vacation)             | auto_reply
            X-Autoreply: yes                                    | auto_reply
            X-Autorespond: Out of office                        | auto_reply
            Precedence: bulk                                    | bulk
            Precedence: junk                                    | bulk
            Precedence: auto_reply                              | auto_reply
            Return-Path: <>                                     | bounce
            List-Id: <residents.lists.example.org>              | mailing_list
            List-Unsubscribe: <https://example.org/u>           | mailing_list
            X-Ieum: reply                                       | own_marker
            Content-Type: multipart/report; boundary=x          | bounce
            """)
    void eachLoopHeaderAloneStopsAReply(String header, String reason) throws Exception {
        String contentType = header.startsWith("Content-Type") ? "" : "Content-Type: text/plain; charset=utf-8\n";
        MimeMessage message = raw("From: someone@example.com\nSubject: hi\nMessage-ID: <h@example.com>\n" + header + "\n"
                + contentType + "\nhow much does the mobile card cost?\n");
        assertEquals(reason, MailReader.read(message, OWN, 2000).skipped());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MAILER-DAEMON@mx.example.org | bounce
            postmaster@example.org       | bounce
            noreply@example.org          | no_reply_sender
            Bot@Ieum.Test                | own_address
            """)
    void senderAddressesThatAreNeverAnswered(String from, String reason) throws Exception {
        MimeMessage message = raw("From: " + from + "\nSubject: hi\nAuto-Submitted: no\nContent-Type: text/plain\n\nhello\n");
        assertEquals(reason, MailReader.read(message, OWN, 2000).skipped());
    }

    @Test
    void autoSubmittedNoIsAnOrdinaryMessage() throws Exception {
        MimeMessage message = raw("From: a@example.com\nSubject: hi\nAuto-Submitted: no\nContent-Type: text/plain\n\nhello\n");
        assertNotNull(MailReader.read(message, OWN, 2000).mail());
    }

    @Test
    void aMessageWithoutSenderIsSkipped() throws Exception {
        MimeMessage message = raw("Subject: hi\nContent-Type: text/plain\n\nhello\n");
        assertEquals("no_sender", MailReader.read(message, OWN, 2000).skipped());
    }

    @Test
    void capsTheText() throws Exception {
        MimeMessage message = raw("From: a@example.com\nContent-Type: text/plain; charset=utf-8\n\n" + "가".repeat(5000) + "\n");
        assertEquals(300, MailReader.read(message, OWN, 300).mail().text().length());
    }

    @Test
    void anUnknownCharsetIsReadAsUtf8AndBrokenBytesBecomeReplacementCharacters() throws Exception {
        MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(
                ("From: a@example.com\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nxin ch\u00e0o ").getBytes(StandardCharsets.UTF_8)));
        assertEquals("xin chào", MailReader.read(message, OWN, 2000).mail().text());
        MimeMessage broken = new MimeMessage(SESSION, new ByteArrayInputStream(
                "From: a@example.com\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nab\u00ff\u00fecd".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("ab\uFFFD\uFFFDcd", MailReader.read(broken, OWN, 2000).mail().text());
    }
}
