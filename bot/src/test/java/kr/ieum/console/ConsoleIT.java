package kr.ieum.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import kr.ieum.content.ContentService;
import kr.ieum.content.Localization;
import kr.ieum.faq.FaqResult;
import kr.ieum.faq.FaqService;
import kr.ieum.support.Await;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import kr.ieum.support.StaffSession;
import kr.ieum.support.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The staff console over HTTP against the running service and its PostgreSQL: roles, CSRF, lockout, the audit log,
 * and draft -> review -> publish changing the next answer at once, here and on a second replica of the same database.
 */
@MicronautTest
class ConsoleIT extends ServiceTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String TOPIC = "mobile-id-cost";
    private static final String LOCALE = "vi";
    /** A phrasing no topic has: only the edited alternate can answer it. */
    private static final String NEW_PHRASE = "quokka wombat numbat";

    @Inject
    EmbeddedServer server;
    @Inject
    AccountStore accounts;
    @Inject
    ContentService content;
    @Inject
    FaqService faq;
    @Inject
    DataSource dataSource;
    @Inject
    @Client("/")
    HttpClient client;

    @BeforeAll
    void accounts() {
        create("ed", Role.EDITOR);
        create("rev", Role.REVIEWER);
        create("partner", Role.PARTNER);
        create("boss", Role.ADMIN);
        create("locky", Role.EDITOR);
    }

    private void create(String username, Role role) {
        if (accounts.find(username).isEmpty()) {
            accounts.create(username, username, Passwords.hash(PASSWORD), EnumSet.of(role), Instant.now());
        }
    }

    private StaffSession session(String username) {
        StaffSession s = new StaffSession(server.getURI());
        HttpResponse<String> r = s.login(username, PASSWORD);
        assertEquals(303, r.statusCode(), "login of " + username);
        assertEquals("/console", r.headers().firstValue("location").orElse(""));
        assertNotNull(s.cookieHeader(), "a session cookie");
        return s;
    }

    @Test
    void nothingWithoutASession() {
        StaffSession anonymous = new StaffSession(server.getURI());
        for (String path : List.of("/console", "/console/content", "/console/content/" + TOPIC + "/" + LOCALE, "/console/try?q=hi",
                "/console/review", "/console/audit", "/console/accounts")) {
            HttpResponse<String> r = anonymous.get(path);
            assertEquals(303, r.statusCode(), path);
            assertTrue(r.headers().firstValue("location").orElse("").startsWith("/console/login"), path);
        }
        HttpResponse<String> login = anonymous.get("/console/login");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("name=\"password\""));
        // the resident-facing service is as open as before
        assertEquals(200, new StaffSession(server.getURI()).get("/chat?lang=vi").statusCode());
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrict() {
        StaffSession s = new StaffSession(server.getURI());
        HttpResponse<String> r = s.post("/console/login", Map.of("username", "ed", "password", PASSWORD), null);
        String cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("JWT=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HTTPOnly") || cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=strict"), cookie);
    }

    @Test
    void wrongPasswordsLockTheAccountAndTheAuditLogSaysSo() {
        StaffSession s = new StaffSession(server.getURI());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = s.login("locky", "wrong password " + i);
            assertTrue(r.headers().firstValue("location").orElse("").contains("error"), "failure " + i);
        }
        HttpResponse<String> right = new StaffSession(server.getURI()).login("locky", PASSWORD);
        assertTrue(right.headers().firstValue("location").orElse("").contains("error"), "locked: even the right password is refused");
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'locky' and action = 'login.locked'"));
        assertTrue(accounts.find("locky").orElseThrow().lockedAt(Instant.now()));
        // an unknown username gets the same answer as a wrong password
        HttpResponse<String> unknown = new StaffSession(server.getURI()).login("nobody-here", PASSWORD);
        assertTrue(unknown.headers().firstValue("location").orElse("").contains("error"));
        // an admin unlocks it
        StaffSession boss = session("boss");
        assertEquals(303, boss.submit("/console/accounts", "/console/accounts/locky/unlock", Map.of()).statusCode());
        assertFalse(accounts.find("locky").orElseThrow().lockedAt(Instant.now()));
        assertEquals(303, new StaffSession(server.getURI()).login("locky", PASSWORD).statusCode());
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'boss' and action = 'account.unlock' and target = 'locky'"));
        // admins read the bot's words again without a restart
        assertTrue(boss.submit("/console/accounts", "/console/locales/reload", Map.of()).headers().firstValue("location").orElse("")
                .contains("done=reloaded"));
    }

    @Test
    void rolesDecideWhatEachSees() {
        StaffSession partner = session("partner");
        assertNotEquals(200, partner.get("/console/content").statusCode(), "a partner sees no content");
        assertNotEquals(200, partner.get("/console/content/" + TOPIC + "/" + LOCALE).statusCode());
        assertNotEquals(200, partner.get("/console/try?q=app").statusCode());
        assertNotEquals(200, partner.get("/console/accounts").statusCode());
        StaffSession editor = session("ed");
        assertEquals(200, editor.get("/console/content").statusCode());
        assertNotEquals(200, editor.get("/console/audit").statusCode(), "only admins read the audit log");
        StaffSession boss = session("boss");
        assertEquals(200, boss.get("/console/audit").statusCode());
        assertNotEquals(200, boss.get("/console/content").statusCode(), "admins manage accounts, not content");
    }

    /** Found by FuzzIT: each of these answered 500. */
    @Test
    void oddSignInsFormsAndLinksAreRefusedNeverAServerError() throws Exception {
        StaffSession s = new StaffSession(server.getURI());
        // a NUL in the name (PostgreSQL refuses it as a parameter) is a name no account has
        HttpResponse<String> nul = s.post("/console/login", Map.of("username", "ed\u0000", "password", PASSWORD), null);
        assertEquals(303, nul.statusCode());
        assertTrue(nul.headers().firstValue("location").orElse("").startsWith("/console/login?error"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        // half a surrogate pair in a password (JSON can carry one; Argon2's encoder cannot) is a wrong password
        java.net.http.HttpResponse<String> surrogate = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/console/login"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"nobody-odd\",\"password\":\"\\ud800abcdefghijkl\"}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, surrogate.statusCode(), surrogate.body());
        assertTrue(surrogate.headers().firstValue("location").orElse("").startsWith("/console/login?error"));
        // an escape that is not one: the form cannot be read
        java.net.http.HttpResponse<String> escape = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html,*/*;q=0.8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=ed&password=abc%")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, escape.statusCode());
        assertFalse(escape.body().contains("abc"), "the form is not quoted back");
        // signed in (a session cookie), a body the CSRF check cannot read carries no token: refused
        StaffSession editor = session("ed");
        java.net.http.HttpResponse<String> unreadable = http.send(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/console/login"))
                .header("Content-Type", "application/json").header("Cookie", editor.cookieHeader())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("true")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unreadable.statusCode(), unreadable.body());
        // the language switch goes back only to an address of the console
        HttpResponse<String> quote = s.get("/console/ui/en?back=%2Fconsole%22%3E%3Csvg+onload%3Dalert(1)%3E");
        assertEquals(303, quote.statusCode());
        assertEquals("/console", quote.headers().firstValue("location").orElse(""));
        HttpResponse<String> letters = s.get("/console/ui/en?back=%2Fconsole%2Fcontent%3Fq%3Dth%E1%BA%BB");
        assertEquals("/console/content?q=th%E1%BA%BB", letters.headers().firstValue("location").orElse(""));
    }

    /** Found by FuzzIT: a full queue of partner requests answered 503, which anyone could cause and monitoring takes for an outage. */
    @Test
    void aFullQueueOfPartnerRequestsIsA429() {
        StaffSession association = new StaffSession(server.getURI());
        try {
            for (int i = accounts.requests().size(); i < PartnerRequestPages.MAX_WAITING; i++) {
                assertEquals(200, association.post("/console/partner-request", Map.of("organisation", "Queue association", "name", "Queued " + i,
                        "contact", "010-0000-0000", "username", "queued-" + i, "password", PASSWORD + " " + i), null).statusCode());
            }
            HttpResponse<String> late = association.post("/console/partner-request", Map.of("organisation", "Late association",
                    "name", "Late", "contact", "010-1111-2222", "username", "late-one", "password", PASSWORD + " late"), null);
            assertEquals(429, late.statusCode());
            assertEquals("0", Sql.one(dataSource, "select count(*) from staff_account where username = 'late-one'"), "nothing was saved");
        } finally {
            // outside this test's transaction, as the requests were made
            Sql.execute(dataSource, "delete from staff_account where username like 'queued-%' and request_note is not null");
        }
    }

    @Test
    void formsWithoutTheSessionsTokenOrFromAnotherSiteAreRefused() {
        StaffSession editor = session("ed");
        String action = "/console/content/hikorea/" + LOCALE + "/draft";
        Map<String, String> fields = Map.of("question", "q", "alternates", "a\nb\nc", "answer", "x", "sms", "y");
        assertEquals(403, editor.post(action, fields, null).statusCode(), "no token");
        Map<String, String> forged = new HashMap<>(fields);
        forged.put("_csrf", "forged-token");
        assertEquals(403, editor.post(action, forged, null).statusCode(), "wrong token");
        Map<String, String> tokened = new HashMap<>(fields);
        tokened.put("_csrf", editor.csrf("/console/content"));
        assertEquals(403, editor.post(action, tokened, "https://evil.example").statusCode(), "another site's page");
        assertTrue(content.draft("hikorea", LOCALE).isEmpty(), "nothing was saved");
        // another user's token does not work either: it is bound to the session
        StaffSession other = session("rev");
        Map<String, String> stolen = new HashMap<>(fields);
        stolen.put("_csrf", other.csrf("/console/content"));
        assertEquals(403, editor.post(action, stolen, null).statusCode(), "a token of another session");
        assertTrue(content.draft("hikorea", LOCALE).isEmpty());
    }

    @Test
    void draftReviewPublishChangesTheNextAnswerHereAndOnAnotherReplicaWithoutARestart() {
        Localization before = content.published(TOPIC, LOCALE).orElseThrow();
        assertNotEquals(TOPIC, answeredTopic(faq.ask(NEW_PHRASE, LOCALE)), "not answered before the edit");
        Map<String, Object> props = new HashMap<>(getProperties());
        props.put("micronaut.server.port", "-1");
        props.put("ieum.channels.poll", "1h");
        props.put("ieum.enrollment.reminder-poll", "1h");
        try (ApplicationContext replica = ApplicationContext.run(props)) {
            FaqService replicaFaq = replica.getBean(FaqService.class);
            assertNotEquals(TOPIC, answeredTopic(replicaFaq.ask(NEW_PHRASE, LOCALE)));

            String editorPage = "/console/content/" + TOPIC + "/" + LOCALE;
            StaffSession editor = session("ed");
            assertEquals(200, editor.get(editorPage).statusCode());
            String alternates = String.join("\n", before.alternates()) + "\n" + NEW_PHRASE;
            HttpResponse<String> saved = editor.submit(editorPage, editorPage + "/draft", Map.of("question", before.question(),
                    "alternates", alternates, "answer", before.answer(), "sms", before.sms()));
            assertEquals(303, saved.statusCode());
            assertTrue(content.draft(TOPIC, LOCALE).isPresent());
            assertNotEquals(TOPIC, answeredTopic(faq.ask(NEW_PHRASE, LOCALE)), "a draft is not what residents read");
            String page = editor.get(editorPage).body();
            assertTrue(page.contains("SMS") && page.contains("Telegram"), "channel previews");
            assertEquals(303, editor.submit(editorPage, editorPage + "/submit", Map.of()).statusCode());
            // an editor cannot publish
            HttpResponse<String> refused = editor.submit(editorPage, editorPage + "/publish", Map.of());
            assertTrue(refused.statusCode() == 403 || refused.headers().firstValue("location").orElse("").equals("/console/forbidden"),
                    "refused: " + refused.statusCode());
            assertEquals(before.revision(), content.published(TOPIC, LOCALE).orElseThrow().revision());

            StaffSession reviewer = session("rev");
            HttpResponse<String> published = reviewer.submit(editorPage, editorPage + "/publish", Map.of());
            assertEquals(303, published.statusCode());
            assertTrue(published.headers().firstValue("location").orElse("").contains("done=published"));
            Localization after = content.published(TOPIC, LOCALE).orElseThrow();
            assertEquals(before.revision() + 1, after.revision());
            assertEquals(Localization.REVIEWED, after.status(), "a reviewed translation");
            assertTrue(content.draft(TOPIC, LOCALE).isEmpty());
            assertEquals(TOPIC, answeredTopic(faq.ask(NEW_PHRASE, LOCALE)), "the next answer uses the new alternate");
            Map<String, Object> reply = new Chat(client, "console-" + System.nanoTime(), LOCALE).says(NEW_PHRASE);
            assertEquals(TOPIC, reply.get("topic"));
            assertFalse(Chat.replies(reply).stream().anyMatch(r -> String.valueOf(r.get("text")).contains("máy")
                    && String.valueOf(r.get("text")).contains("dịch")), "no machine-translation notice on a reviewed text");
            Await.until("the other replica hears of it", () -> TOPIC.equals(answeredTopic(replicaFaq.ask(NEW_PHRASE, LOCALE))));

            assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'ed' and action = 'content.draft' and target = ?", TOPIC + "/" + LOCALE));
            assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'ed' and action = 'content.submit'"));
            assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'rev' and action = 'content.publish'"));

            // roll back: the old revision becomes a draft, then is reviewed and published like any change
            long oldId = content.history(TOPIC, LOCALE).stream().filter(r -> r.localization().revision() == before.revision())
                    .findFirst().orElseThrow().id();
            assertEquals(303, reviewer.submit(editorPage, editorPage + "/restore", Map.of("revision", String.valueOf(oldId))).statusCode());
            assertEquals(303, reviewer.submit(editorPage, editorPage + "/submit", Map.of()).statusCode());
            assertEquals(303, reviewer.submit(editorPage, editorPage + "/publish", Map.of()).statusCode());
            assertEquals(before.alternates(), content.published(TOPIC, LOCALE).orElseThrow().alternates());
            assertNotEquals(TOPIC, answeredTopic(faq.ask(NEW_PHRASE, LOCALE)), "rolled back");
            Await.until("the other replica rolls back too", () -> !TOPIC.equals(answeredTopic(replicaFaq.ask(NEW_PHRASE, LOCALE))));
        }
    }

    @Test
    void aDraftWithProblemsIsKeptButCannotGoToReview() {
        String page = "/console/content/hikorea/ne";
        StaffSession editor = session("ed");
        HttpResponse<String> saved = editor.submit(page, page + "/draft", Map.of("question", "के हो?", "alternates", "एक",
                "answer", "[link](topic:no-such-topic)", "sms", "छोटो"));
        assertEquals(303, saved.statusCode());
        assertTrue(content.draft("hikorea", "ne").isPresent(), "nothing typed is lost");
        HttpResponse<String> submitted = editor.submit(page, page + "/submit", Map.of());
        assertTrue(submitted.headers().firstValue("location").orElse("").contains("done=invalid"));
        String body = editor.get(page).body();
        assertTrue(body.contains("no-such-topic"), "the broken link is named");
        assertTrue(body.contains("alternates: 1"), "too few alternates are named");
    }

    @Test
    void tryItShowsTheLanguageTheRankingAndTheDecision() {
        StaffSession editor = session("ed");
        HttpResponse<String> r = editor.get("/console/try?q=" + java.net.URLEncoder.encode("thẻ cư trú di động là gì", StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("(vi)"), "the detected language");
        assertTrue(r.body().contains("mobile-id-overview"), "the ranked topics");
        assertTrue(r.body().contains("<meter"), "scores");
    }

    @Test
    void adminCommandCreatesTheFirstAdministratorWithoutADefaultPassword() {
        String url = Sql.one(dataSource, "select 'jdbc:postgresql://localhost:' || current_setting('port') || '/postgres'");
        Map<String, String> env = databaseEnv(url);
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(1, AdminCommand.run(new String[] {"admin", "create-user", "first", "--roles", "admin", "--password-stdin"}, env, Path.of("unused")));
            assertTrue(accounts.find("first").isEmpty(), "a short password is refused");
            assertEquals(2, AdminCommand.run(new String[] {"admin", "create-user", "first", "--roles", "emperor", "--password-stdin"}, env, Path.of("unused")));
            System.setIn(new ByteArrayInputStream("a long enough secret\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, AdminCommand.run(new String[] {"admin", "create-user", "first", "--roles", "admin,reviewer", "--name", "First Admin", "--password-stdin"}, env, Path.of("unused")));
        } finally {
            System.setIn(stdin);
        }
        Account first = accounts.find("first").orElseThrow();
        assertEquals(Set.of(Role.ADMIN, Role.REVIEWER), first.roles());
        assertNull(first.lastLogin());
        assertTrue(new StaffSession(server.getURI()).login("first", "a long enough secret").headers().firstValue("location").orElse("").equals("/console"));
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'cli' and target = 'first'"));
        String hash = Sql.one(dataSource, "select password_hash from staff_account where username = 'first'");
        assertTrue(hash.startsWith("$argon2id$"), "Argon2id, not the password");
    }

    @Test
    void translatorsDownloadAndUploadXliffAndABrokenFileChangesNothing() {
        StaffSession editor = session("ed");
        HttpResponse<String> xliff = editor.getRaw("/console/translations/th/xliff");
        assertEquals(200, xliff.statusCode());
        assertTrue(xliff.headers().firstValue("content-type").orElse("").startsWith("application/xliff+xml"));
        assertTrue(xliff.headers().firstValue("content-disposition").orElse("").contains("ieum-th.xlf"));
        String before = content.published("immigration-offices", "th").orElseThrow().sms();
        String edited = "สำนักงานตรวจคนเข้าเมืองมีหลายแห่ง ดูที่ตั้งได้ที่ HiKorea";
        String changed = xliff.body().replaceFirst("(<unit id=\"immigration-offices/sms\">\\s*<segment[^>]*>\\s*<source>[^<]*</source>\\s*<target>)[^<]*(</target>)",
                "$1" + edited + "$2");
        assertTrue(!changed.equals(xliff.body()), "the unit was edited");
        HttpResponse<String> uploaded = editor.upload("/console/content", "/console/translations", "ieum-th.xlf", changed.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        assertTrue(uploaded.body().contains("/console/content/immigration-offices/th"), "the drafted topic is listed");
        assertEquals(edited, content.draft("immigration-offices", "th").orElseThrow().sms());
        assertEquals(before, content.published("immigration-offices", "th").orElseThrow().sms());

        HttpResponse<String> broken = editor.upload("/console/content", "/console/translations", "ieum-th.xlf",
                xliff.body().replace("</file>", "").getBytes(StandardCharsets.UTF_8));
        assertTrue(broken.body().contains("not valid XML"), broken.body());
        HttpResponse<String> noToken = editor.post("/console/translations", Map.of(), null);
        assertEquals(403, noToken.statusCode());
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'ed' and action = 'translations.import'"));
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'ed' and action = 'translations.refused'"));
    }

    @Test
    void unansweredQuestionsAreClusteredRedactedAndOneClickAwayFromATopicsDraft() {
        String who = "unanswered-" + System.nanoTime();
        for (String q : List.of("zorblax frumious bandersnatch M12345678", "zorblax frumious bandersnatch?", "Zorblax frumious bandersnatch!!")) {
            new Chat(client, who + q.length(), "vi").says(q);
        }
        StaffSession editor = session("ed");
        HttpResponse<String> page = editor.get("/console/unanswered?locale=vi");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("3×"), "three wordings in one cluster");
        assertTrue(page.body().contains("zorblax frumious bandersnatch"), "the question as stored");
        assertFalse(page.body().contains("M12345678"), "an ID number never shows: it was redacted before storing");
        HttpResponse<String> added = editor.submit("/console/unanswered?locale=vi", "/console/unanswered/alternate",
                Map.of("locale", "vi", "topic", "mobile-id-eligibility", "text", "zorblax frumious bandersnatch?"));
        assertEquals(303, added.statusCode());
        assertTrue(content.draft("mobile-id-eligibility", "vi").orElseThrow().alternates().contains("zorblax frumious bandersnatch?"));
        assertFalse(content.published("mobile-id-eligibility", "vi").orElseThrow().alternates().contains("zorblax frumious bandersnatch?"),
                "published only after review");
    }

    @Test
    void aNewTopicStartedFromAnUnansweredQuestionIsWrittenReviewedPublishedAndExported(@org.junit.jupiter.api.io.TempDir Path out)
            throws java.io.IOException {
        String question = "snark boojum jabberwock hunting?";
        new Chat(client, "newtopic-" + System.nanoTime(), "vi").says(question);
        StaffSession editor = session("ed");
        assertTrue(editor.get("/console/unanswered?locale=vi").body().contains("snark boojum jabberwock"));
        HttpResponse<String> partner = session("partner").submit("/console/campaigns", "/console/unanswered/topic",
                Map.of("id", "snark-hunting", "category", "help", "locale", "vi", "text", question));
        assertTrue(partner.statusCode() == 403 || partner.headers().firstValue("location").orElse("").equals("/console/forbidden"),
                "a partner cannot: " + partner.statusCode());
        HttpResponse<String> bad = editor.submit("/console/unanswered?locale=vi", "/console/unanswered/topic",
                Map.of("id", "Snark Hunting!", "category", "help", "locale", "vi", "text", question));
        assertTrue(bad.headers().firstValue("location").orElse("").contains("done=topicinvalid"));
        HttpResponse<String> taken = editor.submit("/console/unanswered?locale=vi", "/console/unanswered/topic",
                Map.of("id", "hikorea", "category", "help", "locale", "vi", "text", question));
        assertTrue(taken.headers().firstValue("location").orElse("").contains("done=topicexists"));

        HttpResponse<String> started = editor.submit("/console/unanswered?locale=vi", "/console/unanswered/topic",
                Map.of("id", "snark-hunting", "category", "help", "locale", "vi", "text", question));
        assertEquals(303, started.statusCode());
        String editorPage = "/console/content/snark-hunting/vi";
        assertEquals(editorPage + "?done=topicstarted", started.headers().firstValue("location").orElse(""));
        assertEquals(question, content.draft("snark-hunting", "vi").orElseThrow().question());
        String page = editor.get(editorPage).body();
        assertTrue(page.contains("id=\"remove\""), "a topic never published can be removed");
        assertTrue(editor.get("/console/content").body().contains("/console/content/snark-hunting/ko"), "a row of the coverage matrix");

        assertEquals(303, editor.submit(editorPage, editorPage + "/draft", Map.of("question", question,
                "alternates", "snark boojum\nboojum jabberwock\nhunting the snark", "answer", "Hỏi [1345](topic:contact-1345).",
                "sms", "Hỏi 1345.")).statusCode());
        assertEquals(303, editor.submit(editorPage, editorPage + "/submit", Map.of()).statusCode());
        assertEquals(303, session("rev").submit(editorPage, editorPage + "/publish", Map.of()).statusCode());
        Localization published = content.published("snark-hunting", "vi").orElseThrow();
        assertEquals(Localization.SOURCE, published.status(), "the first text of a topic is its source");
        assertEquals("snark-hunting", answeredTopic(faq.ask("hunting the snark", "vi")), "residents get it at once");
        assertFalse(editor.get(editorPage).body().contains("id=\"remove\""), "a published topic stays");

        String url = Sql.one(dataSource, "select 'jdbc:postgresql://localhost:' || current_setting('port') || '/' || current_database()");
        Map<String, String> env = databaseEnv(url);
        assertEquals(0, kr.ieum.content.ContentCommand.run(new String[] {"content", "export", "--to", out.toString()}, env, Path.of("unused")));
        String topics = java.nio.file.Files.readString(out.resolve("topics.yaml"));
        assertTrue(topics.endsWith("  - {id: snark-hunting, category: help}\n"), "the new topic is the last of topics.yaml");
        assertTrue(topics.startsWith("# The knowledge base's topics"), "the guidance for editors stays");
        assertTrue(java.nio.file.Files.readString(out.resolve("faq/snark-hunting/vi.md")).contains("status: source"));
        assertTrue(kr.ieum.content.ContentReader.read(out, new java.util.HashSet<>(List.of("vi", "en", "ko"))).topics().stream()
                .anyMatch(t -> t.id().equals("snark-hunting")), "the files read back");

        HttpResponse<String> oops = editor.submit("/console/unanswered?locale=vi", "/console/unanswered/topic",
                Map.of("id", "snark-oops", "category", "help", "locale", "vi", "text", question));
        assertEquals(303, oops.statusCode());
        HttpResponse<String> removed = editor.submit("/console/content/snark-oops/vi", "/console/content/snark-oops/remove", Map.of());
        assertEquals("/console/content?done=topicremoved", removed.headers().firstValue("location").orElse(""));
        assertTrue(content.topics().stream().noneMatch(t -> t.id().equals("snark-oops")));
        assertTrue(content.draft("snark-oops", "vi").isEmpty());
        assertEquals(404, editor.submit("/console/content/hikorea/vi", "/console/content/hikorea/remove", Map.of()).statusCode(),
                "a published topic cannot be removed");
        assertEquals("2", Sql.one(dataSource, "select count(*) from audit_log where actor = 'ed' and action = 'content.topic.start'"));
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'ed' and action = 'content.topic.remove'"));
    }

    @Test
    void reviewersSendAnnouncementsToThoseWhoAskedAndLongSmsTextsAreRefused() {
        new Chat(client, "news-" + System.nanoTime(), "vi").says("tin tức");
        StaffSession reviewer = session("rev");
        HttpResponse<String> page = reviewer.get("/console/announcements");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().matches("(?s).*<td>api</td>\\s*<td>vi</td>\\s*<td>\\d+</td>.*"), "who said yes, by channel and language");
        HttpResponse<String> editor = session("ed").get("/console/announcements");
        assertTrue(editor.statusCode() == 403 || editor.headers().firstValue("location").orElse("").equals("/console/forbidden"),
                "an editor cannot send: " + editor.statusCode());
        HttpResponse<String> tooLong = reviewer.submit("/console/announcements", "/console/announcements", Map.of("name", "long",
                "channel-twilio", "on", "text-vi", "Thẻ cư trú di động ".repeat(12)));
        assertEquals(422, tooLong.statusCode());
        assertTrue(tooLong.body().contains("SMS"), "says the SMS is too long");
        HttpResponse<String> created = reviewer.submit("/console/announcements", "/console/announcements", Map.of("name", "December",
                "channel-api", "on", "text-vi", "Tin mới về thẻ cư trú di động."));
        assertEquals(303, created.statusCode());
        String report = reviewer.get(created.headers().firstValue("location").orElseThrow()).body();
        assertTrue(report.contains("Tin mới về thẻ cư trú di động.") && report.contains("<td>api</td>"), "texts and deliveries");
        assertEquals("1", Sql.one(dataSource, "select count(*) from audit_log where actor = 'rev' and action = 'announcement.create'"));
    }

    @Test
    void theJsonBehindTheConsoleHasTheSameRoles() {
        assertEquals(401, new StaffSession(server.getURI()).getJson("/api/v1/admin/coverage").statusCode(), "no session");
        assertEquals(403, session("partner").getJson("/api/v1/admin/coverage").statusCode());
        StaffSession editor = session("ed");
        HttpResponse<String> coverage = editor.getJson("/api/v1/admin/coverage");
        assertEquals(200, coverage.statusCode());
        assertTrue(coverage.body().contains("\"mobile-id-overview\"") && coverage.body().contains("\"machine\""), coverage.body().substring(0, 200));
        HttpResponse<String> one = editor.getJson("/api/v1/admin/content/hikorea/vi");
        assertEquals(200, one.statusCode());
        assertTrue(one.body().contains("\"published\"") && one.body().contains("\"history\""));
        assertEquals(404, editor.getJson("/api/v1/admin/content/no-such-topic/vi").statusCode());
        assertEquals(200, editor.getJson("/api/v1/admin/unanswered?locale=vi").statusCode());
    }

    @Test
    void analyticsTablesDownloadAsCsvForStaffOnly() {
        new Chat(client, "csv-" + System.nanoTime(), "mn").says("гар утасны үнэмлэх гэж юу вэ?");
        HttpResponse<String> csv = session("ed").getRaw("/console/analytics/csv/messages-per-language?days=7");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().startsWith("language,messages\r\n"), csv.body());
        assertTrue(csv.body().lines().anyMatch(l -> l.startsWith("mn,")), csv.body());
        assertNotEquals(200, session("partner").getRaw("/console/analytics/csv/messages-per-language").statusCode());
    }

    private static String answeredTopic(FaqResult result) {
        return result.outcome() == FaqResult.Outcome.ANSWERED ? result.topic() : null;
    }
}
