package kr.ieum.content.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import kr.ieum.content.ContentService;
import kr.ieum.content.Draft;
import kr.ieum.content.Localization;
import kr.ieum.support.ServiceTest;
import org.junit.jupiter.api.Test;

/** A locale out to an agency and back against the real knowledge base: round trips change nothing, edits become drafts, any problem applies nothing. */
@MicronautTest
class TranslationsIT extends ServiceTest {
    private static final String LOCALE = "id";
    @Inject
    Translations translations;
    @Inject
    ContentService content;

    @Test
    void anUntouchedFileChangesNothingInEitherFormat() {
        TranslationFile file = translations.export(LOCALE);
        assertTrue(file.units().size() >= 4 * 40, "four units per topic");
        assertTrue(file.units().stream().anyMatch(u -> u.state().equals("machine")), "machine translations are marked");
        Translations.Applied xliff = translations.apply(Xliff.read(Xliff.write(file).getBytes(StandardCharsets.UTF_8)), LOCALE, "agency");
        assertEquals(List.of(), xliff.drafted());
        Translations.Applied csv = translations.apply(Csv.read(Csv.write(file).getBytes(StandardCharsets.UTF_8)), null, "agency");
        assertEquals(List.of(), csv.drafted());
        assertEquals(xliff.unchanged(), csv.unchanged());
    }

    @Test
    void anEditedUnitBecomesADraftInReviewAndTheLiveTextStays() {
        TranslationFile file = translations.export(LOCALE);
        Localization before = content.published("hikorea", LOCALE).orElseThrow();
        List<Unit> units = new ArrayList<>();
        for (Unit u : file.units()) {
            units.add(u.id().equals("hikorea/sms") ? new Unit(u.id(), u.state(), u.source(), "HiKorea: portal imigrasi resmi, buka 24 jam.") : u);
        }
        Translations.Applied applied = translations.apply(new TranslationFile("en", LOCALE, units), LOCALE, "agency");
        assertEquals(List.of("hikorea"), applied.drafted());
        Draft draft = content.draft("hikorea", LOCALE).orElseThrow();
        assertTrue(draft.inReview());
        assertEquals("HiKorea: portal imigrasi resmi, buka 24 jam.", draft.sms());
        assertEquals(before, content.published("hikorea", LOCALE).orElseThrow(), "residents still read the published text");
    }

    @Test
    void aFileWithAnyProblemAppliesNothingAndNamesEachUnit() {
        TranslationFile file = translations.export(LOCALE);
        List<Unit> units = new ArrayList<>();
        for (Unit u : file.units()) {
            if (u.id().equals("contact-1345/question")) {
                units.add(new Unit(u.id(), u.state(), u.source(), "Nomor 1345 berapa?"));
            } else if (u.id().equals("contact-1345/sms")) {
                units.add(new Unit(u.id(), u.state(), u.source(), "x".repeat(200)));
            } else {
                units.add(u);
            }
        }
        units.add(new Unit("no-such-topic/answer", "missing", "", "teks"));
        units.add(new Unit("hikorea/colour", "missing", "", "teks"));
        InvalidTranslation e = assertThrows(InvalidTranslation.class, () -> translations.apply(new TranslationFile("en", LOCALE, units), LOCALE, "agency"));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("contact-1345/sms:") && p.contains("160")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("no-such-topic/answer:")), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("hikorea/colour:")), e.problems().toString());
        assertTrue(content.draft("contact-1345", LOCALE).isEmpty(), "the valid question was not applied either");
        assertThrows(InvalidTranslation.class, () -> translations.apply(new TranslationFile("en", "vi", file.units()), LOCALE, "agency"),
                "a file in another language than chosen");
    }
}
