package kr.ieum.console;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import java.net.URI;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.ieum.channel.AgentDelivery;
import kr.ieum.faq.Explanation;
import kr.ieum.faq.FaqService;
import kr.ieum.handoff.Handoff;
import kr.ieum.handoff.HandoffService;
import kr.ieum.i18n.LocaleRegistry;
import kr.ieum.i18n.Messages;

/**
 * The agents' inbox: residents who asked for a person, by waiting time, with their language and channel (never an
 * address: an alias); a conversation's turns as stored (redacted); claim, reply (through the resident's channel, with
 * its rules), suggested answers from the knowledge base in the resident's language, resolve or hand back. The bot is
 * quiet while an agent owns the conversation and says so to the resident when the agent joins and leaves.
 */
@Controller("/console/inbox")
@Secured(InboxPages.AGENT)
@ExecuteOn(TaskExecutors.BLOCKING)
class InboxPages {
    static final String AGENT = "agent";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"));
    private final HandoffService handoffs;
    private final AgentDelivery delivery;
    private final FaqService faq;
    private final Messages messages;
    private final LocaleRegistry locales;
    private final ConsolePages pages;
    private final ConsoleViews views;
    private final ConsoleText text;
    private final AuditLog audit;
    private final JdbcOperations jdbc;

    InboxPages(HandoffService handoffs, AgentDelivery delivery, FaqService faq, Messages messages, LocaleRegistry locales,
            ConsolePages pages, ConsoleViews views, ConsoleText text, AuditLog audit, JdbcOperations jdbc) {
        this.handoffs = handoffs;
        this.delivery = delivery;
        this.faq = faq;
        this.messages = messages;
        this.locales = locales;
        this.pages = pages;
        this.views = views;
        this.text = text;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> inbox(HttpRequest<?> request, Authentication user) {
        Map<String, Object> model = pages.base(request, user, "inbox");
        Instant now = handoffs.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Handoff> open = new ArrayList<>(handoffs.open());
        open.sort(Comparator.comparing((Handoff h) -> !Handoff.WAITING.equals(h.status())).thenComparing(Handoff::createdAt));
        for (Handoff h : open) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", h.id());
            m.put("alias", h.alias());
            m.put("language", locales.supports(h.language()) ? locales.get(h.language()) : locales.get("en"));
            m.put("channel", h.channel());
            m.put("status", h.status());
            m.put("claimedBy", h.claimedBy());
            m.put("waiting", text.format(text.ui(request), "inbox.minutes", Map.of("minutes", Duration.between(h.createdAt(), now).toMinutes())));
            rows.add(m);
        }
        model.put("rows", rows);
        return views.page("console/inbox", model, request);
    }

    /** How many residents wait, for the console's badge (polled by inbox.js every 30 seconds). */
    @Get(value = "/waiting", produces = MediaType.APPLICATION_JSON)
    Map<String, Object> waiting() {
        return Map.of("waiting", handoffs.open().stream().filter(h -> Handoff.WAITING.equals(h.status())).count());
    }

    @Get(value = "/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> conversation(HttpRequest<?> request, Authentication user, @PathVariable long id) {
        Optional<Handoff> found = handoffs.get(id);
        if (found.isEmpty()) {
            return views.page(HttpStatus.NOT_FOUND, "console/notfound", pages.base(request, user, "notfound"), request);
        }
        Handoff h = found.get();
        String language = locales.supports(h.language()) ? h.language() : "en";
        Map<String, Object> model = pages.base(request, user, "inbox");
        model.put("h", h);
        model.put("language", locales.get(language));
        model.put("mine", Handoff.CLAIMED.equals(h.status()) && user.getName().equals(h.claimedBy()));
        model.put("waiting", Handoff.WAITING.equals(h.status()));
        model.put("lines", lines(h));
        String lastQuestion = lastInbound(h.contactId());
        List<Map<String, Object>> suggestions = new ArrayList<>();
        if (lastQuestion != null) {
            for (Explanation.Ranked r : faq.explain(lastQuestion, language).ranked().stream().limit(3).toList()) {
                faq.text(r.topic(), language).ifPresent(a -> suggestions.add(Map.of("topic", r.topic(),
                        "question", a.localization().question(), "answer", kr.ieum.i18n.RichText.parse(a.localization().answer()).plain())));
            }
        }
        model.put("suggestions", suggestions);
        model.put("done", request.getParameters().get("done"));
        return views.page("console/conversation", model, request);
    }

    @Post(value = "/{id}/claim", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> claim(Authentication user, @PathVariable long id) {
        Optional<Handoff> h = handoffs.get(id);
        if (h.isEmpty() || !handoffs.claim(id, user.getName())) {
            return back(id, "taken");
        }
        Handoff claimed = handoffs.get(id).orElseThrow();
        delivery.send(claimed, null, claimed.language(), messages.render(claimed.language(), "handoff.joined").text());
        audit.record(user.getName(), "handoff.claim", claimed.alias(), null);
        return back(id, "claimed");
    }

    @Post(value = "/{id}/reply", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> reply(Authentication user, @PathVariable long id, @Body Map<String, String> form) {
        Optional<Handoff> h = handoffs.get(id);
        String body = form.getOrDefault("text", "").replace("\r\n", "\n").replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
        if (h.isEmpty() || !Handoff.CLAIMED.equals(h.get().status()) || !user.getName().equals(h.get().claimedBy())) {
            return back(id, "notyours");
        }
        if (body.isEmpty() || body.length() > 2000) {
            return back(id, "empty");
        }
        boolean sent = delivery.send(h.get(), user.getName(), h.get().language(), body);
        audit.record(user.getName(), "handoff.reply", h.get().alias(), sent ? "sent" : "waits for the resident's next message");
        return back(id, sent ? "sent" : "queued");
    }

    @Post(value = "/{id}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resolve(Authentication user, @PathVariable long id) {
        Optional<Handoff> h = handoffs.get(id);
        if (h.isEmpty() || !handoffs.resolve(id)) {
            return back(id, "closed");
        }
        delivery.send(h.get(), null, h.get().language(), messages.render(h.get().language(), "handoff.resolved").text());
        audit.record(user.getName(), "handoff.resolve", h.get().alias(), null);
        return HttpResponse.seeOther(URI.create("/console/inbox"));
    }

    @Post(value = "/{id}/release", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> release(Authentication user, @PathVariable long id) {
        if (!handoffs.release(id, user.getName())) {
            return back(id, "notyours");
        }
        audit.record(user.getName(), "handoff.release", "#" + id, null);
        return HttpResponse.seeOther(URI.create("/console/inbox"));
    }

    /** The conversation as stored (turns, redacted) with what agents wrote, in time order. */
    @Transactional
    List<Map<String, Object>> lines(Handoff h) {
        List<Map<String, Object>> out = jdbc.prepareStatement("select direction, body, created_at from turn where contact_id = ? "
                + "and body is not null order by id desc limit 60", ps -> {
            ps.setLong(1, h.contactId());
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(line(rs.getString(1).equals("in") ? "resident" : "bot", rs.getString(2), rs.getTimestamp(3).toInstant()));
                }
            }
            return rows;
        });
        for (HandoffService.Message m : handoffs.messages(h.id())) {
            out.add(line(m.agent() == null ? "bot" : "agent", m.body(), m.createdAt()));
        }
        out.sort(Comparator.comparing(l -> (Instant) l.get("at")));
        return out;
    }

    @Transactional
    String lastInbound(long contactId) {
        return jdbc.prepareStatement("select body from turn where contact_id = ? and direction = 'in' and body is not null "
                + "and outcome <> 'command' order by id desc limit 1", ps -> {
            ps.setLong(1, contactId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private static Map<String, Object> line(String who, String body, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("who", who);
        m.put("body", body);
        m.put("at", at);
        m.put("when", WHEN.format(at));
        return m;
    }

    private static HttpResponse<?> back(long id, String done) {
        return HttpResponse.seeOther(URI.create("/console/inbox/" + id + "?done=" + done));
    }
}
