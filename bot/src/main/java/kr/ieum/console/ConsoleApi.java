package kr.ieum.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.ieum.content.ContentService;
import kr.ieum.content.Coverage;
import kr.ieum.content.Draft;
import kr.ieum.content.Topic;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.insight.UnansweredQuestions;

/**
 * The JSON behind the console, under {@code /api/v1/admin/}, with the console's session and roles: the coverage matrix,
 * one topic in one language (published text, draft, history), and the unanswered questions' clusters. Read-only; changes
 * go through the console's forms (a script would send the session's CSRF token in {@code X-CSRF-Token}).
 */
@Controller("/api/v1/admin")
@Secured({ConsolePages.EDITOR, ConsolePages.REVIEWER})
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsoleApi {
    private final ContentService content;
    private final LocaleRegistry locales;
    private final UnansweredQuestions unanswered;

    ConsoleApi(ContentService content, LocaleRegistry locales, UnansweredQuestions unanswered) {
        this.content = content;
        this.locales = locales;
        this.unanswered = unanswered;
    }

    /** topic → locale → {state, draft}. */
    @Get("/coverage")
    Map<String, Object> coverage() {
        Coverage coverage = content.coverage(locales.tags());
        Map<String, Object> topics = new LinkedHashMap<>();
        for (Topic t : coverage.topics()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String tag : coverage.locales()) {
                Coverage.Cell cell = coverage.cell(t.id(), tag);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("state", cell.state().name().toLowerCase());
                c.put("draft", cell.draft());
                row.put(tag, c);
            }
            topics.put(t.id(), row);
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Coverage.State s : Coverage.State.values()) {
            counts.put(s.name().toLowerCase(), coverage.count(s));
        }
        return Map.of("locales", coverage.locales(), "counts", counts, "topics", topics);
    }

    @Get("/content/{topic}/{locale}")
    HttpResponse<Map<String, Object>> topic(@PathVariable String topic, @PathVariable String locale) {
        if (!locales.supports(locale) || content.topics().stream().noneMatch(t -> t.id().equals(topic))) {
            return HttpResponse.notFound();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("topic", topic);
        out.put("locale", locale);
        out.put("published", content.published(topic, locale).orElse(null));
        Draft draft = content.draft(topic, locale).orElse(null);
        out.put("draft", draft);
        out.put("problems", draft == null ? List.of() : content.problems(draft));
        out.put("history", content.history(topic, locale).stream().map(r -> Map.of("id", r.id(), "revision", r.localization().revision(),
                "status", r.localization().status(), "by", r.publishedBy(), "at", r.publishedAt().toString())).toList());
        return HttpResponse.ok(out);
    }

    @Get("/unanswered")
    List<UnansweredQuestions.Cluster> unanswered(@Nullable @QueryValue String locale, @Nullable @QueryValue Integer days) {
        return unanswered.clusters(locale != null && locales.supports(locale) ? locale : null, days == null ? 30 : Math.max(1, Math.min(days, 365)));
    }
}
