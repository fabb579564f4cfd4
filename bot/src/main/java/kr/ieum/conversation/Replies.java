package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.ieum.contact.Contact;
import kr.ieum.content.Journey;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.JourneyTurn;
import kr.ieum.faq.Answer;
import kr.ieum.faq.FaqService;
import kr.ieum.handoff.HandoffService;
import kr.ieum.i18n.LocalizedText;
import kr.ieum.i18n.Messages;
import kr.ieum.i18n.SupportedLocale;

/** The replies handlers share: the bot's own words, answers with their notices, numbered menus, journey steps. */
@Singleton
class Replies {
    static final String MENU_LANGUAGE = "language";
    static final String MENU_TOPICS = "topics";
    static final String MENU_FORGET = "forget";
    static final String MENU_OFFER = "offer";
    static final String JOURNEY_ITEM = "journey:";

    private final Messages messages;
    private final FaqService faq;
    private final JourneyService journeys;

    private final HandoffService handoffs;

    Replies(Messages messages, FaqService faq, JourneyService journeys, HandoffService handoffs) {
        this.handoffs = handoffs;
        this.messages = messages;
        this.faq = faq;
        this.journeys = journeys;
    }

    Messages messages() {
        return messages;
    }

    OutboundMessage say(String language, String key) {
        return OutboundMessage.of(messages.render(language, key));
    }

    OutboundMessage say(String language, String key, Map<String, Object> args) {
        return OutboundMessage.of(messages.render(language, key, args));
    }

    /** An answer from the knowledge base, with its fallback and machine notices; {@code withBrief} offers SMS its short version. */
    TurnStep answer(Contact contact, String topic, String language, Outcome outcome, double confidence, boolean withBrief) {
        Optional<Answer> found = faq.text(topic, language);
        if (found.isEmpty()) {
            return TurnStep.unanswered(contact, language, 0.0, List.of(say(language, "unknown")));
        }
        return new TurnStep(contact.withMenu(null, List.of()).withLastTopic(topic), language, outcome, topic, List.of(), confidence,
                answerMessages(found.get(), topic, language, withBrief), false);
    }

    private List<OutboundMessage> answerMessages(Answer answer, String topic, String language, boolean withBrief) {
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
        return replies;
    }

    /** A numbered menu of topics (and, in the main menu, the journeys first). */
    TurnStep topicMenu(Contact contact, String language, String titleKey, List<String> items, Outcome outcome) {
        List<OutboundMessage.Option> options = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String item : items) {
            Optional<LocalizedText> label = item.startsWith(JOURNEY_ITEM)
                    ? journeys.journey(item.substring(JOURNEY_ITEM.length())).map(j -> journeys.title(j, language))
                    : faq.text(item, language).map(a -> LocalizedText.fromContent(a.localization().locale(), a.localization().question()));
            label.ifPresent(l -> {
                kept.add(item);
                options.add(new OutboundMessage.Option(String.valueOf(options.size() + 1), l));
            });
        }
        List<String> topics = kept.stream().filter(i -> !i.startsWith(JOURNEY_ITEM)).toList();
        return new TurnStep(contact.withMenu(MENU_TOPICS, kept), language, outcome, null, topics, null,
                List.of(new OutboundMessage(messages.render(language, titleKey), options)), false);
    }

    /** The main menu: the journeys, then the knowledge base's menu topics. */
    TurnStep mainMenu(Contact contact, String language) {
        List<String> items = new ArrayList<>();
        journeys.journeys().forEach(j -> items.add(JOURNEY_ITEM + j.id()));
        items.addAll(faq.menu());
        return topicMenu(contact, language, "menu.title", items, Outcome.COMMAND);
    }

    TurnStep languageMenu(Contact contact, String language) {
        List<OutboundMessage.Option> options = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (SupportedLocale l : messages.locales().all()) {
            tags.add(l.tag());
            options.add(new OutboundMessage.Option(String.valueOf(tags.size()), new LocalizedText(l.tag(), l.endonym())));
        }
        return TurnStep.command(contact.withMenu(MENU_LANGUAGE, tags), language,
                List.of(new OutboundMessage(messages.render(language, "language.menu.title"), options)));
    }

    /**
     * After a reply in an unsure language: the likeliest languages (up to three), the title in each of their own
     * languages, and the contact's language left unknown so that the next message is read afresh.
     */
    TurnStep shortLanguageMenu(TurnStep step, kr.ieum.language.LanguageGuess guess) {
        List<String> tags = guess.candidates().stream().filter(c -> c.confidence() >= 0.1 && messages.locales().supports(c.tag()))
                .map(kr.ieum.language.LanguageGuess.Candidate::tag).limit(3).toList();
        if (tags.size() < 2) {
            return step;
        }
        List<OutboundMessage.Option> options = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (String tag : tags) {
            options.add(new OutboundMessage.Option(String.valueOf(options.size() + 1),
                    new LocalizedText(tag, messages.locales().get(tag).endonym())));
            titles.add(messages.render(tag, "language.menu.title").text());
        }
        OutboundMessage menu = new OutboundMessage(new LocalizedText(tags.get(0), String.join("\n", titles)), options);
        Contact unknown = step.contact().withLanguage(null, false).withMenu(MENU_LANGUAGE, tags);
        List<OutboundMessage> kept = new ArrayList<>(step.replies());
        if (MENU_OFFER.equals(step.contact().menuKind()) && !kept.isEmpty()) {
            // the language comes first: the offer of the guide waits for the next answer
            kept.remove(kept.size() - 1);
        }
        kept.add(menu);
        return new TurnStep(unknown, step.language(), step.outcome(), step.topic(), step.candidates(), step.confidence(), kept,
                step.forgotten());
    }

    /**
     * Files (or finds) the contact's request for a person and says what happens next, honestly: a person who reads the
     * language and when, only when one is at work; otherwise 1345 with its hours for the language and the next working day.
     */
    OutboundMessage promise(Contact contact, String language, String reason, String topic) {
        HandoffService.Promise p = handoffs.request(contact.id(), language, reason, topic);
        String name = messages.languageName(language, language);
        if (p.covered()) {
            String wait = messages.render(language, "handoff.wait", Map.of("hours", p.waitHours())).text();
            return say(language, "handoff.covered", Map.of("language", name, "wait", wait));
        }
        String hours = messages.render(language, "handoff.hours." + p.lineHours()).text();
        // the full text costs four to five SMS segments: SMS gets its short version
        return new OutboundMessage(messages.render(language, "handoff.closed", Map.of("language", name, "hours", hours)), List.of(),
                null, messages.render(language, "handoff.closed.sms", Map.of("language", name)));
    }

    /** A journey's turn as replies: the topic it answers first (if any), then its parts with numbered choices. */
    TurnStep journey(Contact contact, String language, JourneyTurn turn, String topic) {
        List<OutboundMessage> replies = new ArrayList<>();
        Contact next = contact.withMenu(turn.menuKind(), turn.menuItems());
        if (turn.topic() != null) {
            faq.text(turn.topic(), language).ifPresent(a -> replies.addAll(answerMessages(a, turn.topic(), language, true)));
        }
        if (turn.handoff()) {
            replies.add(promise(contact, language, HandoffService.REASON_PROBLEM, turn.stepId()));
        }
        for (int i = 0; i < turn.parts().size(); i++) {
            JourneyTurn.Part part = turn.parts().get(i);
            List<OutboundMessage.Option> options = new ArrayList<>();
            for (JourneyTurn.Choice c : part.choices()) {
                options.add(new OutboundMessage.Option(String.valueOf(options.size() + 1), c.label()));
            }
            // the step itself (the last part) has a page of its own, for channels that send a link for long texts
            String page = i == turn.parts().size() - 1 && turn.page() != null
                    ? turn.page() + "?lang=" + java.net.URLEncoder.encode(language, java.nio.charset.StandardCharsets.UTF_8) : null;
            replies.add(new OutboundMessage(part.text(), options, null, null, page));
        }
        return new TurnStep(next, language, Outcome.JOURNEY, topic, List.of(), null, replies, false);
    }

    /**
     * An answer, followed by the offer of the journey its topic leads to, or by how to go on with the journey the
     * resident is in.
     */
    TurnStep answerInContext(TurnContext turn, String topic, Outcome outcome, double confidence, boolean inJourney) {
        TurnStep answer = answer(turn.contact(), topic, turn.language(), outcome, confidence, true);
        if (answer.outcome() == Outcome.UNANSWERED) {
            return answer;
        }
        if (inJourney) {
            return answer.withReplies(List.of(say(turn.language(), "journey.continue")));
        }
        return journeys.offeredOn(topic).map(j -> offer(answer, j, turn.language())).orElse(answer);
    }

    /** The offer to start a journey, put after an answer. */
    TurnStep offer(TurnStep answered, Journey journey, String language) {
        OutboundMessage offer = new OutboundMessage(messages.render(language, "journey.offer"),
                List.of(new OutboundMessage.Option("1", messages.render(language, "journey.offer.start"))));
        return answered.withReplies(List.of(offer)).withContact(answered.contact().withMenu(MENU_OFFER, List.of(journey.id())));
    }
}
