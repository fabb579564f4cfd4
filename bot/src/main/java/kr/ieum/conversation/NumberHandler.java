package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import kr.ieum.contact.Contact;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.JourneyTurn;

/** A number: the pick from the last numbered menu (language, topics, a journey's choices, the reminder offer). */
@Singleton
class NumberHandler implements TurnHandler {
    private final Replies replies;
    private final JourneyService journeys;

    NumberHandler(Replies replies, JourneyService journeys) {
        this.replies = replies;
        this.journeys = journeys;
    }

    @Override
    public int getOrder() {
        return 30;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return turn.numeric();
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        Contact contact = turn.contact().withPending(null);
        String language = turn.language();
        List<String> items = contact.menuItems();
        if (contact.menuKind() == null || items.isEmpty()) {
            return TurnStep.unanswered(contact, language, 0.0,
                    List.of(replies.say(language, "unknown"), replies.say(language, "handoff.offer")));
        }
        int number = Integer.parseInt(turn.text());
        if (number < 1 || number > items.size()) {
            return TurnStep.command(contact, language, List.of(replies.say(language, "number.invalid", Map.of("count", items.size()))));
        }
        String item = items.get(number - 1);
        TurnContext picked = turn.with(contact);
        return switch (contact.menuKind()) {
            case Replies.MENU_LANGUAGE -> TurnStep.command(contact.withLanguage(item, true).withMenu(null, List.of()), item,
                    List.of(replies.say(item, "language.changed")));
            case JourneyTurn.MENU_JOURNEY -> journey(picked, journeys.choose(picked.who(), item).orElse(null));
            case JourneyTurn.MENU_REMINDER -> journey(picked, journeys.reminder(picked.who(), "yes".equals(item)));
            case Replies.MENU_OFFER -> start(picked, item);
            default -> item.startsWith(Replies.JOURNEY_ITEM) ? start(picked, item.substring(Replies.JOURNEY_ITEM.length()))
                    : replies.answerInContext(picked, item, Outcome.ANSWERED, 1.0, journeys.active(contact).isPresent());
        };
    }

    private TurnStep start(TurnContext turn, String journeyId) {
        return journeys.journey(journeyId)
                .map(j -> journey(turn, journeys.start(turn.who(), j, null, null)))
                .orElseGet(() -> TurnStep.unanswered(turn.contact(), turn.language(), 0.0, List.of(replies.say(turn.language(), "unknown"))));
    }

    private TurnStep journey(TurnContext turn, JourneyTurn journeyTurn) {
        if (journeyTurn == null) {
            return TurnStep.command(turn.contact().withMenu(null, List.of()), turn.language(),
                    List.of(replies.say(turn.language(), "journey.none")));
        }
        return replies.journey(turn.contact(), turn.language(), journeyTurn, null);
    }
}
