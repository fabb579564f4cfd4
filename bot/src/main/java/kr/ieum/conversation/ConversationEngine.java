package kr.ieum.conversation;

import io.micronaut.core.order.OrderUtil;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import kr.ieum.contact.Contact;
import kr.ieum.contact.ContactStore;
import kr.ieum.contact.Redactor;
import kr.ieum.contact.Turn;
import kr.ieum.enrollment.StartCode;
import kr.ieum.language.LanguageResolver;

/**
 * One turn of a conversation, channel-neutral: who is writing and in which language, then the first
 * {@link TurnHandler} that can handle the text (forget confirmation, journey codes, numbered picks, commands, a journey's
 * step, the FAQ). Turns of one contact run one at a time (the contact's row lock is held for the turn's transaction).
 */
@Singleton
public class ConversationEngine {
    private final ContactStore contacts;
    private final LanguageResolver languages;
    private final Replies replies;
    private final List<TurnHandler> handlers;
    private final io.micrometer.core.instrument.MeterRegistry meters;

    ConversationEngine(ContactStore contacts, LanguageResolver languages, Replies replies, List<TurnHandler> handlers,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.meters = meters;
        this.contacts = contacts;
        this.languages = languages;
        this.replies = replies;
        List<TurnHandler> ordered = new ArrayList<>(handlers);
        OrderUtil.sort(ordered);
        this.handlers = List.copyOf(ordered);
    }

    @Transactional
    public TurnResult handle(InboundMessage in) {
        long start = System.nanoTime();
        Contact contact = contacts.lock(in.channel(), in.address());
        String cleaned = TextCleaner.clean(in.text());
        boolean code = StartCode.looksLikeCode(cleaned);
        // an ID number is never needed to answer: answer without it, and warn once
        boolean idNumber = !code && Redactor.containsIdNumber(cleaned);
        String text = idNumber ? Redactor.withoutIdNumbers(cleaned) : cleaned;
        String hint = replies.messages().locales().match(in.localeHint()).orElse(null);
        // a number or a chat command (/start, /menu from Telegram or a LINE follow) is no evidence of a language
        boolean noEvidence = TurnContext.isNumber(text) || text.startsWith("/") || text.isEmpty() || code;
        String linked = linkLanguage(text, in.startPayload());
        LanguageResolver.Resolution resolution = linked != null ? new LanguageResolver.Resolution(linked, null)
                : noEvidence ? new LanguageResolver.Resolution(contact.language() != null ? contact.language() : hint, null)
                : languages.resolve(text, contact.language(), contact.languageExplicit(), hint);
        String language = resolution.language();
        TurnStep step;
        // a pick from a menu shown before (the short language menu) is handled even while the language is unknown
        boolean menuPick = contact.menuKind() != null && TurnContext.isNumber(text);
        if (language == null && in.startPayload() == null && !code && !menuPick) {
            // nothing to go on (emoji, digits only) and no hint: ask which language
            step = replies.languageMenu(contact, "en");
        } else {
            language = language == null ? "en" : language;
            contact = contact.withLanguage(language, contact.languageExplicit() && language.equals(contact.language()));
            step = respond(new TurnContext(contact, text, language, typedIn(resolution), in, resolution.tentative()));
        }
        String menu = step.contact().menuKind();
        if (resolution.tentative() && !step.forgotten() && (menu == null || Replies.MENU_OFFER.equals(menu))
                && !step.contact().languageExplicit()) {
            // an unsure guess from a first message: answer in it, keep nothing, offer the likeliest languages
            step = replies.shortLanguageMenu(step, resolution.guess());
        }
        if (idNumber && !step.forgotten()) {
            step = step.withReplies(List.of(replies.say(step.language(), "privacy.idnumber")));
        }
        contact = step.contact();
        Double confidence = resolution.guess() == null || !resolution.guess().known() ? null : resolution.guess().confidence();
        int micros = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1000);
        // for operators (/prometheus): turns by outcome, language and channel, and how long they take
        String lang = step.language() == null ? "none" : step.language();
        meters.counter("ieum.turns", "outcome", step.outcome().wire(), "language", lang, "channel", in.channel()).increment();
        io.micrometer.core.instrument.Timer.builder("ieum.turn.duration").description("time to handle one turn, in the service")
                .tag("channel", in.channel()).publishPercentileHistogram().register(meters)
                .record(java.time.Duration.ofNanos(System.nanoTime() - start));
        if (step.forgotten()) {
            contacts.forget(contact.id());
        } else {
            List<Turn> turns = new ArrayList<>(1 + step.replies().size());
            turns.add(new Turn("in", cleaned, step.language(), confidence, step.outcome().wire(), step.topic(), step.confidence(), micros));
            for (OutboundMessage reply : step.replies()) {
                turns.add(new Turn("out", reply.text().text(), reply.text().locale(), null, null, null, null, null));
            }
            contacts.finishTurn(contact, turns);
        }
        return new TurnResult(step.language(), step.outcome().wire(), step.topic(), step.candidates(),
                step.confidence() == null ? 0 : step.confidence(), step.replies());
    }

    private TurnStep respond(TurnContext turn) {
        String language = turn.language();
        if (turn.in().nonText() && turn.text().isEmpty()) {
            return TurnStep.unanswered(turn.contact(), language, 0.0, List.of(replies.say(language, "nontext")));
        }
        if (turn.text().isEmpty() && turn.in().startPayload() == null) {
            return TurnStep.unanswered(turn.contact(), language, 0.0, List.of(replies.say(language, "empty")));
        }
        TurnContext current = turn;
        for (TurnHandler handler : handlers) {
            if (handler.canHandle(current)) {
                TurnStep step = handler.handle(current);
                if (step != null) {
                    return step;
                }
            }
            if (handler instanceof ForgetConfirmHandler && current.contact().pendingAction() != null) {
                // any other message drops the pending "erase everything?" question
                current = current.with(current.contact().withPending(null).withMenu(null, List.of()));
            }
        }
        return TurnStep.unanswered(current.contact(), language, 0.0, List.of(replies.say(language, "empty")));
    }

    /** The language a deep link's start code was shown in (the poster's or page's language), when supported; else null. */
    private String linkLanguage(String text, String payload) {
        return java.util.stream.Stream.of(payload, text).filter(java.util.Objects::nonNull)
                .flatMap(t -> java.util.stream.Stream.concat(kr.ieum.enrollment.StartCode.parse(t).map(kr.ieum.enrollment.StartCode::language).stream(),
                        kr.ieum.enrollment.TopicCode.parse(t).map(kr.ieum.enrollment.TopicCode::language).stream()))
                .filter(java.util.Objects::nonNull)
                .map(l -> replies.messages().locales().match(l).orElse(null)).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
    }

    /** The language the text itself is in, when detection is sure of it; else null. */
    private static String typedIn(LanguageResolver.Resolution resolution) {
        var guess = resolution.guess();
        return guess != null && guess.known() && (guess.decisive() || guess.confidence() >= 0.6) ? guess.tag() : null;
    }
}
