package kr.ieum.conversation;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import kr.ieum.contact.Contact;
import kr.ieum.contact.ContactStore;
import kr.ieum.contact.Turn;
import kr.ieum.faq.Answer;
import kr.ieum.faq.FaqResult;
import kr.ieum.faq.FaqService;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;
import kr.ieum.language.LanguageResolver;

/**
 * One turn of a conversation, channel-neutral: who is writing, in which language, is it a command or a
 * numbered reply, else what the knowledge base says. Turns of one contact run one at a time (the contact's
 * row lock is held for the turn's transaction).
 */
@Singleton
public class ConversationEngine {
    static final String MENU_LANGUAGE = "language";
    static final String MENU_TOPICS = "topics";
    static final String MENU_FORGET = "forget";
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

    private final ContactStore contacts;
    private final LanguageResolver languages;
    private final Messages messages;
    private final FaqService faq;

    ConversationEngine(ContactStore contacts, LanguageResolver languages, Messages messages, FaqService faq) {
        this.contacts = contacts;
        this.languages = languages;
        this.messages = messages;
        this.faq = faq;
    }

    @Transactional
    public TurnResult handle(InboundMessage in) {
        long start = System.nanoTime();
        Contact contact = contacts.lock(in.channel(), in.address());
        String text = TextCleaner.clean(in.text());
        String hint = messages.locales().match(in.localeHint()).orElse(null);
        boolean numeric = NUMBER.matcher(text).matches();
        // a chat command (/start, /menu from Telegram or a LINE follow) is ASCII Latin in every language: no evidence
        boolean slashCommand = text.startsWith("/");
        LanguageResolver.Resolution resolution = numeric || slashCommand || text.isEmpty()
                ? new LanguageResolver.Resolution(contact.language() != null ? contact.language() : hint, null)
                : languages.resolve(text, contact.language(), contact.languageExplicit(), hint);
        String language = resolution.language();
        Turn inbound;
        Step step;
        if (language == null) {
            // nothing to go on (emoji, digits only) and no hint: ask which language
            step = languageMenu(contact, "en");
            language = "en";
        } else {
            contact = contact.withLanguage(language, contact.languageExplicit() && language.equals(contact.language()));
            step = in.nonText() && text.isEmpty()
                    ? new Step(contact, language, "unanswered", null, List.of(), 0.0, List.of(say(language, "nontext")), false)
                    : respond(contact, text, numeric, language, typedIn(resolution));
            language = step.language();
        }
        contact = step.contact();
        Double confidence = resolution.guess() == null || !resolution.guess().known() ? null : resolution.guess().confidence();
        int micros = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1000);
        if (step.forgotten()) {
            contacts.forget(contact.id());
        } else {
            contacts.save(contact);
            inbound = new Turn("in", text, language, confidence, step.outcome(), step.topic(), step.confidence(), micros);
            contacts.recordTurn(contact.id(), inbound);
            for (OutboundMessage reply : step.replies()) {
                contacts.recordTurn(contact.id(), new Turn("out", reply.text().text(), reply.text().locale(), null, null, null, null, null));
            }
        }
        return new TurnResult(language, step.outcome(), step.topic(), step.candidates(),
                step.confidence() == null ? 0 : step.confidence(), step.replies());
    }

    /** What a turn decided, before it is stored. */
    private record Step(Contact contact, String language, String outcome, String topic, List<String> candidates,
            Double confidence, List<OutboundMessage> replies, boolean forgotten) {

        static Step command(Contact contact, String language, List<OutboundMessage> replies) {
            return new Step(contact, language, "command", null, List.of(), null, replies, false);
        }
    }

    /** The language the text itself is in, when detection is sure of it; else null. */
    private static String typedIn(LanguageResolver.Resolution resolution) {
        var guess = resolution.guess();
        return guess != null && guess.known() && (guess.decisive() || guess.confidence() >= 0.6) ? guess.tag() : null;
    }

    private Step respond(Contact contact, String text, boolean numeric, String language, String typedIn) {
        String word = EDGE_PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replaceFirst("^/", "");
        if (text.isEmpty()) {
            return new Step(contact, language, "unanswered", null, List.of(), 0.0, List.of(say(language, "empty")), false);
        }
        if (MENU_FORGET.equals(contact.pendingAction())) {
            Optional<Step> confirmed = confirmForget(contact, word, language);
            if (confirmed.isPresent()) {
                return confirmed.get();
            }
            contact = contact.withPending(null).withMenu(null, List.of());
        }
        if (numeric) {
            return numbered(contact, Integer.parseInt(text), language);
        }
        Optional<Step> command = command(contact, word, language);
        if (command.isPresent()) {
            return command.get();
        }
        if (text.codePoints().noneMatch(Character::isLetter)) {
            return new Step(contact, language, "unanswered", null, List.of(), 0.0,
                    List.of(say(language, "empty")), false);
        }
        return ask(contact, text, language, typedIn);
    }

    private Optional<Step> command(Contact contact, String word, String language) {
        if (is(word, language, "language")) {
            return Optional.of(languageMenu(contact, language));
        }
        if (is(word, language, "menu")) {
            return Optional.of(topicMenu(contact, language, "menu.title", faq.menu(), "command"));
        }
        if (is(word, language, "help")) {
            return Optional.of(Step.command(contact, language, List.of(say(language, "help"))));
        }
        if (is(word, language, "human")) {
            return Optional.of(Step.command(contact, language, List.of(say(language, "handoff.requested"))));
        }
        if (is(word, language, "stop")) {
            return Optional.of(Step.command(contact.withConsent("stopped"), language, List.of(say(language, "stop.done"))));
        }
        if (is(word, language, "start")) {
            return Optional.of(Step.command(contact.withConsent("granted"), language, List.of(say(language, "start.done"))));
        }
        if (is(word, language, "more")) {
            if (contact.lastTopic() == null) {
                return Optional.of(Step.command(contact, language, List.of(say(language, "help"))));
            }
            Step full = answer(contact, contact.lastTopic(), language, "command", 1.0, false);
            return Optional.of(full);
        }
        if (is(word, language, "forget")) {
            List<OutboundMessage.Option> options = List.of(
                    new OutboundMessage.Option("1", messages.render(language, "forget.yes")),
                    new OutboundMessage.Option("2", messages.render(language, "forget.no")));
            Contact pending = contact.withPending(MENU_FORGET).withMenu(MENU_FORGET, List.of("yes", "no"));
            return Optional.of(Step.command(pending, language,
                    List.of(new OutboundMessage(messages.render(language, "forget.confirm"), options))));
        }
        return Optional.empty();
    }

    private boolean is(String word, String language, String command) {
        return messages.commandWords(language, command).contains(word);
    }

    private Optional<Step> confirmForget(Contact contact, String word, String language) {
        if (word.equals("1") || is(word, language, "yes")) {
            return Optional.of(new Step(contact, language, "command", null, List.of(), null,
                    List.of(say(language, "forget.done")), true));
        }
        if (word.equals("2") || is(word, language, "no")) {
            Contact kept = contact.withPending(null).withMenu(null, List.of());
            return Optional.of(Step.command(kept, language, List.of(say(language, "forget.cancelled"))));
        }
        return Optional.empty();
    }

    private Step numbered(Contact contact, int number, String language) {
        List<String> items = contact.menuItems();
        if (contact.menuKind() == null || items.isEmpty()) {
            return new Step(contact, language, "unanswered", null, List.of(), 0.0,
                    List.of(say(language, "unknown"), say(language, "handoff.offer")), false);
        }
        if (number < 1 || number > items.size()) {
            return Step.command(contact, language, List.of(say(language, "number.invalid", Map.of("count", items.size()))));
        }
        String item = items.get(number - 1);
        if (MENU_LANGUAGE.equals(contact.menuKind())) {
            Contact chosen = contact.withLanguage(item, true).withMenu(null, List.of());
            return Step.command(chosen, item, List.of(say(item, "language.changed")));
        }
        return answer(contact, item, language, "answered", 1.0, true);
    }

    private Step languageMenu(Contact contact, String language) {
        List<OutboundMessage.Option> options = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (SupportedLocale l : messages.locales().all()) {
            tags.add(l.tag());
            options.add(new OutboundMessage.Option(String.valueOf(tags.size()), new LocalizedText(l.tag(), l.endonym())));
        }
        return Step.command(contact.withMenu(MENU_LANGUAGE, tags), language,
                List.of(new OutboundMessage(messages.render(language, "language.menu.title"), options)));
    }

    private Step topicMenu(Contact contact, String language, String titleKey, List<String> topics, String outcome) {
        List<OutboundMessage.Option> options = new ArrayList<>();
        for (String topic : topics) {
            faq.text(topic, language).ifPresent(a ->
                    options.add(new OutboundMessage.Option(String.valueOf(options.size() + 1),
                            LocalizedText.fromContent(a.localization().locale(), a.localization().question()))));
        }
        return new Step(contact.withMenu(MENU_TOPICS, topics), language, outcome, null, List.copyOf(topics), null,
                List.of(new OutboundMessage(messages.render(language, titleKey), options)), false);
    }

    private Step ask(Contact contact, String text, String language, String typedIn) {
        FaqResult result = faq.ask(text, language, typedIn);
        return switch (result.outcome()) {
            case ANSWERED -> answer(contact, result.topic(), language, "answered", result.confidence(), true);
            case CLARIFY -> {
                Step menu = topicMenu(contact, language, "clarify.title", result.candidates(), "clarify");
                yield new Step(menu.contact(), language, "clarify", null, result.candidates(), result.confidence(),
                        menu.replies(), false);
            }
            case UNANSWERED -> new Step(contact.withMenu(null, List.of()), language, "unanswered", null, List.of(),
                    result.confidence(), List.of(say(language, "unknown"), say(language, "handoff.offer")), false);
        };
    }

    /** An answer from the knowledge base; {@code withBrief} offers channels the short (SMS) version too. */
    private Step answer(Contact contact, String topic, String language, String outcome, double confidence, boolean withBrief) {
        Optional<Answer> found = faq.text(topic, language);
        if (found.isEmpty()) {
            return new Step(contact, language, "unanswered", null, List.of(), 0.0, List.of(say(language, "unknown")), false);
        }
        Answer answer = found.get();
        List<OutboundMessage> replies = new ArrayList<>();
        if (answer.fallback()) {
            replies.add(say(language, "notice.fallback", Map.of(
                    "language", messages.languageName(language, language),
                    "fallbackLanguage", messages.languageName(answer.localization().locale(), language))));
        }
        String locale = answer.localization().locale();
        String sms = answer.localization().sms();
        LocalizedText brief = withBrief && sms != null && !sms.isBlank() ? LocalizedText.fromContent(locale, sms) : null;
        replies.add(new OutboundMessage(LocalizedText.fromContent(locale, answer.localization().answer()), List.of(), topic, brief));
        if (answer.localization().machineTranslated()) {
            replies.add(say(language, "notice.machine"));
        }
        return new Step(contact.withMenu(null, List.of()).withLastTopic(topic), language, outcome, topic, List.of(), confidence,
                replies, false);
    }

    private OutboundMessage say(String language, String key) {
        return OutboundMessage.of(messages.render(language, key));
    }

    private OutboundMessage say(String language, String key, Map<String, Object> args) {
        return OutboundMessage.of(messages.render(language, key, args));
    }
}
