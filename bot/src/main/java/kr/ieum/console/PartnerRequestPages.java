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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Community associations ask for a partner account themselves ({@code /console/partner-request}, no sign-in): the
 * account is created disabled, in the association's organisation, with a note saying how staff can check who asked; an
 * admin approves it (it can then sign in and run campaigns) or refuses it (it is deleted) on the Accounts page. At most
 * {@value #MAX_WAITING} requests wait at a time, so the form cannot be used to fill the database.
 */
@Controller("/console")
@ExecuteOn(TaskExecutors.BLOCKING)
class PartnerRequestPages {
    static final int MAX_WAITING = 50;
    private final AccountStore accounts;
    private final ConsolePages pages;
    private final ConsoleViews views;
    private final AuditLog audit;
    private final Clock clock;

    PartnerRequestPages(AccountStore accounts, ConsolePages pages, ConsoleViews views, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.pages = pages;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    @Get(value = "/partner-request", produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> form(HttpRequest<?> request) {
        return page(request, HttpStatus.OK, null, Map.of());
    }

    @Post(value = "/partner-request", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<String> submit(HttpRequest<?> request, @Body Map<String, String> form) {
        String username = field(form, "username").toLowerCase(java.util.Locale.ROOT);
        String name = field(form, "name");
        String organisation = field(form, "organisation");
        String contact = field(form, "contact");
        String password = form.getOrDefault("password", "");
        if (!username.matches("[a-z0-9._-]{2,64}") || name.isEmpty() || name.length() > 128 || organisation.isEmpty()
                || organisation.length() > 200 || contact.isEmpty() || contact.length() > 200 || Passwords.weakness(password, username) != null) {
            return page(request, HttpStatus.UNPROCESSABLE_ENTITY, "invalid", form);
        }
        if (accounts.requests().size() >= MAX_WAITING) {
            // a limit on this form, not a failure of the service: 429, so that monitoring of 5xx stays quiet
            return page(request, HttpStatus.TOO_MANY_REQUESTS, "busy", form);
        }
        if (!accounts.request(username, name, Passwords.hash(password), organisation, contact, clock.instant())) {
            return page(request, HttpStatus.CONFLICT, "taken", form);
        }
        audit.record(username, "account.request", username, "partner of " + organisation);
        return page(request, HttpStatus.OK, "sent", Map.of());
    }

    @Post(value = "/accounts/{username}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({ConsolePages.ADMIN})
    HttpResponse<?> approve(Authentication user, @PathVariable String username) {
        boolean done = accounts.approve(username);
        if (done) {
            audit.record(user.getName(), "account.approve", username, null);
        }
        return HttpResponse.seeOther(URI.create("/console/accounts?done=" + (done ? "approved" : "invalid")));
    }

    @Post(value = "/accounts/{username}/refuse", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({ConsolePages.ADMIN})
    HttpResponse<?> refuse(Authentication user, @PathVariable String username) {
        boolean done = accounts.refuse(username);
        if (done) {
            audit.record(user.getName(), "account.refuse", username, null);
        }
        return HttpResponse.seeOther(URI.create("/console/accounts?done=" + (done ? "refused" : "invalid")));
    }

    private HttpResponse<String> page(HttpRequest<?> request, HttpStatus status, String outcome, Map<String, String> form) {
        Map<String, Object> model = pages.base(request, null, "partner-request");
        model.put("outcome", outcome);
        model.put("form", form);
        return views.page(status, "console/partner-request", model, request);
    }

    private static String field(Map<String, String> form, String name) {
        String v = form.get(name);
        return v == null ? "" : v.replaceAll("[\\p{Cc}]", "").strip();
    }
}
