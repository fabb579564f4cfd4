package kr.ieum.console;

import io.micronaut.scheduling.annotation.Async;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import kr.ieum.channel.PublicUrl;
import kr.ieum.channel.email.StaffMail;
import kr.ieum.handoff.HandoffProperties;
import kr.ieum.handoff.HandoffRequested;
import kr.ieum.i18n.LocaleRegistry;

/**
 * Tells agents by e-mail ({@code IEUM_HANDOFF_NOTIFY_EMAIL}) that a resident waits for a person: the language, the
 * channel and a link to the request, never the resident's words or address. Off the resident's turn (asynchronously).
 */
@Singleton
class AgentNotifier {
    private final HandoffProperties properties;
    private final StaffMail mail;
    private final ConsoleText text;
    private final LocaleRegistry locales;
    private final PublicUrl publicUrl;

    AgentNotifier(HandoffProperties properties, StaffMail mail, ConsoleText text, LocaleRegistry locales, PublicUrl publicUrl) {
        this.properties = properties;
        this.mail = mail;
        this.text = text;
        this.locales = locales;
        this.publicUrl = publicUrl;
    }

    // not a TransactionalEventListener: registering an after-commit synchronization from inside the turn's transaction
    // made its completion fail now and then (ConcurrentModificationException, a 500 on HUMAN); the mail needs nothing
    // from the database, and a request whose turn fails is rare and harmless to announce
    @EventListener
    @Async
    void onRequest(HandoffRequested event) {
        List<String> to = properties.notifyEmail().stream().filter(a -> !a.isBlank()).toList();
        if (to.isEmpty() || !mail.configured()) {
            return;
        }
        var h = event.handoff();
        String language = locales.supports(h.language()) ? locales.get(h.language()).endonym() + " (" + h.language() + ")" : h.language();
        Map<String, Object> args = Map.of("alias", h.alias(), "language", language, "channel", h.channel(),
                "url", publicUrl.of("/console/inbox/" + h.id()));
        String subject = text.format("ko", "notify.subject", args) + " / " + text.format("en", "notify.subject", args);
        String body = text.format("ko", "notify.body", args) + "\n\n" + text.format("en", "notify.body", args);
        mail.send(to, subject, body);
    }
}
