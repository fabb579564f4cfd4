package kr.ieum.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.LocalesLoader;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentReaderTest {
    static final LocaleRegistry LOCALES = LocalesLoader.registry(ProjectPaths.resolve(null, "locales"));
    static final Set<String> TAGS = new HashSet<>(LOCALES.tags());

    @Test
    void theBundledContentIsValid() {
        ContentSet set = ContentReader.read(ProjectPaths.resolve(null, "content"), TAGS);
        assertEquals(List.of(), set.problems().stream().map(ContentProblem::toString).toList());
    }

    @Test
    void theBundledContentCoversTheOutline() {
        ContentSet set = ContentReader.read(ProjectPaths.resolve(null, "content"), TAGS);
        Map<String, Set<String>> byLocale = set.localizations().stream()
                .collect(Collectors.groupingBy(Localization::locale, Collectors.mapping(Localization::topic, Collectors.toSet())));
        List<String> missing = new ArrayList<>();
        for (Topic t : set.topics()) {
            for (String tag : List.of("ko", "en")) {
                if (!byLocale.getOrDefault(tag, Set.of()).contains(t.id())) {
                    missing.add(tag + "/" + t.id());
                }
            }
        }
        assertEquals(List.of(), missing, "every topic needs its Korean and English source");
        for (Localization l : set.localizations()) {
            assertTrue(l.status().equals(Localization.SOURCE) == (l.locale().equals("en") || l.locale().equals("ko")),
                    l.topic() + "/" + l.locale() + " has status " + l.status());
        }
    }

    @Test
    void reportsEveryKindOfProblemWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - {id: alpha}\n  - {id: beta}\n  - {id: delta}\n  - {id: epsilon}\n");
        write(dir, "alpha", "en", """
                ---
                question: What is alpha?
                alternates:
                  - alpha meaning
                  - what alpha
                  - shared phrase
                  - alpha what is it
                sms: Alpha is a thing.
                status: source
                revision: 1
                colour: blue
                ---
                Alpha is [beta](topic:beta) and [nothing](topic:gamma).
                """);
        write(dir, "beta", "en", """
                ---
                alternates:
                  - beta meaning
                  - shared phrase
                sms: Beta.
                status: machine
                revision: 1
                links:
                  - not a link
                ---
                """ + "x".repeat(ContentReader.MAX_ANSWER + 1) + "\n");
        write(dir, "delta", "en", "---\nquestion: What is delta?\nalternates: [delta meaning, shared phrase, what delta]\n"
                + "sms: Delta.\nstatus: source\nrevision: 1\n---\nDelta is a letter.\n");
        write(dir, "epsilon", "en", "---\nquestion: What is epsilon?\nalternates: [a, b, c]\nsms: E.\nstatus: source\nrevision: 1\n---\n\n");
        write(dir, "beta", "xx", "---\nquestion: q\n---\nanswer\n");
        write(dir, "gamma", "en", "---\nquestion: q\n---\nanswer\n");
        ContentSet set = ContentReader.read(dir, TAGS);
        String report = set.problems().stream().map(ContentProblem::toString).collect(Collectors.joining("\n"));
        assertTrue(report.contains("faq/alpha/en.md:11: unknown field 'colour'"), report);
        assertTrue(report.contains("faq/alpha/en.md:13: broken link 'topic:gamma'"), report);
        assertTrue(report.contains("faq/beta/en.md:2: missing 'question'"), report);
        assertTrue(report.contains("only 2 alternates"), report);
        assertTrue(report.contains("needs 'source-revision'"), report);
        assertTrue(report.contains("broken link 'not a link'"), report);
        assertTrue(report.contains("answer is 701 characters"), report);
        assertTrue(report.contains("alternate 'shared phrase' is also used by topic"), report);
        assertTrue(report.contains("faq/beta/xx.md:1: unknown locale 'xx'"), report);
        assertTrue(report.contains("faq/gamma:1: unknown topic 'gamma'"), report);
        assertTrue(report.contains("faq/epsilon/en.md:8: missing answer"), report);
    }

    @Test
    void commandExitsNonZeroOnProblems(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - {id: alpha}\n");
        write(dir, "alpha", "en", "---\nquestion: q\n---\n\n");
        String locales = ProjectPaths.resolve(null, "locales").toString();
        assertEquals(1, ContentCommand.run(new String[] {"content", "validate", "--content", dir.toString(), "--locales", locales}));
        assertEquals(0, ContentCommand.run(new String[] {"content", "validate", "--locales", locales}));
        assertEquals(2, ContentCommand.run(new String[] {"content", "frobnicate"}));
    }

    private static void write(Path dir, String topic, String locale, String text) throws IOException {
        Files.createDirectories(dir.resolve("faq").resolve(topic));
        Files.writeString(dir.resolve("faq").resolve(topic).resolve(locale + ".md"), text);
    }
}
