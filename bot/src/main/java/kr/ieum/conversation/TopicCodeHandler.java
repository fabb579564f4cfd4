package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import kr.ieum.enrollment.TopicCode;

/**
 * A topic code from a campaign's link ({@code t_<topic>_c-<campaign>_l-<language>}, as text or as a Telegram
 * {@code /start} payload) answers that topic in the link's language and counts the resident for the campaign (the first
 * campaign that brings them); an unknown topic gets the "this code does not work" reply.
 */
@Singleton
class TopicCodeHandler implements TurnHandler {
    private final Replies replies;
    private final TopicOpener topics;

    TopicCodeHandler(Replies replies, TopicOpener topics) {
        this.replies = replies;
        this.topics = topics;
    }

    @Override
    public int getOrder() {
        return 19;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return code(turn).isPresent();
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        TopicCode code = code(turn).orElseThrow();
        return topics.open(turn.contact(), code.topic(), turn.language(), code.campaign()).orElseGet(() ->
                TurnStep.unanswered(turn.contact(), turn.language(), 0.0, List.of(replies.say(turn.language(), "journey.resume.unknown"))));
    }

    private static Optional<TopicCode> code(TurnContext turn) {
        String payload = turn.in().startPayload();
        Optional<TopicCode> fromPayload = payload == null ? Optional.empty() : TopicCode.parse(payload);
        return fromPayload.isPresent() ? fromPayload : turn.text().length() <= 100 ? TopicCode.parse(turn.text()) : Optional.empty();
    }
}
