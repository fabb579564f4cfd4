package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import kr.ieum.content.Journey;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.faq.FaqResult;
import kr.ieum.faq.FaqService;
import kr.ieum.handoff.HandoffService;

/**
 * Everything else is a question for the knowledge base: a confident answer, "did you mean", or an honest "I don't
 * know" with the offer of a person. A question that shows the wish to enroll starts the journey; some answers end
 * with the offer of it; a resident in the middle of a journey is reminded how to go on.
 */
@Singleton
class FaqHandler implements TurnHandler {
    private final FaqService faq;
    private final Replies replies;
    private final JourneyService journeys;

    private final HandoffService handoffs;

    FaqHandler(FaqService faq, Replies replies, JourneyService journeys, HandoffService handoffs) {
        this.handoffs = handoffs;
        this.faq = faq;
        this.replies = replies;
        this.journeys = journeys;
    }

    @Override
    public int getOrder() {
        return 100;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return turn.text().codePoints().anyMatch(Character::isLetter);
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        String language = turn.language();
        FaqResult result = faq.ask(turn.text(), language, turn.typedIn());
        boolean inJourney = journeys.active(turn.contact()).isPresent();
        return switch (result.outcome()) {
            case ANSWERED -> answered(turn, result, inJourney);
            case CLARIFY -> {
                TurnStep menu = replies.topicMenu(turn.contact(), language, "clarify.title", result.candidates(), Outcome.CLARIFY);
                yield new TurnStep(menu.contact(), language, Outcome.CLARIFY, null, result.candidates(), result.confidence(),
                        menu.replies(), false);
            }
            case UNANSWERED -> {
                // after too many "I don't know"s in a row (when configured), a person is asked instead of offered
                OutboundMessage next = handoffs.unansweredStreak(turn.contact().id())
                        ? replies.promise(turn.contact(), language, HandoffService.REASON_UNANSWERED, null)
                        : replies.say(language, "handoff.offer");
                TurnStep unknown = TurnStep.unanswered(turn.contact().withMenu(null, List.of()), language, result.confidence(),
                        List.of(replies.say(language, "unknown"), next));
                yield inJourney ? unknown.withReplies(List.of(replies.say(language, "journey.continue"))) : unknown;
            }
        };
    }

    private TurnStep answered(TurnContext turn, FaqResult result, boolean inJourney) {
        String language = turn.language();
        if (faq.declines(result.topic())) {
            // recognised as outside what Ieum knows: say where to ask instead, and offer a person
            TurnStep text = replies.answer(turn.contact(), result.topic(), language, Outcome.UNANSWERED, result.confidence(), true);
            TurnStep declined = new TurnStep(text.contact().withLastTopic(null), language, Outcome.UNANSWERED, null, List.of(),
                    result.confidence(), text.replies(), false);
            declined = declined.withReplies(List.of(replies.say(language, "handoff.offer")));
            return inJourney ? declined.withReplies(List.of(replies.say(language, "journey.continue"))) : declined;
        }
        if (!inJourney) {
            Optional<Journey> starts = journeys.startingOn(result.topic());
            if (starts.isPresent()) {
                TurnStep started = replies.journey(turn.contact(), language, journeys.start(turn.who(), starts.get(), null, null),
                        result.topic());
                return new TurnStep(started.contact().withLastTopic(result.topic()), language, Outcome.JOURNEY, result.topic(),
                        List.of(), result.confidence(), started.replies(), false);
            }
        }
        return replies.answerInContext(turn, result.topic(), Outcome.ANSWERED, result.confidence(), inJourney);
    }
}
