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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.twilio.SmsSegments;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;
import kr.ieum.outreach.Announcements;

/**
 * Announcements in the console (reviewers and admins): who said yes to news, per channel and language; a new
 * announcement with its text in each language it goes out in (SMS texts, with the footer, must fit in two segments);
 * and what became of each one (waiting, in the outbox, sent, delivered, failed, skipped and why). Counts only.
 */
@Controller("/console/announcements")
@Secured({ConsolePages.REVIEWER, ConsolePages.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class AnnouncementPages {
    private static final int MAX_TEXT = 1000;
    private static final int MAX_SMS_SEGMENTS = 2;
    private static final String SMS_CHANNEL = "twilio";
    private final Announcements announcements;
    private final ConsolePages pages;
    private final ConsoleViews views;
    private final AuditLog audit;
    private final LocaleRegistry locales;
    private final Messages messages;
    private final ConsoleText text;

    AnnouncementPages(Announcements announcements, ConsolePages pages, ConsoleViews views, AuditLog audit, LocaleRegistry locales,
            Messages messages, ConsoleText text) {
        this.text = text;
        this.announcements = announcements;
        this.pages = pages;
        this.views = views;
        this.audit = audit;
        this.locales = locales;
        this.messages = messages;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> list(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String done) {
        return page(request, user, done != null && done.equals("created") ? done : null, List.of(), Map.of());
    }

    private HttpResponse<String> page(HttpRequest<?> request, Authentication user, String done, List<String> problems,
            Map<String, String> form) {
        Map<String, Object> model = pages.base(request, user, "announcements");
        List<List<Object>> audience = announcements.audience();
        model.put("audience", audience);
        model.put("channels", audience.stream().map(r -> String.valueOf(r.get(0))).distinct().toList());
        model.put("announcements", announcements.list());
        model.put("locales", locales.all());
        model.put("done", done);
        model.put("problems", problems);
        model.put("form", form);
        return views.page(problems.isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY, "console/announcements", model, request);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    HttpResponse<?> create(HttpRequest<?> request, Authentication user, @Body Map<String, String> form) {
        String name = form.getOrDefault("name", "").strip();
        List<String> channels = form.keySet().stream().filter(k -> k.startsWith("channel-")).map(k -> k.substring(8))
                .filter(c -> c.matches("[a-z]{2,16}")).sorted().toList();
        Map<String, String> texts = new LinkedHashMap<>();
        for (SupportedLocale l : locales.all()) {
            String text = form.getOrDefault("text-" + l.tag(), "").replace("\r\n", "\n").replaceAll("[\\p{Cc}&&[^\\n]]", "").strip();
            if (!text.isEmpty()) {
                texts.put(l.tag(), text);
            }
        }
        String ui = text.ui(request);
        List<String> problems = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200) {
            problems.add(text.format(ui, "announcements.problem.name", Map.of()));
        }
        if (channels.isEmpty()) {
            problems.add(text.format(ui, "announcements.problem.channel", Map.of()));
        }
        if (texts.isEmpty()) {
            problems.add(text.format(ui, "announcements.problem.text", Map.of()));
        }
        for (Map.Entry<String, String> t : texts.entrySet()) {
            String language = locales.get(t.getKey()).endonym();
            if (t.getValue().length() > MAX_TEXT) {
                problems.add(text.format(ui, "announcements.problem.long", Map.of("language", language, "length", t.getValue().length(),
                        "max", MAX_TEXT)));
            } else if (channels.contains(SMS_CHANNEL)) {
                int segments = SmsSegments.segments(t.getValue() + "\n" + messages.render(t.getKey(), "news.footer").text());
                if (segments > MAX_SMS_SEGMENTS) {
                    problems.add(text.format(ui, "announcements.problem.sms", Map.of("language", language, "segments", segments,
                            "max", MAX_SMS_SEGMENTS)));
                }
            }
        }
        if (!problems.isEmpty()) {
            return page(request, user, null, problems, form);
        }
        long id = announcements.create(name, channels, texts, user.getName());
        audit.record(user.getName(), "announcement.create", "#" + id, String.join(",", channels) + " " + String.join(",", texts.keySet()));
        return HttpResponse.seeOther(URI.create("/console/announcements/" + id + "?done=created"));
    }

    @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> report(HttpRequest<?> request, Authentication user, @PathVariable long id, @Nullable @QueryValue String done) {
        Optional<Announcements.Announcement> a = announcements.find(id);
        if (a.isEmpty()) {
            return views.page(HttpStatus.NOT_FOUND, "console/notfound", pages.base(request, user, "notfound"), request);
        }
        Map<String, Object> model = pages.base(request, user, "announcements");
        model.put("a", a.get());
        model.put("texts", a.get().texts().entrySet().stream().map(e -> Map.of("locale", locales.get(e.getKey()), "text", e.getValue())).toList());
        model.put("rows", announcements.report(id));
        model.put("skipped", announcements.skipped(id));
        model.put("done", "created".equals(done) ? done : null);
        return views.page("console/announcement", model, request);
    }
}
