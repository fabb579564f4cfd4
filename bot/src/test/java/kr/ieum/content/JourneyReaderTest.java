package kr.ieum.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import kr.ieum.platform.ProjectPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journeys are checked like the FAQ: every kind of mistake is reported with its file and line. */
class JourneyReaderTest {
    private static final Set<String> TAGS = Set.of("en", "ko", "vi");
    // a valid journey: ask -> guide -> end, and a route on the answer
    private static final String SHAPE = """
            id: trip
            revision: 1
            start: ask
            problem-topic: alpha
            steps:
              - id: ask
                ask: kind
                choices:
                  - {id: a, next: guide}
                  - {id: b, next: guide}
              - id: guide
                guide: true
                topic: alpha
                next:
                  - {when: {kind: a}, step: end-a}
                  - {step: end-b}
              - id: end-a
                end: completed
              - id: end-b
                end: cannot
            """;
    private static final String TEXTS = """
            status: source
            revision: 1
            title: "A trip"
            intro: "Let us go."
            steps:
              ask: {text: "Which kind?", choices: {a: "Kind A", b: "Kind B"}}
              guide: {text: "Do it."}
              end-a: {text: "Done, A."}
              end-b: {text: "Done, B."}
            """;

    @Test
    void theBundledJourneyIsValidAndComplete() {
        ContentSet set = ContentReader.read(ProjectPaths.resolve(null, "content"), ContentReaderTest.TAGS);
        assertEquals(List.of(), set.problems());
        Journey journey = set.journeys().stream().filter(j -> j.id().equals("mobile-id-enrollment")).findFirst().orElseThrow();
        assertEquals(ContentReaderTest.TAGS, journey.texts().keySet(), "the journey speaks all 20 languages");
        assertEquals("source", journey.texts().get("en").status());
        assertTrue(set.offices().stream().anyMatch(o -> o.unknown() && o.places().contains("안산")),
                "Ansan's office is not confirmed (facts 3.04): it must not be assigned to a neighbour");
        assertTrue(set.offices().stream().filter(o -> !o.unknown()).allMatch(o -> o.nameKo() != null && o.nameEn() != null));
    }

    @Test
    void aValidJourneyHasNoProblems(@TempDir Path dir) throws IOException {
        ContentSet set = read(dir, SHAPE, Map.of("en", TEXTS));
        assertEquals(List.of(), set.problems());
        Journey j = set.journeys().get(0);
        assertEquals("end-a", j.step("guide").orElseThrow().nextFor(Map.of("kind", "a")));
        assertEquals("end-b", j.step("guide").orElseThrow().nextFor(Map.of("kind", "b")));
    }

    @Test
    void reportsAnUnknownStep(@TempDir Path dir) throws IOException {
        String report = report(dir, SHAPE.replace("{id: b, next: guide}", "{id: b, next: nowhere}"), Map.of("en", TEXTS));
        assertTrue(report.contains("journeys/trip.yaml:6: step 'ask' leads to unknown step 'nowhere'"), report);
    }

    @Test
    void reportsAnUnreachableStep(@TempDir Path dir) throws IOException {
        String shape = SHAPE + "  - id: island\n    end: cannot\n";
        String texts = TEXTS + "  island: {text: \"Alone.\"}\n";
        String report = report(dir, shape, Map.of("en", texts));
        assertTrue(report.contains("journeys/trip.yaml:21: unreachable step 'island'"), report);
    }

    @Test
    void reportsADeadEnd(@TempDir Path dir) throws IOException {
        // a loop with no way out, and a guide step without 'next'
        String shape = SHAPE.replace("{id: b, next: guide}", "{id: b, next: loop}")
                + "  - id: loop\n    guide: true\n    next: loop\n  - id: stuck\n    guide: true\n";
        String texts = TEXTS + "  loop: {text: \"Again.\"}\n  stuck: {text: \"Stuck.\"}\n";
        String report = report(dir, shape, Map.of("en", texts));
        assertTrue(report.contains("journeys/trip.yaml:21: dead end: from step 'loop' no way leads to an end step"), report);
        assertTrue(report.contains("journeys/trip.yaml:24: dead end: step 'stuck' has no 'next'"), report);
    }

    @Test
    void reportsAChoiceWithoutTarget(@TempDir Path dir) throws IOException {
        String report = report(dir, SHAPE.replace("{id: b, next: guide}", "{id: b}"), Map.of("en", TEXTS));
        assertTrue(report.contains("journeys/trip.yaml:10: step 'ask': choice 'b' has no target ('next')"), report);
    }

    @Test
    void reportsAMissingRequiredTranslation(@TempDir Path dir) throws IOException {
        String vi = TEXTS.replace("status: source", "status: machine\nsource-revision: 1\ntranslated-from: en")
                .replace("  guide: {text: \"Do it.\"}\n", "").replace(", b: \"Kind B\"", "");
        String report = report(dir, SHAPE, Map.of("en", TEXTS, "vi", vi));
        assertTrue(report.contains("journeys/trip/vi.yaml:8: missing required translation: label of choice 'b' of step 'ask'"), report);
        assertTrue(report.contains("journeys/trip/vi.yaml:8: missing required translation: text of step 'guide'"), report);
        String noSource = report(dir.resolve("other"), SHAPE, Map.of("vi", vi));
        assertTrue(noSource.contains("journeys/trip/en.yaml:1: missing required translation: the source texts (en)"), noSource);
    }

    @Test
    void reportsUnknownTopicsAndConditionsOnUnaskedAnswers(@TempDir Path dir) throws IOException {
        String shape = SHAPE.replace("topic: alpha", "topic: nothing").replace("{when: {kind: a}", "{when: {colour: a}");
        String report = report(dir, shape, Map.of("en", TEXTS));
        assertTrue(report.contains("journeys/trip.yaml:13: unknown topic 'nothing'"), report);
        assertTrue(report.contains("step 'guide': condition on 'colour', which no step asks"), report);
    }

    private static String report(Path dir, String shape, Map<String, String> texts) throws IOException {
        return read(dir, shape, texts).problems().stream().map(ContentProblem::toString).collect(Collectors.joining("\n"));
    }

    private static ContentSet read(Path dir, String shape, Map<String, String> texts) throws IOException {
        Files.createDirectories(dir.resolve("journeys/trip"));
        Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - {id: alpha}\n");
        Files.writeString(dir.resolve("journeys/trip.yaml"), shape);
        for (Map.Entry<String, String> t : texts.entrySet()) {
            Files.writeString(dir.resolve("journeys/trip").resolve(t.getKey() + ".yaml"), t.getValue());
        }
        return ContentReader.read(dir, TAGS);
    }
}
