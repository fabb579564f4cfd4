package kr.ieum.channel.webchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import kr.ieum.content.ContentService;
import kr.ieum.support.UntranslatedTopic;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.Messages;
import kr.ieum.platform.ProjectPaths;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The light answer pages {@code /a/{topic}?lang=xx} that SMS links to. */
@MicronautTest
class AnswerPageIT extends ServiceTest {
    @Inject
    ContentService content;
    @Inject
    DataSource dataSource;
    @Inject
    EmbeddedServer server;
    @Inject
    FaqService faq;
    @Inject
    Messages messages;
    WebchatHttp http;

    @BeforeAll
    void connect() {
        http = new WebchatHttp(server.getURI());
    }

    @Test
    void showsTheQuestionAndFullAnswerInVietnameseLeftToRight() {
        HttpResponse<String> r = http.get("/a/mobile-id-overview?lang=vi");
        assertEquals(200, r.statusCode());
        String page = r.body();
        assertTrue(page.contains("<html lang=\"vi\" dir=\"ltr\">"), page.substring(0, 200));
        var vi = faq.text("mobile-id-overview", "vi").orElseThrow().localization();
        assertTrue(page.contains(Html.escape(vi.question())), "the question");
        assertTrue(page.contains(Html.escape(vi.answer().lines().findFirst().orElseThrow())), "the answer's first line");
        assertTrue(page.contains("href=\"/a/mobile-id-eligibility?lang=vi\""), "topic links stay in Vietnamese");
        assertTrue(page.contains("href=\"/chat?lang=vi\""), "a link to the chat");
        assertTrue(page.contains(Html.escape(messages.render("vi", "notice.machine").text())), "vi is machine-translated");
        assertFalse(page.contains("<script"), "readable without JavaScript");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("max-age="));
        assertEquals("vi", r.headers().firstValue("Content-Language").orElse(""));
    }

    /**
     * A mistyped address in a browser: the status and a line in the reader's language with a link to the chat, and the
     * pages kept stay few however many different Accept-Language values come (Micronaut's own error page kept one per
     * value, without a bound).
     */
    @Test
    void aMissingPageSaysSoInTheReadersLanguageAndKeepsNoPagePerRequestHeader(ErrorPages pages) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, HttpResponse<String>> get = language -> {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/no-such-page/" + language))
                        .header("Accept", "text/html").header("Accept-Language", language).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HttpResponse<String> vi = get.apply("vi-VN,vi;q=0.9");
        assertEquals(404, vi.statusCode());
        assertTrue(vi.body().contains("<html lang=\"vi\" dir=\"ltr\">"), vi.body());
        assertTrue(vi.body().contains(Html.escape(messages.render("vi", "answer.notfound.title").text())), vi.body());
        assertTrue(vi.body().contains("href=\"/?lang=vi\""), "a way back to the chat");
        assertTrue(get.apply("ur").body().contains("<html lang=\"ur\" dir=\"rtl\">"));
        for (int i = 0; i < 300; i++) {
            assertEquals(404, get.apply("x-" + i + ",de;q=0." + (i % 10)).statusCode());
        }
        assertTrue(pages.kept() <= messages.locales().tags().size() * 3, "pages kept: " + pages.kept());
    }

    @Test
    void urduIsRightToLeft() {
        String page = http.get("/a/mobile-id-overview?lang=ur").body();
        assertTrue(page.contains("<html lang=\"ur\" dir=\"rtl\">"));
        assertTrue(page.contains("<article lang=\"ur\" dir=\"rtl\">"));
        assertTrue(page.contains(Html.escape(faq.text("mobile-id-overview", "ur").orElseThrow().localization().question())));
    }

    @Test
    void everyPageIsLighterThanFiftyKilobytes() throws Exception {
        for (String lang : messages.locales().tags()) {
            for (String topic : faq.menu()) {
                HttpResponse<String> r = http.get("/a/" + topic + "?lang=" + lang);
                assertEquals(200, r.statusCode(), topic + " " + lang);
                assertTrue(r.body().getBytes(StandardCharsets.UTF_8).length < 50_000, topic + " " + lang);
            }
        }
    }

    @Test
    void aLocaleLackingTheTopicGetsTheFallbackWithANotice() {
        // kk falls back to ru, then en: a topic published in English only reaches a Kazakh reader in English, with a notice
        try (UntranslatedTopic topic = UntranslatedTopic.publish(content, dataSource)) {
            String page = http.get("/a/" + UntranslatedTopic.ID + "?lang=kk").body();
            assertTrue(page.contains("<html lang=\"kk\" dir=\"ltr\">"));
            String notice = messages.render("kk", "notice.fallback", Map.of(
                    "language", messages.languageName("kk", "kk"), "fallbackLanguage", messages.languageName("en", "kk"))).text();
            assertTrue(page.contains(Html.escape(notice)), "fallback notice in Kazakh");
            assertTrue(page.contains("<article lang=\"en\""), "the English text is marked as English");
            assertTrue(page.contains(Html.escape(UntranslatedTopic.QUESTION)));
            assertTrue(page.contains("href=\"/chat?lang=kk\""));
        }
    }

    @Test
    void anUnknownTopicIsA404InTheReadersLanguage() {
        HttpResponse<String> r = http.get("/a/no-such-topic?lang=th");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("<html lang=\"th\""));
        assertTrue(r.body().contains(Html.escape(messages.render("th", "answer.notfound.title").text())));
        assertTrue(r.body().contains("href=\"/a/mobile-id-overview?lang=th\""), "offers the main topics");
        assertEquals(404, http.get("/a/%3Cscript%3E?lang=vi").statusCode());
        assertEquals(404, http.get("/a/MOBILE-ID-OVERVIEW?lang=vi").statusCode());
    }

    @Test
    void anUnknownLanguageGetsTheBestMatchOrEnglishAndEverythingIsEscaped() {
        assertTrue(http.get("/a/mobile-id-overview?lang=vi-VN").body().contains("<html lang=\"vi\""));
        assertTrue(http.get("/a/mobile-id-overview?lang=zh-TW").body().contains("<html lang=\"zh-Hant\""));
        assertTrue(http.get("/a/mobile-id-overview?lang=xx").body().contains("<html lang=\"en\""));
        assertTrue(http.get("/a/mobile-id-overview", "Accept-Language", "ru-RU,ru;q=0.9").body().contains("<html lang=\"ru\""));
        String hostile = http.get("/a/mobile-id-overview?lang=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").body();
        assertFalse(hostile.contains("<script>alert(1)"));
        assertTrue(hostile.contains("<html lang=\"en\""));
    }
}
