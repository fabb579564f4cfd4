package kr.ieum.conversation;

import static kr.ieum.support.Chat.options;
import static kr.ieum.support.Chat.replies;
import static kr.ieum.support.Chat.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import kr.ieum.content.ContentService;
import kr.ieum.support.UntranslatedTopic;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import kr.ieum.i18n.Messages;
import kr.ieum.support.Chat;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Residents say, the bot replies: commands, numbered replies, language switching, fallback and FORGET. */
@MicronautTest
class ConversationIT extends ServiceTest {
    @Inject
    ContentService content;
    @Inject
    DataSource dataSource;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    Messages messages;
    @Inject
    JdbcOperations jdbc;

    @ParameterizedTest(name = "MENU, then 1, in {0}")
    @ValueSource(strings = {"ko", "en", "zh-Hans", "vi", "ne", "uz", "km", "th", "id", "tl", "mn", "my", "ru", "si", "bn", "ur", "ja", "kk", "ky", "zh-Hant"})
    void menuWordOfEveryLanguageShowsNumberedTopicsAndANumberAnswers(String tag) {
        Chat resident = new Chat(client, "menu-" + tag, tag);
        String word = messages.commandWords(tag, "menu").iterator().next();
        Map<String, Object> menu = resident.says(word);
        assertEquals("command", menu.get("outcome"));
        assertEquals(tag, menu.get("language"));
        assertEquals(messages.render(tag, "menu.title").text(), text(menu, 0));
        assertTrue(options(menu, 0).size() >= 5, "menu has its topics");
        // the guided journey comes first, then the topics
        assertTrue(((String) options(menu, 0).get(0).get("label")).length() > 5);
        Map<String, Object> answer = resident.says("2");
        assertEquals("answered", answer.get("outcome"));
        assertEquals("mobile-id-overview", answer.get("topic"));
        assertEquals(tag, answer.get("language"));
    }

    @ParameterizedTest(name = "a greeting and thanks in {0}")
    @ValueSource(strings = {"ko", "en", "zh-Hans", "vi", "ne", "uz", "km", "th", "id", "tl", "mn", "my", "ru", "si", "bn", "ur", "ja", "kk", "ky", "zh-Hant"})
    void greetingsGetTheGreetingAndTheMenuAndThanksAnAcknowledgement(String tag) {
        Chat resident = new Chat(client, "hello-" + tag, tag);
        String hello = ownWord(tag, "greeting");
        Map<String, Object> r = resident.says(hello);
        assertEquals("command", r.get("outcome"), hello);
        assertEquals(tag, r.get("language"));
        assertEquals(messages.render(tag, "greeting").text(), text(r, 0));
        assertEquals(messages.render(tag, "menu.title").text(), text(r, 1));
        Map<String, Object> thanks = resident.says(ownWord(tag, "thanks"));
        assertEquals(messages.render(tag, "smalltalk.thanks").text(), text(thanks, 0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource({"xin chào,vi", "안녕하세요,ko", "hello,en", "hi,en", "thanks,en", "Здравствуйте,ru", "namaste,ne"})
    void aGreetingFromANewContactIsAnsweredInItsLanguage(String hello, String tag) {
        Map<String, Object> r = new Chat(client, "new-hello-" + tag + hello.length(), null).says(hello);
        assertEquals(tag, r.get("language"), hello);
        assertEquals("command", r.get("outcome"));
    }

    @Test
    void aMessageWithAnIdNumberIsAnsweredWithoutItAndWarnsOnce() {
        Map<String, Object> r = new Chat(client, "id-number", "en").says("my ARC 900101-5123456 what is the mobile residence card?");
        assertEquals("mobile-id-overview", r.get("topic"), "answered as if the number were not there");
        List<Map<String, Object>> all = replies(r);
        assertEquals(messages.render("en", "privacy.idnumber").text(), all.get(all.size() - 1).get("text"));
        assertEquals(1, all.stream().filter(m -> messages.render("en", "privacy.idnumber").text().equals(m.get("text"))).count());
        String stored = jdbc.prepareStatement("select body from turn t join contact c on c.id = t.contact_id "
                + "where t.direction = 'in' order by t.id desc limit 1", ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertTrue(!stored.contains("5123456"), "the number is not stored: " + stored);
    }

    @Test
    void aQuestionOutsideWhatIeumKnowsIsDeclinedWithWhereToAsk() {
        Map<String, Object> r = new Chat(client, "declined", "en").says("how much does it cost to extend my visa");
        assertEquals("unanswered", r.get("outcome"));
        assertEquals(null, r.get("topic"));
        assertTrue(text(r, 0).contains("HiKorea"), text(r, 0));
        assertEquals(messages.render("en", "handoff.offer").text(), text(r, replies(r).size() - 1));
    }

    @Test
    void anUnsureFirstMessageIsAnsweredButItsLanguageIsNotKeptAndTheLikeliestAreOffered() {
        // short Latin-script first messages that several of our languages could be, from new contacts without a hint
        java.util.Set<String> endonyms = new java.util.HashSet<>();
        messages.locales().all().forEach(l -> endonyms.add(l.endonym()));
        int offered = 0;
        for (String probe : List.of("app?", "ok", "mobile id?", "card")) {
            Chat resident = new Chat(client, "unsure-" + probe, null);
            Map<String, Object> r = resident.says(probe);
            List<Map<String, Object>> menu = options(r, replies(r).size() - 1);
            if (menu == null || menu.size() < 2 || !menu.stream().allMatch(o -> endonyms.contains(o.get("label")))) {
                continue;
            }
            offered++;
            assertTrue(menu.size() <= 3, "a short menu: " + menu);
            String second = (String) menu.get(1).get("label");
            String tag = messages.locales().all().stream().filter(l -> l.endonym().equals(second)).findFirst().orElseThrow().tag();
            Map<String, Object> chosen = resident.says("2");
            assertEquals(tag, chosen.get("language"));
            assertEquals(messages.render(tag, "language.changed").text(), text(chosen, 0));
        }
        assertTrue(offered >= 1, "an unsure first message offers the likeliest languages");
    }

    /** The first word a locale's own command line lists (not an English one). */
    private String ownWord(String tag, String command) {
        return messages.commandWords(tag, command).stream()
                .filter(w -> messages.localesWithOwnCommandWord(command, w).contains(tag)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} from a new contact without a hint")
    @ValueSource(strings = {"/start", "/menu", "/help"})
    void aChatCommandIsNoLanguageEvidence(String command) {
        // Latin-script command words would otherwise be "detected" as some Latin-script language
        Map<String, Object> r = new Chat(client, "slash-" + command, null).says(command);
        assertEquals("en", r.get("language"));
        assertEquals(messages.render("en", "language.menu.title").text(), text(r, 0));
    }

    @ParameterizedTest(name = "HELP, HUMAN, STOP, START in {0}")
    @ValueSource(strings = {"ko", "vi", "ru", "th", "ur", "ne", "id", "mn", "ja", "bn"})
    void commandsWorkInTheResidentsOwnWords(String tag) {
        Chat resident = new Chat(client, "commands-" + tag, tag);
        for (String command : List.of("help", "human", "stop", "start")) {
            String word = messages.commandWords(tag, command).iterator().next();
            Map<String, Object> r = resident.says(word);
            assertEquals("command", r.get("outcome"), command + " in " + tag + " (" + word + ")");
            if (command.equals("human")) {
                // agents read Korean and English, and only in their hours: everyone else is told about 1345 honestly
                String name = messages.languageName(tag, tag);
                String closed = messages.render(tag, "handoff.closed", Map.of("language", name,
                        "hours", messages.render(tag, "handoff.hours." + (tag.equals("ko") ? "long" : "day")).text())).text();
                String covered = messages.render(tag, "handoff.covered", Map.of("language", name,
                        "wait", messages.render(tag, "handoff.wait", Map.of("hours", 2)).text())).text();
                assertTrue(text(r, 0).equals(closed) || (tag.equals("ko") && text(r, 0).equals(covered)), tag + ": " + text(r, 0));
                continue;
            }
            String key = switch (command) {
                case "help" -> "help";
                case "stop" -> "stop.done";
                default -> "start.done";
            };
            assertEquals(messages.render(tag, key).text(), text(r, 0));
        }
    }

    @Test
    void languageMenuListsEndonymsAndANumberSwitchesLanguage() {
        Chat resident = new Chat(client, "switcher", null);
        Map<String, Object> menu = resident.says("LANGUAGE");
        List<Map<String, Object>> options = options(menu, 0);
        assertEquals(20, options.size());
        assertEquals("Tiếng Việt", options.get(4).get("label"));
        Map<String, Object> chosen = resident.says("5");
        assertEquals("vi", chosen.get("language"));
        assertEquals(messages.render("vi", "language.changed").text(), text(chosen, 0));
        Map<String, Object> answer = resident.says("what is the mobile residence card?");
        assertEquals("vi", answer.get("language"), "an explicit choice holds");
        assertEquals("mobile-id-overview", answer.get("topic"));
        // the answer, then the machine-translation notice (then the offer of the step-by-step guide)
        assertEquals(messages.render("vi", "notice.machine").text(), text(answer, 1), "a machine translation says so");
    }

    @Test
    void aShortWordDoesNotFlipAKnownLanguageButAUniqueScriptDoes() {
        Chat resident = new Chat(client, "sticky", null);
        assertEquals("vi", resident.says("làm mất thẻ cư trú nhựa thì sao").get("language"));
        assertEquals("vi", resident.says("ok").get("language"));
        assertEquals("ko", resident.says("모바일 외국인등록증이 뭐예요?").get("language"));
    }

    @Test
    void anAnswerMissingInTheLanguageComesFromTheFallbackChainAndSaysSo() {
        try (UntranslatedTopic topic = UntranslatedTopic.publish(content, dataSource)) {
            Chat resident = new Chat(client, "fallback-kk", null);
            resident.says("LANGUAGE");
            assertEquals("kk", resident.says("19").get("language"));
            Map<String, Object> r = resident.says("I forgot my umbrella at the immigration office, where is the lost property desk?");
            assertEquals("answered", r.get("outcome"));
            assertEquals(UntranslatedTopic.ID, r.get("topic"));
            String notice = text(r, 0);
            assertEquals(messages.render("kk", "notice.fallback", Map.of("language", messages.languageName("kk", "kk"),
                    "fallbackLanguage", messages.languageName("en", "kk"))).text(), notice);
            assertEquals("en", replies(r).get(1).get("language"));
        }
    }

    @Test
    void outOfScopeGetsAnHonestDontKnowAndTheOfferOfAPerson() {
        Map<String, Object> r = new Chat(client, "kimchi", "en").says("best kimchi recipe");
        assertEquals("unanswered", r.get("outcome"));
        assertEquals(null, r.get("topic"));
        assertEquals(messages.render("en", "unknown").text(), text(r, 0));
        assertEquals(messages.render("en", "handoff.offer").text(), text(r, 1));
    }

    @Test
    void forgetAsksThenErasesEverythingAboutTheContact() {
        Chat resident = new Chat(client, "forgetful", "ru");
        resident.says("Кто может получить мобильную карту? мой номер 900101-5123456");
        long before = count("select count(*) from turn");
        assertTrue(count("select count(*) from turn where body like '%[id-number]%'") > 0, "the registration number was redacted");
        assertEquals(0, count("select count(*) from turn where body like '%5123456%'"));
        Map<String, Object> ask = resident.says(messages.commandWords("ru", "forget").iterator().next());
        assertEquals(messages.render("ru", "forget.confirm").text(), text(ask, 0));
        assertEquals(2, options(ask, 0).size());
        Map<String, Object> done = resident.says("1");
        assertEquals(messages.render("ru", "forget.done").text(), text(done, 0));
        assertTrue(count("select count(*) from turn") < before, "the contact's turns are gone");
        Map<String, Object> again = resident.says("LANGUAGE");
        assertEquals("command", again.get("outcome"), "a forgotten resident starts afresh");
    }

    @Test
    void forgetCanBeCancelled() {
        Chat resident = new Chat(client, "keeper", "vi");
        resident.says("FORGET");
        Map<String, Object> kept = resident.says("2");
        assertEquals(messages.render("vi", "forget.cancelled").text(), text(kept, 0));
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
