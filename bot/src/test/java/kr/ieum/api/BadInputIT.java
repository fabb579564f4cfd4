package kr.ieum.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.Map;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed requests get a clear 4xx; odd but valid text gets a sensible reply; never a 500, nothing lost. */
@MicronautTest
class BadInputIT extends ServiceTest {
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Messages messages;
    @Inject
    JdbcOperations jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t  "})
    void emptyTextAsksForWords(String text) {
        Map<String, Object> r = new Chat(client, "empty", "en").says(text);
        assertEquals("unanswered", r.get("outcome"));
        assertEquals(messages.render("en", "empty").text(), Chat.text(r, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "😀😀😀🙏",
            "\u0000\u0007what\u001b[31m is the mobile card\u0008?",
            "a\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301",
            "\u202Eموبائل کارڈ کون لے سکتا ہے؟\u202C",
            "'; DROP TABLE contact; --",
            "<script>alert('x')</script><img src=x onerror=alert(1)>",
            "1 OR 1=1",
            "999"
    })
    void oddButValidTextGetsAReply(String text) {
        Map<String, Object> r = new Chat(client, "odd-" + text.hashCode(), null).says(text);
        assertFalse(Chat.replies(r).isEmpty());
        assertTrue(count("select count(*) from contact") > 0, "tables are intact");
    }

    @Test
    void hundredKilobytesOfTextIsAnsweredFromItsStart() {
        String text = "how do I get the mobile residence card? " + "x".repeat(100_000);
        Map<String, Object> r = new Chat(client, "huge", null).says(text);
        assertFalse(Chat.replies(r).isEmpty());
    }

    @Test
    void malformedJsonIsA400() {
        assertMalformed(HttpRequest.POST("/api/v1/messages", "{\"from\": \"x\", \"text\": ").contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    void invalidUtf8IsA400() {
        byte[] body = "{\"from\":\"x\",\"text\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertMalformed(HttpRequest.POST("/api/v1/messages", body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** Found by FuzzIT: the 400 used to carry the parser's words (our class names, the offending token). */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/messages []", "/api/v1/messages {\"from\":{},\"text\":\"a\"}", "/api/v1/messages {\"from\":\"x\",\"text\":tru}",
            "/api/v1/language [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "/api/v1/language {\"text\":{\"a\":1}}"})
    void aBodyOfTheWrongShapeIsA400WithoutTheParsersWords(String pathAndBody) {
        String[] p = pathAndBody.split(" ", 2);
        assertMalformed(HttpRequest.POST(p[0], p[1]).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    private void assertMalformed(HttpRequest<?> request) {
        try {
            client.toBlocking().exchange(request, String.class);
            throw new AssertionError("expected 400");
        } catch (HttpClientResponseException e) {
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
            assertEquals("{\"error\":\"malformed request\"}", e.getResponse().getBody(String.class).orElse(""));
        }
    }

    @Test
    void missingFieldsAreA400() {
        assertStatus(HttpStatus.BAD_REQUEST, HttpRequest.POST("/api/v1/messages", Map.of("text", "hello")));
        assertStatus(HttpStatus.BAD_REQUEST, HttpRequest.POST("/api/v1/messages", Map.of("from", "x")));
        assertStatus(HttpStatus.BAD_REQUEST, HttpRequest.POST("/api/v1/language", Map.of()));
    }

    @Test
    void languageEndpointAnswersNullForNoLetters() {
        Map<?, ?> r = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/language", Map.of("text", "🙂 123")), Map.class);
        assertEquals(null, r.get("language"));
        assertEquals(0.0, ((Number) r.get("confidence")).doubleValue());
    }

    @Test
    void thePageEscapesWhatItIsGivenAndIsRightToLeftForUrdu() {
        String page = client.toBlocking().retrieve(HttpRequest.GET("/?lang=%3Cscript%3Ealert(1)%3C/script%3E"));
        assertFalse(page.contains("<script>alert(1)"));
        assertTrue(page.contains("lang=\"en\""));
        String urdu = client.toBlocking().retrieve(HttpRequest.GET("/?lang=ur"));
        assertTrue(urdu.contains("dir=\"rtl\"") && urdu.contains(messages.render("ur", "page.title").text().replace("&", "&amp;").replace("<", "&lt;")));
    }

    /** Found by bench/run fuzz: Micronaut's parsing of these headers threw on a value of separators only (a 500). */
    @ParameterizedTest
    @ValueSource(strings = {";", ";;", ",", ",;x", ",,", ";q=0.5"})
    void anAcceptHeaderOfSeparatorsOnlyIsServedAsIfAbsent(String value) {
        for (String path : new String[] {"/", "/chat"}) {
            for (String header : new String[] {"Accept-Language", "Accept-Charset"}) {
                HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.GET(path).header(header, value), String.class);
                assertEquals(HttpStatus.OK, r.getStatus(), path + " with " + header + ": " + value);
            }
        }
    }

    @Test
    void healthAnswers() {
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertEquals(HttpStatus.OK, r.getStatus());
    }

    private void assertStatus(HttpStatus expected, HttpRequest<?> request) {
        try {
            client.toBlocking().exchange(request, String.class);
            throw new AssertionError("expected " + expected);
        } catch (HttpClientResponseException e) {
            assertEquals(expected, e.getStatus(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private long count(String sql) {
        return jdbc.prepareStatement(sql, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
