package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.Optional;
import kr.ieum.enrollment.JourneyService;
import kr.ieum.enrollment.JourneyTurn;
import kr.ieum.enrollment.StartCode;

/**
 * A deep link's start code ({@code j_<journey>_<step>}, as text or as a Telegram {@code /start} payload) starts a
 * journey at that step; a resume code ({@code R-XXXXXX}) moves a journey from another channel here.
 */
@Singleton
class JourneyCodeHandler implements TurnHandler {
    private final JourneyService journeys;
    private final Replies replies;

    JourneyCodeHandler(JourneyService journeys, Replies replies) {
        this.journeys = journeys;
        this.replies = replies;
    }

    @Override
    public int getOrder() {
        return 20;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return code(turn) != null && turn.text().length() <= 100;
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        Optional<JourneyTurn> started = journeys.code(turn.who(), code(turn));
        return started.map(t -> replies.journey(turn.contact(), turn.language(), t, null))
                .orElseGet(() -> TurnStep.unanswered(turn.contact(), turn.language(), 0.0,
                        java.util.List.of(replies.say(turn.language(), "unknown"))));
    }

    private static String code(TurnContext turn) {
        String payload = turn.in().startPayload();
        if (payload != null && StartCode.looksLikeCode(payload)) {
            return payload;
        }
        return StartCode.looksLikeCode(turn.text()) ? turn.text() : null;
    }
}
