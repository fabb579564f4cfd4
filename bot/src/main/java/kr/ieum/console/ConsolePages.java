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
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kr.ieum.channel.ChannelPreview;
import kr.ieum.content.ContentService;
import kr.ieum.content.Coverage;
import kr.ieum.content.Draft;
import kr.ieum.content.InvalidDraft;
import kr.ieum.content.Localization;
import kr.ieum.content.Revision;
import kr.ieum.content.Topic;
import kr.ieum.content.translation.Csv;
import kr.ieum.content.translation.InvalidTranslation;
import kr.ieum.content.translation.TranslationFile;
import kr.ieum.content.translation.Translations;
import kr.ieum.content.translation.Xliff;
import io.micronaut.http.multipart.CompletedFileUpload;
import kr.ieum.conversation.OutboundMessage;
import kr.ieum.faq.Explanation;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.insight.UnansweredQuestions;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.RichText;
import kr.ieum.i18n.SupportedLocale;
import kr.ieum.language.LanguageResolver;

/**
 * The staff console's pages (server-rendered, {@code views/console/}): sign in; the knowledge base's coverage of
 * topics x locales; the side-by-side editor with channel previews, draft -> review -> publish and history with
 * rollback; the review queue; "try it"; accounts and the audit log for admins. Every change is written to the audit log.
 */
@Controller("/console")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsolePages {
    static final String EDITOR = "editor";
    static final String REVIEWER = "reviewer";
    static final String ADMIN = "admin";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));
    private final ContentService content;
    private final FaqService faq;
    private final LocaleRegistry locales;
    private final LanguageResolver languages;
    private final List<ChannelPreview> previews;
    private final ConsoleText text;
    private final CsrfTokens csrf;
    private final AuditLog audit;
    private final AccountStore accounts;
    private final Clock clock;
    private final ConsoleViews views;
    private final Translations translations;
    private final UnansweredQuestions unansweredQuestions;
    private final kr.ieum.handoff.HandoffService handoffs;
    private final kr.ieum.outreach.CampaignStore campaignStore;
    private final kr.ieum.i18n.Messages messages;
    private final kr.ieum.i18n.LocalesProperties localesProperties;

    ConsolePages(kr.ieum.i18n.Messages messages, kr.ieum.i18n.LocalesProperties localesProperties,
            kr.ieum.outreach.CampaignStore campaignStore, kr.ieum.handoff.HandoffService handoffs, ConsoleViews views, Translations translations, UnansweredQuestions unansweredQuestions, ContentService content, FaqService faq, LocaleRegistry locales, LanguageResolver languages,
            List<ChannelPreview> previews, ConsoleText text, CsrfTokens csrf, AuditLog audit, AccountStore accounts, Clock clock) {
        this.content = content;
        this.faq = faq;
        this.locales = locales;
        this.languages = languages;
        this.previews = previews.stream().sorted(java.util.Comparator.comparing(ChannelPreview::channel)).toList();
        this.text = text;
        this.csrf = csrf;
        this.audit = audit;
        this.accounts = accounts;
        this.clock = clock;
        this.views = views;
        this.translations = translations;
        this.unansweredQuestions = unansweredQuestions;
        this.handoffs = handoffs;
        this.campaignStore = campaignStore;
        this.messages = messages;
        this.localesProperties = localesProperties;
    }

    @Get(value = "/login", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> login(HttpRequest<?> request, @Nullable @QueryValue String error) {
        Map<String, Object> model = base(request, null, "login");
        model.put("error", error != null);
        return views.page("console/login", model, request);
    }

    /** Switches the console's language (a cookie), then goes back to the page it came from. */
    @Get("/ui/{lang}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> ui(@PathVariable String lang, @Nullable @QueryValue String back) {
        String chosen = ConsoleText.LANGUAGES.contains(lang) ? lang : "en";
        return HttpResponse.seeOther(back(back)).cookie(Cookie.of(ConsoleText.COOKIE, chosen).path("/console")
                .httpOnly(true).sameSite(SameSite.Strict).maxAge(Duration.ofDays(365)));
    }

    /** Where to go back to: a console page of this site, else the console's home. */
    private static URI back(@Nullable String back) {
        if (back != null && back.startsWith("/console") && !back.startsWith("//") && !back.contains("\\")) {
            try {
                // letters beyond ASCII as %-escapes: a Location header carries ASCII only
                return URI.create(new URI(back).toASCIIString());
            } catch (URISyntaxException e) {
                // not an address (spaces, quotes, control characters): home
            }
        }
        return URI.create("/console");
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> home(HttpRequest<?> request, Authentication user) {
        if (has(user, EDITOR, REVIEWER)) {
            return HttpResponse.seeOther(URI.create("/console/content"));
        }
        if (has(user, InboxPages.AGENT)) {
            return HttpResponse.seeOther(URI.create("/console/inbox"));
        }
        if (has(user, ADMIN)) {
            return HttpResponse.seeOther(URI.create("/console/accounts"));
        }
        if (has(user, CampaignPages.PARTNER)) {
            return HttpResponse.seeOther(URI.create("/console/campaigns"));
        }
        return views.page("console/home", base(request, user, "home"), request);
    }

    @Get(value = "/forbidden", produces = MediaType.TEXT_HTML)
    HttpResponse<?> forbidden(HttpRequest<?> request, Authentication user) {
        return views.page(HttpStatus.FORBIDDEN, "console/forbidden", base(request, user, "forbidden"), request);
    }

    @Get(value = "/content", produces = MediaType.TEXT_HTML)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<String> coverage(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String done) {
        Map<String, Object> model = base(request, user, "content");
        model.put("done", done != null && DONE.contains(done) ? done : null);
        Coverage coverage = content.coverage(locales.tags());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Topic topic : coverage.topics()) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (String tag : coverage.locales()) {
                Coverage.Cell cell = coverage.cell(topic.id(), tag);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("locale", tag);
                c.put("state", cell.state().name().toLowerCase());
                c.put("draft", cell.draft());
                c.put("href", "/console/content/" + topic.id() + "/" + tag);
                cells.add(c);
            }
            rows.add(Map.of("topic", topic.id(), "category", topic.category(), "cells", cells));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Coverage.State state : Coverage.State.values()) {
            counts.put(state.name().toLowerCase(), coverage.count(state));
        }
        model.put("locales", locales.all());
        model.put("targets", locales.all().stream().filter(l -> !l.tag().equals(Translations.SOURCE)).toList());
        model.put("rows", rows);
        model.put("counts", counts);
        model.put("draftsText", text.format(text.ui(request), "content.drafts", Map.of("count", content.drafts().size())));
        return views.page("console/content", model, request);
    }

    @Get(value = "/content/{topic}/{locale}", produces = MediaType.TEXT_HTML)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> editor(HttpRequest<?> request, Authentication user, @PathVariable String topic, @PathVariable String locale,
            @Nullable @QueryValue String done) {
        if (!known(topic, locale)) {
            return notFound(request, user);
        }
        Map<String, Object> model = base(request, user, "content");
        Optional<Localization> published = content.published(topic, locale);
        Optional<Draft> draft = content.draft(topic, locale);
        String sourceLocale = content.sourceLocale(topic, locale);
        Optional<Localization> source = sourceLocale.equals(locale) ? Optional.empty() : content.published(topic, sourceLocale);
        model.put("topic", topic);
        model.put("locale", locales.get(locale));
        model.put("sourceLocale", locales.get(sourceLocale));
        model.put("source", source.orElse(null));
        model.put("published", published.orElse(null));
        model.put("draft", draft.orElse(null));
        String ui = text.ui(request);
        model.put("publishedText", published.map(l -> text.format(ui, "editor.published", Map.of("revision", l.revision(),
                "status", text.format(ui, "state." + l.status(), Map.of())))).orElse(text.format(ui, "editor.unpublished", Map.of())));
        model.put("draftText", draft.map(d -> text.format(ui, "editor.draft", Map.of("state", text.format(ui, "draft." + d.state(), Map.of()),
                "by", d.updatedBy(), "when", WHEN.format(d.updatedAt())))).orElse(null));
        model.put("noteText", draft.filter(d -> d.note() != null).map(d -> text.format(ui, "editor.note", Map.of("note", d.note()))).orElse(null));
        model.put("sourceHeading", source.isPresent()
                ? text.format(ui, "editor.source", Map.of("language", locales.get(sourceLocale).endonym()))
                : text.format(ui, "editor.nosource", Map.of()));
        String question = draft.map(Draft::question).or(() -> published.map(Localization::question)).orElse("");
        List<String> alternates = draft.map(Draft::alternates).or(() -> published.map(Localization::alternates)).orElse(List.of());
        String answer = draft.map(Draft::answer).or(() -> published.map(Localization::answer)).orElse("");
        String sms = draft.map(Draft::sms).or(() -> published.map(Localization::sms)).orElse("");
        model.put("question", question);
        model.put("alternates", String.join("\n", alternates));
        model.put("answer", answer);
        model.put("sms", sms);
        model.put("problems", draft.map(content::problems).orElse(List.of()));
        model.put("done", done);
        model.put("previews", answer.isBlank() ? List.of() : previews(request, topic, locale, answer, sms));
        List<Map<String, Object>> history = new ArrayList<>();
        List<Revision> revisions = content.history(topic, locale);
        for (int i = 0; i < revisions.size(); i++) {
            Revision r = revisions.get(i);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("id", r.id());
            h.put("revision", r.localization().revision());
            h.put("status", r.localization().status());
            h.put("by", r.publishedBy());
            h.put("when", WHEN.format(r.publishedAt()));
            h.put("diff", i + 1 < revisions.size() ? LineDiff.diff(render(revisions.get(i + 1).localization()), render(r.localization())) : List.of());
            history.add(h);
        }
        model.put("history", history);
        model.put("canPublish", draft.map(Draft::inReview).orElse(false) && has(user, REVIEWER));
        model.put("canRemove", content.published(topic).isEmpty());
        return views.page("console/editor", model, request);
    }

    @Post(value = "/content/{topic}/{locale}/draft", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> saveDraft(HttpRequest<?> request, Authentication user, @PathVariable String topic, @PathVariable String locale,
            @Body Map<String, String> form) {
        if (!known(topic, locale)) {
            return notFound(request, user);
        }
        List<String> alternates = Arrays.asList(form.getOrDefault("alternates", "").split("\\r?\\n"));
        List<String> problems = content.saveDraft(topic, locale, clean(form.get("question")), alternates, clean(form.get("answer")),
                clean(form.get("sms")), user.getName());
        audit.record(user.getName(), "content.draft", topic + "/" + locale, problems.isEmpty() ? null : problems.size() + " problems");
        return back(topic, locale, "saved");
    }

    @Post(value = "/content/{topic}/{locale}/submit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> submit(HttpRequest<?> request, Authentication user, @PathVariable String topic, @PathVariable String locale) {
        if (!known(topic, locale) || content.draft(topic, locale).isEmpty()) {
            return notFound(request, user);
        }
        try {
            content.submit(topic, locale, user.getName());
        } catch (InvalidDraft e) {
            return back(topic, locale, "invalid");
        }
        audit.record(user.getName(), "content.submit", topic + "/" + locale, null);
        return back(topic, locale, "submitted");
    }

    @Post(value = "/content/{topic}/{locale}/publish", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({REVIEWER})
    HttpResponse<?> publish(HttpRequest<?> request, Authentication user, @PathVariable String topic, @PathVariable String locale) {
        Optional<Draft> draft = known(topic, locale) ? content.draft(topic, locale) : Optional.empty();
        if (draft.isEmpty()) {
            return notFound(request, user);
        }
        if (!draft.get().inReview()) {
            return back(topic, locale, "notinreview");
        }
        Localization published;
        try {
            published = content.publishDraft(topic, locale, user.getName());
        } catch (InvalidDraft e) {
            return back(topic, locale, "invalid");
        }
        audit.record(user.getName(), "content.publish", topic + "/" + locale, "revision " + published.revision() + ", " + published.status());
        return back(topic, locale, "published");
    }

    @Post(value = "/content/{topic}/{locale}/reject", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({REVIEWER})
    HttpResponse<?> reject(HttpRequest<?> request, Authentication user, @PathVariable String topic, @PathVariable String locale,
            @Body Map<String, String> form) {
        if (!known(topic, locale) || content.draft(topic, locale).isEmpty()) {
            return notFound(request, user);
        }
        content.reject(topic, locale, clean(form.get("note")), user.getName());
        audit.record(user.getName(), "content.reject", topic + "/" + locale, null);
        return back(topic, locale, "rejected");
    }

    @Post(value = "/content/{topic}/{locale}/restore", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> restore(HttpRequest<?> request, Authentication user, @PathVariable String topic, @PathVariable String locale,
            @Body Map<String, String> form) {
        long revision;
        try {
            revision = Long.parseLong(form.getOrDefault("revision", ""));
        } catch (NumberFormatException e) {
            return notFound(request, user);
        }
        if (!known(topic, locale) || content.history(topic, locale).stream().noneMatch(r -> r.id() == revision)) {
            return notFound(request, user);
        }
        Draft d = content.restore(topic, locale, revision, user.getName());
        audit.record(user.getName(), "content.restore", topic + "/" + locale, d.note());
        return back(topic, locale, "restored");
    }

    @Get("/translations/{locale}/{format}")
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> exportTranslations(HttpRequest<?> request, Authentication user, @PathVariable String locale, @PathVariable String format) {
        if (!locales.supports(locale) || locale.equals(Translations.SOURCE) || !List.of("xliff", "csv").contains(format)) {
            return notFound(request, user);
        }
        TranslationFile file = translations.export(locale);
        boolean xliff = format.equals("xliff");
        audit.record(user.getName(), "translations.export", locale, format);
        return HttpResponse.ok(xliff ? Xliff.write(file) : Csv.write(file))
                .contentType(xliff ? "application/xliff+xml;charset=utf-8" : "text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"ieum-" + locale + (xliff ? ".xlf" : ".csv") + "\"");
    }

    @Post(value = "/translations", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.TEXT_HTML)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> importTranslations(HttpRequest<?> request, Authentication user, CompletedFileUpload file, @Nullable String locale) {
        Map<String, Object> model = base(request, user, "content");
        String ui = text.ui(request);
        String name = file.getFilename() == null ? "" : file.getFilename();
        try {
            byte[] bytes = file.getBytes();
            TranslationFile parsed = name.toLowerCase().endsWith(".csv") ? Csv.read(bytes) : Xliff.read(bytes);
            Translations.Applied applied = translations.apply(parsed, locale == null || locale.isBlank() ? null : locale, user.getName());
            audit.record(user.getName(), "translations.import", applied.locale(), applied.drafted().size() + " drafts from " + name);
            model.put("result", text.format(ui, "translations.applied", Map.of("drafts", applied.drafted().size(),
                    "unchanged", applied.unchanged(), "language", locales.get(applied.locale()).endonym())));
            model.put("drafted", applied.drafted().stream().map(t -> Map.of("topic", t, "href", "/console/content/" + t + "/" + applied.locale())).toList());
            model.put("problems", List.of());
        } catch (InvalidTranslation e) {
            audit.record(user.getName(), "translations.refused", locale, e.problems().size() + " problems in " + name);
            model.put("result", text.format(ui, "translations.refused", Map.of("problems", e.problems().size())));
            model.put("drafted", List.of());
            model.put("problems", e.problems());
        } catch (java.io.IOException e) {
            model.put("result", text.format(ui, "translations.refused", Map.of("problems", 1)));
            model.put("drafted", List.of());
            model.put("problems", List.of(String.valueOf(e.getMessage())));
        }
        return views.page("console/translations", model, request);
    }

    @Get(value = "/unanswered", produces = MediaType.TEXT_HTML)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<String> unanswered(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String locale,
            @Nullable @QueryValue Integer days, @Nullable @QueryValue String done) {
        Map<String, Object> model = base(request, user, "unanswered");
        model.put("done", done != null && DONE.contains(done) ? done : null);
        model.put("categories", content.topics().stream().map(Topic::category).distinct().sorted().toList());
        String tag = locale != null && locales.supports(locale) ? locale : null;
        int period = days == null ? 30 : Math.max(1, Math.min(days, 365));
        List<Map<String, Object>> clusters = new ArrayList<>();
        for (UnansweredQuestions.Cluster c : unansweredQuestions.clusters(tag, period).stream().limit(200).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            String lang = locales.supports(c.locale()) ? c.locale() : "en";
            m.put("locale", locales.get(lang));
            m.put("text", c.text());
            m.put("count", c.count());
            m.put("examples", c.examples());
            m.put("outcomes", c.outcomes().entrySet().stream().map(e -> text.format(text.ui(request), "unanswered.outcome." + e.getKey(),
                    Map.of("count", e.getValue()))).toList());
            m.put("suggestions", faq.explain(c.text(), lang).ranked().stream().limit(3).map(Explanation.Ranked::topic).toList());
            clusters.add(m);
        }
        model.put("clusters", clusters);
        model.put("locales", locales.all());
        model.put("selected", tag == null ? "" : tag);
        model.put("days", period);
        model.put("topics", content.topics().stream().map(Topic::id).toList());
        return views.page("console/unanswered", model, request);
    }

    @Post(value = "/unanswered/alternate", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> addAlternate(HttpRequest<?> request, Authentication user, @Body Map<String, String> form) {
        String topic = clean(form.get("topic"));
        String locale = clean(form.get("locale"));
        String phrase = clean(form.get("text"));
        if (!known(topic, locale) || phrase.isEmpty() || phrase.length() > 300) {
            return notFound(request, user);
        }
        content.addAlternate(topic, locale, phrase, user.getName());
        audit.record(user.getName(), "content.alternate", topic + "/" + locale, "from an unanswered question");
        return back(topic, locale, "alternate");
    }

    /**
     * Starts a new topic from an unanswered question: the topic (out of the menu, after the last one) and a draft in the
     * question's language with the question as its question; the editor opens to complete it.
     */
    @Post(value = "/unanswered/topic", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> startTopic(HttpRequest<?> request, Authentication user, @Body Map<String, String> form) {
        String id = clean(form.get("id")).toLowerCase(java.util.Locale.ROOT);
        String category = clean(form.get("category"));
        String locale = clean(form.get("locale"));
        String question = clean(form.get("text"));
        if (!locales.supports(locale) || question.isEmpty() || question.length() > 300) {
            return notFound(request, user);
        }
        if (content.topics().stream().anyMatch(t -> t.id().equals(id))) {
            return HttpResponse.seeOther(URI.create("/console/unanswered?locale=" + locale + "&done=topicexists"));
        }
        try {
            content.startTopic(id, category, locale, question, user.getName());
        } catch (InvalidDraft e) {
            return HttpResponse.seeOther(URI.create("/console/unanswered?locale=" + locale + "&done=topicinvalid"));
        }
        audit.record(user.getName(), "content.topic.start", id + "/" + locale, "category " + category + ", from an unanswered question");
        return back(id, locale, "topicstarted");
    }

    /** Removes a topic that was never published in any language (one started by mistake), with its drafts. */
    @Post(value = "/content/{topic}/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<?> removeTopic(HttpRequest<?> request, Authentication user, @PathVariable String topic) {
        if (!content.removeUnpublishedTopic(topic)) {
            return notFound(request, user);
        }
        audit.record(user.getName(), "content.topic.remove", topic, "never published");
        return HttpResponse.seeOther(URI.create("/console/content?done=topicremoved"));
    }

    @Get(value = "/review", produces = MediaType.TEXT_HTML)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<String> review(HttpRequest<?> request, Authentication user) {
        Map<String, Object> model = base(request, user, "review");
        List<Map<String, Object>> drafts = new ArrayList<>();
        for (Draft d : content.drafts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", d.topic());
            m.put("locale", locales.get(d.locale()));
            m.put("state", d.state());
            m.put("by", d.updatedBy());
            m.put("when", WHEN.format(d.updatedAt()));
            m.put("href", "/console/content/" + d.topic() + "/" + d.locale());
            drafts.add(m);
        }
        model.put("drafts", drafts);
        return views.page("console/review", model, request);
    }

    @Get(value = "/try", produces = MediaType.TEXT_HTML)
    @Secured({EDITOR, REVIEWER})
    HttpResponse<String> tryIt(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String q,
            @Nullable @QueryValue String lang) {
        Map<String, Object> model = base(request, user, "try");
        model.put("locales", locales.all());
        model.put("q", q == null ? "" : q);
        model.put("lang", lang == null ? "" : lang);
        if (q != null && !q.isBlank()) {
            String question = q.length() > 1000 ? q.substring(0, 1000) : q;
            LanguageResolver.Resolution resolution = languages.resolve(question, null, false,
                    lang != null && locales.supports(lang) ? lang : null);
            String language = resolution.language() == null ? "en" : resolution.language();
            Explanation explanation = faq.explain(question, language);
            model.put("language", locales.get(language));
            model.put("languageConfidence", Math.round(resolution.guess().confidence() * 100));
            model.put("tentative", resolution.tentative() || resolution.language() == null);
            String ui = text.ui(request);
            model.put("detected", text.format(ui, "try.detected", Map.of("language", locales.get(language).endonym() + " (" + language + ")",
                    "confidence", Math.round(resolution.guess().confidence() * 100))));
            model.put("rule", text.format(ui, "try.rule", Map.of("answer", explanation.answerThreshold(),
                    "margin", explanation.closeCallMargin(), "clarify", explanation.clarifyThreshold())));
            model.put("explanation", explanation);
            model.put("outcome", explanation.result().outcome().name().toLowerCase());
            String top = explanation.result().topic();
            if (top != null) {
                faq.text(top, language).ifPresent(a -> model.put("reply", RichText.parse(a.localization().answer())
                        .html(t -> "/console/content/" + t + "/" + language, "", "rel=\"noopener\"")));
            }
            List<Map<String, Object>> ranked = new ArrayList<>();
            for (Explanation.Ranked r : explanation.ranked().subList(0, Math.min(8, explanation.ranked().size()))) {
                ranked.add(Map.of("topic", r.topic(), "score", String.format("%.3f", r.score()),
                        "percent", Math.min(100, Math.round(r.score() * 100)),
                        "question", faq.text(r.topic(), language).map(a -> a.localization().question()).orElse("")));
            }
            model.put("ranked", ranked);
        }
        return views.page("console/try", model, request);
    }

    @Get(value = "/audit", produces = MediaType.TEXT_HTML)
    @Secured({ADMIN})
    HttpResponse<String> audit(HttpRequest<?> request, Authentication user) {
        Map<String, Object> model = base(request, user, "audit");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (AuditLog.Entry e : audit.recent(200)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("when", WHEN.format(e.at()));
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("target", e.target());
            m.put("detail", e.detail());
            entries.add(m);
        }
        model.put("entries", entries);
        return views.page("console/audit", model, request);
    }

    @Get(value = "/accounts", produces = MediaType.TEXT_HTML)
    @Secured({ADMIN})
    HttpResponse<String> accounts(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String done) {
        Map<String, Object> model = base(request, user, "accounts");
        List<Map<String, Object>> list = new ArrayList<>();
        for (Account a : accounts.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", a.username());
            m.put("name", a.displayName());
            m.put("roles", Role.format(a.roles()));
            m.put("locked", a.lockedAt(clock.instant()));
            m.put("lastLogin", a.lastLogin() == null ? "" : WHEN.format(a.lastLogin()));
            list.add(m);
        }
        model.put("accounts", list);
        model.put("requests", accounts.requests());
        model.put("roles", Arrays.stream(Role.values()).map(Role::id).toList());
        model.put("done", done);
        return views.page("console/accounts", model, request);
    }

    @Post(value = "/accounts", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({ADMIN})
    HttpResponse<?> createAccount(Authentication user, @Body Map<String, String> form) {
        String username = clean(form.get("username"));
        String password = form.getOrDefault("password", "");
        Set<Role> roles;
        try {
            roles = Role.parse(String.join(",", form.entrySet().stream().filter(e -> e.getKey().startsWith("role-"))
                    .map(e -> e.getKey().substring(5)).toList()));
        } catch (IllegalArgumentException e) {
            return accountsBack("invalid");
        }
        if (!username.matches("[a-z0-9._-]{2,64}") || roles.isEmpty() || Passwords.weakness(password, username) != null) {
            return accountsBack("invalid");
        }
        if (accounts.find(username).isPresent()) {
            return accountsBack("exists");
        }
        String name = clean(form.get("name"));
        accounts.create(username, name.isEmpty() ? username : name, Passwords.hash(password), roles, clock.instant());
        String organisation = clean(form.get("organisation"));
        if (!organisation.isEmpty() && organisation.length() <= 200) {
            campaignStore.setOrganisation(username, campaignStore.organisation(organisation));
        }
        audit.record(user.getName(), "account.create", username, "roles " + Role.format(roles));
        return accountsBack("created");
    }

    /** Reads the bot's words ({@code locales/messages}) again: broken files and patterns are refused, the last good ones stay. */
    @Post(value = "/locales/reload", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({ADMIN})
    HttpResponse<?> reloadLocales(Authentication user) {
        List<kr.ieum.i18n.LocalesChecker.Problem> problems = kr.ieum.i18n.LocalesLoader.reload(messages, localesProperties.directory());
        audit.record(user.getName(), "locales.reload", "locales/messages",
                problems.isEmpty() ? "all taken" : problems.size() + " refused, first: " + problems.get(0));
        return accountsBack(problems.isEmpty() ? "reloaded" : "reloadproblems");
    }

    @Post(value = "/accounts/{username}/unlock", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({ADMIN})
    HttpResponse<?> unlock(Authentication user, @PathVariable String username) {
        if (accounts.find(username).isEmpty()) {
            return accountsBack("invalid");
        }
        accounts.unlock(username);
        audit.record(user.getName(), "account.unlock", username, null);
        return accountsBack("unlocked");
    }

    private List<Map<String, Object>> previews(HttpRequest<?> request, String topic, String locale, String answer, String sms) {
        String ui = text.ui(request);
        OutboundMessage reply = new OutboundMessage(LocalizedText.fromContent(locale, answer), List.of(), topic,
                sms.isBlank() ? null : LocalizedText.fromContent(locale, sms));
        List<Map<String, Object>> out = new ArrayList<>();
        for (ChannelPreview preview : previews) {
            ChannelPreview.Preview p = preview.preview(locale, reply);
            out.add(Map.of("channel", p.channel(), "messages", p.messages(), "html", p.html(),
                    "facts", p.facts().stream().map(f -> text.format(ui, f.key(), f.args())).toList()));
        }
        out.add(Map.of("channel", text.format(ui, "preview.page", Map.of()), "html", true, "facts", List.of(),
                "messages", List.of(RichText.parse(answer).html(t -> "/console/content/" + t + "/" + locale, "", "rel=\"noopener\""))));
        return out;
    }

    private static String render(Localization l) {
        return "question: " + l.question() + "\nalternates:\n  " + String.join("\n  ", l.alternates()) + "\nsms: " + l.sms()
                + "\n---\n" + l.answer();
    }

    /** The outcomes a page may announce after a redirect ({@code ?done=}); anything else is ignored. */
    private static final java.util.Set<String> DONE = java.util.Set.of("topicexists", "topicinvalid", "topicremoved");

    private boolean known(String topic, String locale) {
        return locales.supports(locale) && content.topics().stream().anyMatch(t -> t.id().equals(topic));
    }

    /** The console's words in the language of this request's user interface. */
    Map<String, String> words(HttpRequest<?> request) {
        return text.words(text.ui(request));
    }

    Map<String, Object> base(HttpRequest<?> request, @Nullable Authentication user, String page) {
        String ui = text.ui(request);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("t", text.words(ui));
        model.put("ui", ui);
        model.put("page", page);
        model.put("path", request.getPath());
        model.put("csrf", csrf.token(request).orElse(""));
        model.put("csrfField", CsrfTokens.FIELD);
        if (user != null) {
            model.put("user", user.getName());
            model.put("userName", String.valueOf(user.getAttributes().getOrDefault("name", user.getName())));
            model.put("canEdit", has(user, EDITOR, REVIEWER));
            model.put("canReview", has(user, REVIEWER));
            model.put("isAdmin", has(user, ADMIN));
            model.put("isAgent", has(user, InboxPages.AGENT));
            model.put("isPartner", has(user, CampaignPages.PARTNER));
            if (has(user, InboxPages.AGENT)) {
                model.put("waitingCount", handoffs.open().stream().filter(h -> kr.ieum.handoff.Handoff.WAITING.equals(h.status())).count());
            }
        }
        return model;
    }

    private HttpResponse<?> notFound(HttpRequest<?> request, @Nullable Authentication user) {
        return views.page(HttpStatus.NOT_FOUND, "console/notfound", base(request, user, "notfound"), request);
    }

    private static HttpResponse<?> back(String topic, String locale, String done) {
        return HttpResponse.seeOther(URI.create("/console/content/" + topic + "/" + locale + "?done=" + done));
    }

    private static HttpResponse<?> accountsBack(String done) {
        return HttpResponse.seeOther(URI.create("/console/accounts?done=" + URLEncoder.encode(done, StandardCharsets.UTF_8)));
    }

    private static boolean has(Authentication user, String... roles) {
        for (String role : roles) {
            if (user.getRoles().contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Form text without control characters other than line breaks and tabs, and with one kind of line break. */
    private static String clean(@Nullable String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\r\n", "\n").replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
    }
}
