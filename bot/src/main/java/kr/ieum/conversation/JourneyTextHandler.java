package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.Optional;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.JourneyTurn;

/**
 * Text typed while a journey waits for it: where the resident lives on an office step, or a choice's label typed
 * out. Anything else falls through to the FAQ, which answers it and offers the journey again.
 */
@Singleton
class JourneyTextHandler implements TurnHandler {
    private final JourneyService journeys;
    private final Replies replies;

    JourneyTextHandler(JourneyService journeys, Replies replies) {
        this.journeys = journeys;
        this.replies = replies;
    }

    @Override
    public int getOrder() {
        return 50;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return JourneyTurn.MENU_JOURNEY.equals(turn.contact().menuKind()) && !turn.text().isBlank();
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        Optional<JourneyTurn> handled = journeys.typed(turn.who(), turn.text());
        return handled.map(t -> replies.journey(turn.contact(), turn.language(), t, null)).orElse(null);
    }
}
