package kr.ieum.console;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.PublicUrl;
import kr.ieum.content.ContentService;
import kr.ieum.content.Topic;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.outreach.Campaign;
import kr.ieum.outreach.CampaignStore;
import kr.ieum.platform.CsvLine;

/**
 * Campaigns in the console: admins see and create every organisation's; a partner sees and creates only their own
 * organisation's. Each campaign has its link, and a report (clicks, journeys started and completed, per language) with a
 * CSV download; counts only.
 */
@Controller("/console/campaigns")
@Secured({ConsolePages.ADMIN, CampaignPages.PARTNER})
@ExecuteOn(TaskExecutors.BLOCKING)
class CampaignPages {
    static final String PARTNER = "partner";
    private final CampaignStore campaigns;
    private final ConsolePages pages;
    private final ConsoleViews views;
    private final AuditLog audit;
    private final LocaleRegistry locales;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final ContentService content;

    CampaignPages(CampaignStore campaigns, ConsolePages pages, ConsoleViews views, AuditLog audit, LocaleRegistry locales,
            PublicUrl publicUrl, Clock clock, ContentService content) {
        this.content = content;
        this.campaigns = campaigns;
        this.pages = pages;
        this.views = views;
        this.audit = audit;
        this.locales = locales;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> list(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String done) {
        Map<String, Object> model = pages.base(request, user, "campaigns");
        Scope scope = scope(user);
        if (!scope.allowed()) {
            return views.page(HttpStatus.FORBIDDEN, "console/forbidden", pages.base(request, user, "forbidden"), request);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Campaign c : campaigns.list(scope.organisation())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", c.code());
            m.put("name", c.name());
            m.put("organisation", c.organisation());
            m.put("languages", String.join(", ", c.languages()));
            m.put("dates", c.startsOn() + " – " + c.endsOn());
            m.put("link", publicUrl.of("/c/" + c.code()));
            rows.add(m);
        }
        model.put("rows", rows);
        model.put("admin", scope.all());
        model.put("done", done);
        model.put("today", LocalDate.now(clock).toString());
        model.put("channels", Campaign.CHANNELS);
        model.put("topics", content.topics().stream().filter(t -> !Topic.DECLINE.equals(t.category()))
                .map(kr.ieum.content.Topic::id).toList());
        return views.page("console/campaigns", model, request);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(Authentication user, @Body Map<String, String> form) {
        Scope scope = scope(user);
        if (!scope.allowed()) {
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        String code = form.getOrDefault("code", "").strip().toLowerCase();
        String name = form.getOrDefault("name", "").strip();
        List<String> languages = Arrays.stream(form.getOrDefault("languages", "").split("[,\\s]+"))
                .filter(l -> !l.isBlank() && locales.supports(l)).distinct().toList();
        String step = form.getOrDefault("step", "").strip();
        String topic = form.getOrDefault("topic", "").strip();
        List<String> channels = Campaign.CHANNELS.stream().filter(c -> form.containsKey("channel-" + c)).toList();
        if (!topic.isEmpty() && content.topics().stream().noneMatch(t -> t.id().equals(topic))) {
            return back("invalid");
        }
        String keyword = form.getOrDefault("keyword", "").strip();
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(form.getOrDefault("from", ""));
            to = LocalDate.parse(form.getOrDefault("to", ""));
        } catch (DateTimeParseException e) {
            return back("invalid");
        }
        if (!Campaign.validCode(code) || name.isEmpty() || name.length() > 200 || languages.isEmpty() || to.isBefore(from)
                || !step.matches("[a-z0-9-]{0,64}") || !keyword.matches("[A-Za-z0-9]{0,32}")) {
            return back("invalid");
        }
        if (campaigns.byCode(code).isPresent()) {
            return back("exists");
        }
        String orgName = form.getOrDefault("organisation", "").strip();
        if (scope.all() && orgName.isEmpty()) {
            return back("invalid");
        }
        long organisation = scope.all() ? campaigns.organisation(orgName) : scope.organisation();
        campaigns.create(code, name, organisation, languages, step.isEmpty() ? null : step, topic.isEmpty() ? null : topic, channels, from, to,
                keyword.isEmpty() ? null : keyword, user.getName(), clock.instant());
        audit.record(user.getName(), "campaign.create", code, String.join(",", languages));
        return back("created");
    }

    @Get(value = "/{code}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> report(HttpRequest<?> request, Authentication user, @PathVariable String code) {
        Optional<Campaign> c = visible(user, code);
        if (c.isEmpty()) {
            return views.page(HttpStatus.NOT_FOUND, "console/notfound", pages.base(request, user, "notfound"), request);
        }
        Map<String, Object> model = pages.base(request, user, "campaigns");
        model.put("c", c.get());
        model.put("link", publicUrl.of("/c/" + c.get().code()));
        List<List<Object>> byLanguage = campaigns.report(c.get());
        List<List<Object>> byChannel = campaigns.reportByChannel(c.get());
        Map<String, String> t = pages.words(request);
        model.put("rows", byLanguage);
        model.put("channelRows", byChannel);
        model.put("languageChart", BarChart.svg(t.get("campaigns.bylanguage"), List.of(t.get("campaigns.clicks"),
                t.get("campaigns.conversations"), t.get("campaigns.started"), t.get("campaigns.completed")), byLanguage));
        model.put("channelChart", BarChart.svg(t.get("campaigns.bychannel"), List.of(t.get("campaigns.conversations"),
                t.get("campaigns.started"), t.get("campaigns.completed")), byChannel));
        model.put("posters", c.get().languages().stream().filter(locales::supports).map(locales::get).toList());
        return views.page("console/campaign", model, request);
    }

    /** The report as CSV: per language ({@code ?by=language}, the default) or per channel ({@code ?by=channel}). */
    @Get(value = "/{code}/csv", produces = "text/csv;charset=utf-8")
    HttpResponse<?> csv(Authentication user, @PathVariable String code, @Nullable @QueryValue String by) {
        Optional<Campaign> c = visible(user, code);
        if (c.isEmpty()) {
            return HttpResponse.notFound();
        }
        boolean channel = "channel".equals(by);
        StringBuilder out = new StringBuilder(CsvLine.of(channel
                ? List.of("channel", "conversations", "journeys started", "journeys completed")
                : List.of("language", "clicks", "conversations", "journeys started", "journeys completed")));
        (channel ? campaigns.reportByChannel(c.get()) : campaigns.report(c.get())).forEach(row -> out.append(CsvLine.of(row)));
        return HttpResponse.ok(out.toString()).contentType("text/csv;charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"ieum-campaign-" + c.get().code() + (channel ? "-channels" : "") + ".csv\"");
    }

    /**
     * Which campaigns a user may see: {@code all} for admins, else those of {@code organisation} (a partner's); a partner
     * whose account has no organisation sees none ({@code allowed} false).
     */
    private record Scope(boolean allowed, boolean all, Long organisation) {}

    private Scope scope(Authentication user) {
        if (user.getRoles().contains(ConsolePages.ADMIN)) {
            return new Scope(true, true, null);
        }
        Optional<Long> org = campaigns.organisationOf(user.getName());
        return new Scope(org.isPresent(), false, org.orElse(null));
    }

    private Optional<Campaign> visible(Authentication user, String code) {
        Scope scope = scope(user);
        if (!scope.allowed()) {
            return Optional.empty();
        }
        return campaigns.byCode(code).filter(c -> scope.all() || scope.organisation() == c.organisationId());
    }

    private static HttpResponse<?> back(String done) {
        return HttpResponse.seeOther(URI.create("/console/campaigns?done=" + done));
    }
}
