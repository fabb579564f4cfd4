package kr.ieum.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import kr.ieum.enrollment.Funnel;
import kr.ieum.enrollment.Funnels;
import kr.ieum.insight.Analytics;
import kr.ieum.outreach.Campaign;
import kr.ieum.outreach.CampaignStore;
import kr.ieum.platform.CsvLine;

/**
 * What residents need, for staff: messages per day by channel and per language, what came of them, the topics answered
 * most per language, the enrollment journey's funnel and the waiting time of requests for a person. Each chart (uPlot,
 * served by the application) has its table beside it and a CSV download; aggregates only. A partner sees the same tables
 * restricted to the residents their organisation's campaigns brought (from the message that brought them on).
 */
@Controller("/console/analytics")
@Secured({ConsolePages.EDITOR, ConsolePages.REVIEWER, ConsolePages.ADMIN, InboxPages.AGENT, CampaignPages.PARTNER})
@ExecuteOn(TaskExecutors.BLOCKING)
class AnalyticsPages {
    private static final String JOURNEY = "mobile-id-enrollment";
    /** The page's tables, in order (the charts draw the first and the third). */
    private static final List<String> TABLES = List.of("messages-per-day", "messages-per-language", "outcomes-per-day", "top-topics",
            "journey-funnel", "handoff-waits");
    private final Analytics analytics;
    private final Funnels funnels;
    private final ConsolePages pages;
    private final ConsoleViews views;
    private final JsonMapper json;

    private final CampaignStore campaigns;

    AnalyticsPages(Analytics analytics, Funnels funnels, ConsolePages pages, ConsoleViews views, JsonMapper json, CampaignStore campaigns) {
        this.campaigns = campaigns;
        this.analytics = analytics;
        this.funnels = funnels;
        this.pages = pages;
        this.views = views;
        this.json = json;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> page(HttpRequest<?> request, Authentication user, @Nullable @QueryValue Integer days) throws IOException {
        int period = days == null ? 30 : Math.max(1, Math.min(days, 366));
        Optional<Analytics.Scope> scope = scope(user);
        if (scope.isEmpty()) {
            return views.page(HttpStatus.FORBIDDEN, "console/forbidden", pages.base(request, user, "forbidden"), request);
        }
        Map<String, Object> model = pages.base(request, user, "analytics");
        model.put("campaigns", scope.get().all() ? null : String.join(", ", scope.get().campaigns()));
        List<Analytics.Table> tables = tables(period, scope.get());
        model.put("days", period);
        model.put("tables", tables);
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("messages", series(tables.get(0), period));
        charts.put("outcomes", series(tables.get(2), period));
        model.put("chartData", json.writeValueAsString(charts));
        return views.page("console/analytics", model, request);
    }

    @Get(value = "/csv/{name}", produces = "text/csv;charset=utf-8")
    HttpResponse<?> csv(HttpRequest<?> request, Authentication user, @PathVariable String name, @Nullable @QueryValue Integer days) {
        int period = days == null ? 30 : Math.max(1, Math.min(days, 366));
        if (!TABLES.contains(name)) {
            return HttpResponse.status(HttpStatus.NOT_FOUND);
        }
        Optional<Analytics.Scope> scope = scope(user);
        if (scope.isEmpty()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        Analytics.Table t = table(name, period, scope.get());
        StringBuilder out = new StringBuilder(CsvLine.of(t.columns()));
        t.rows().forEach(row -> out.append(CsvLine.of(row)));
        return HttpResponse.ok(out.toString()).contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"ieum-" + name + "-" + period + "d.csv\"");
    }

    /**
     * Whose messages this user may count: everyone's for staff; for a partner only, the residents their organisation's
     * campaigns brought; nothing (empty) for a partner without an organisation.
     */
    private Optional<Analytics.Scope> scope(Authentication user) {
        if (STAFF.stream().anyMatch(user.getRoles()::contains)) {
            return Optional.of(Analytics.Scope.ALL);
        }
        return campaigns.organisationOf(user.getName())
                .map(org -> Analytics.Scope.campaigns(campaigns.list(org).stream().map(Campaign::code).toList()));
    }

    private static final List<String> STAFF = List.of(ConsolePages.EDITOR, ConsolePages.REVIEWER, ConsolePages.ADMIN, InboxPages.AGENT);

    private List<Analytics.Table> tables(int days, Analytics.Scope scope) {
        return TABLES.stream().map(name -> table(name, days, scope)).toList();
    }

    private Analytics.Table table(String name, int days, Analytics.Scope scope) {
        return switch (name) {
            case "messages-per-day" -> analytics.messagesPerDay(days, scope);
            case "messages-per-language" -> analytics.messagesPerLanguage(days, scope);
            case "outcomes-per-day" -> analytics.outcomesPerDay(days, scope);
            case "top-topics" -> analytics.topTopics(days, scope);
            case "journey-funnel" -> funnel(scope);
            default -> analytics.handoffWaits(days, scope);
        };
    }

    private Analytics.Table funnel(Analytics.Scope scope) {
        List<List<Object>> rows = new ArrayList<>();
        funnels.funnel(JOURNEY, scope.campaigns()).ifPresent(f -> {
            rows.add(List.of("started", f.started()));
            for (Funnel.StepCount s : f.steps()) {
                rows.add(List.of(s.step(), s.reached()));
            }
            rows.add(List.of("completed", f.completed()));
            rows.add(List.of("cannot", f.cannot()));
            rows.add(List.of("abandoned", f.abandoned()));
            rows.add(List.of("handoff", f.handoff()));
        });
        return new Analytics.Table("journey-funnel", List.of("step", "residents"), rows);
    }

    /** A day x category table as uPlot data: x = day starts (epoch seconds), one series per category. */
    private static Map<String, Object> series(Analytics.Table t, int days) {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        LocalDate last = LocalDate.now(seoul);
        List<String> dayKeys = new ArrayList<>();
        List<Long> x = new ArrayList<>();
        for (LocalDate d = last.minusDays(days - 1L); !d.isAfter(last); d = d.plusDays(1)) {
            dayKeys.add(d.toString());
            x.add(d.atStartOfDay(seoul).toEpochSecond());
        }
        Set<String> categories = new TreeSet<>();
        t.rows().forEach(r -> categories.add(String.valueOf(r.get(1))));
        Map<String, long[]> values = new LinkedHashMap<>();
        categories.forEach(c -> values.put(c, new long[dayKeys.size()]));
        for (List<Object> r : t.rows()) {
            int i = dayKeys.indexOf(String.valueOf(r.get(0)));
            if (i >= 0) {
                values.get(String.valueOf(r.get(1)))[i] = ((Number) r.get(2)).longValue();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("x", x);
        out.put("names", new ArrayList<>(new LinkedHashSet<>(categories)));
        out.put("series", new ArrayList<>(values.values()));
        return out;
    }

}
