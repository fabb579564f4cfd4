package kr.ieum.conversation;

import kr.ieum.handoff.HandoffService;
import jakarta.inject.Singleton;
import java.util.List;
import kr.ieum.contact.Contact;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.outreach.Announcements;

/**
 * The commands, typed in any supported language or in English: LANGUAGE, MENU, HELP, HUMAN, STOP, START, MORE,
 * FORGET, CONTINUE (the journey in progress) and NEWS (a yes to announcements on this channel; STOP ends it).
 */
@Singleton
class CommandHandler implements TurnHandler {
    private static final List<String> COMMANDS = List.of("language", "menu", "help", "human", "stop", "start", "more", "forget",
            "continue", "news");
    private final Replies replies;
    private final JourneyService journeys;
    private final Announcements announcements;

    CommandHandler(Replies replies, JourneyService journeys, Announcements announcements) {
        this.replies = replies;
        this.journeys = journeys;
        this.announcements = announcements;
    }

    @Override
    public int getOrder() {
        return 40;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return command(turn) != null;
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        Contact contact = turn.contact();
        String language = turn.language();
        return switch (command(turn)) {
            case "language" -> replies.languageMenu(contact, language);
            case "menu" -> replies.mainMenu(contact, language);
            case "help" -> TurnStep.command(contact, language, List.of(replies.say(language, "help")));
            case "human" -> {
                journeys.handoff(turn.who());
                yield TurnStep.command(contact, language, List.of(replies.promise(contact, language, HandoffService.REASON_HUMAN,
                        contact.lastTopic())));
            }
            case "stop" -> {
                journeys.stop(contact.id());
                announcements.withdraw(contact.id());
                yield TurnStep.command(contact.withConsent("stopped"), language, List.of(replies.say(language, "stop.done")));
            }
            case "news" -> {
                announcements.consent(contact.id(), turn.who().channel(), "command");
                yield TurnStep.command(contact.withConsent("granted"), language, List.of(replies.say(language, "news.done")));
            }
            case "start" -> TurnStep.command(contact.withConsent("granted"), language, List.of(replies.say(language, "start.done")));
            case "more" -> contact.lastTopic() == null
                    ? TurnStep.command(contact, language, List.of(replies.say(language, "help")))
                    : replies.answer(contact, contact.lastTopic(), language, Outcome.COMMAND, 1.0, false);
            case "continue" -> journeys.resume(turn.who())
                    .map(t -> replies.journey(contact, language, t, null))
                    .orElseGet(() -> TurnStep.command(contact, language, List.of(replies.say(language, "journey.none"))));
            default -> forget(contact, language);
        };
    }

    private TurnStep forget(Contact contact, String language) {
        List<OutboundMessage.Option> options = List.of(
                new OutboundMessage.Option("1", replies.messages().render(language, "forget.yes")),
                new OutboundMessage.Option("2", replies.messages().render(language, "forget.no")));
        Contact pending = contact.withPending(Replies.MENU_FORGET).withMenu(Replies.MENU_FORGET, List.of("yes", "no"));
        return TurnStep.command(pending, language,
                List.of(new OutboundMessage(replies.messages().render(language, "forget.confirm"), options)));
    }

    /** The command the text is, or null. */
    String command(TurnContext turn) {
        String word = turn.word();
        for (String command : COMMANDS) {
            if (replies.messages().commandWords(turn.language(), command).contains(word)) {
                return command;
            }
        }
        return null;
    }
}
