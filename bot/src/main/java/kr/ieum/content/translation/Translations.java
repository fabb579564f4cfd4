package kr.ieum.content.translation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.ieum.content.ContentService;
import kr.ieum.content.Coverage;
import kr.ieum.content.Draft;
import kr.ieum.content.Localization;
import kr.ieum.content.Topic;
import kr.ieum.i18n.LocaleRegistry;

/**
 * A locale's texts out to a translation agency and back. Export: per topic its question, SMS version and answer, and its
 * alternates (one per line: they are written natively, not translated line by line), with the English source and the
 * current translation's state. Import: every unit checked first (known topic and field, the same rules as the editor's)
 * and then either every changed topic becomes a draft in review, or, with any problem, nothing changes.
 */
@Singleton
public class Translations {
    public static final String SOURCE = "en";
    private static final List<String> FIELDS = List.of("question", "alternates", "sms", "answer");
    private final ContentService content;
    private final LocaleRegistry locales;
    private final Clock clock;

    Translations(ContentService content, LocaleRegistry locales, Clock clock) {
        this.content = content;
        this.locales = locales;
        this.clock = clock;
    }

    /** The outcome of an import: the drafts it made (topic ids). */
    public record Applied(String locale, List<String> drafted, int unchanged) {}

    public TranslationFile export(String locale) {
        if (!locales.supports(locale) || SOURCE.equals(locale)) {
            throw new IllegalArgumentException("no translations into " + locale);
        }
        List<Unit> units = new ArrayList<>();
        for (Topic topic : content.topics()) {
            Optional<Localization> source = content.published(topic.id(), SOURCE);
            if (source.isEmpty()) {
                continue;
            }
            Optional<Localization> target = content.published(topic.id(), locale);
            String state = target.map(t -> Coverage.stateOf(t, source.get()).name().toLowerCase()).orElse("missing");
            for (String field : FIELDS) {
                units.add(new Unit(topic.id() + "/" + field, state, value(source.get(), field), target.map(t -> value(t, field)).orElse("")));
            }
        }
        return new TranslationFile(SOURCE, locale, units);
    }

    /** Applies a file (all or nothing); {@code expectedLocale}, when given, must be the file's language. */
    public Applied apply(TranslationFile file, String expectedLocale, String by) {
        List<String> problems = new ArrayList<>();
        String locale = file.locale();
        if (!locales.supports(locale) || SOURCE.equals(locale)) {
            throw new InvalidTranslation(List.of("the file's language '" + locale + "' is not one Ieum translates into"));
        }
        if (expectedLocale != null && !expectedLocale.equals(locale)) {
            throw new InvalidTranslation(List.of("the file is in '" + locale + "', not '" + expectedLocale + "'"));
        }
        Set<String> topics = new java.util.HashSet<>();
        content.topics().forEach(t -> topics.add(t.id()));
        Map<String, Map<String, String>> byTopic = new LinkedHashMap<>();
        for (Unit u : file.units()) {
            if (u.id().indexOf('/') < 0 || !topics.contains(u.topic()) || !FIELDS.contains(u.field())
                    || !u.id().equals(u.topic() + "/" + u.field())) {
                problems.add(u.id() + ": no such unit (ids are <topic>/question, /alternates, /sms, /answer)");
                continue;
            }
            if (byTopic.computeIfAbsent(u.topic(), t -> new LinkedHashMap<>()).put(u.field(), u.target().strip()) != null) {
                problems.add(u.id() + ": given twice");
            }
        }
        List<Draft> drafts = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Map<String, String>> e : byTopic.entrySet()) {
            String topic = e.getKey();
            Map<String, String> fields = e.getValue();
            if (fields.values().stream().allMatch(String::isEmpty)) {
                continue; // not translated: the topic keeps what it has
            }
            Optional<Localization> current = content.published(topic, locale);
            String question = pick(fields, "question", current.map(Localization::question).orElse(""));
            String alternates = pick(fields, "alternates", current.map(l -> String.join("\n", l.alternates())).orElse(""));
            String sms = pick(fields, "sms", current.map(Localization::sms).orElse(""));
            String answer = pick(fields, "answer", current.map(Localization::answer).orElse(""));
            List<String> alternateList = Arrays.stream(alternates.split("\\r?\\n")).map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
            if (current.isPresent() && current.get().question().equals(question) && current.get().alternates().equals(alternateList)
                    && current.get().sms().equals(sms) && current.get().answer().equals(answer)) {
                unchanged++;
                continue;
            }
            Draft d = new Draft(topic, locale, question, alternateList, answer, sms, Draft.REVIEW,
                    current.map(Localization::revision).orElse(null), by, clock.instant(), "imported from a translation file");
            for (String p : content.problems(d)) {
                String field = p.substring(0, Math.max(0, p.indexOf(':')));
                problems.add(topic + "/" + (FIELDS.contains(field) ? field : "answer") + ": " + p.substring(p.indexOf(':') + 1).strip());
            }
            drafts.add(d);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTranslation(problems);
        }
        content.saveDrafts(drafts);
        return new Applied(locale, drafts.stream().map(Draft::topic).toList(), unchanged);
    }

    private static String pick(Map<String, String> fields, String field, String current) {
        String v = fields.get(field);
        return v == null || v.isEmpty() ? current : v;
    }

    private static String value(Localization l, String field) {
        return switch (field) {
            case "question" -> l.question();
            case "alternates" -> String.join("\n", l.alternates());
            case "sms" -> l.sms();
            default -> l.answer();
        };
    }
}
