package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.List;

/** The answer to "erase everything?": yes erases the contact, no keeps it; anything else drops the question. */
@Singleton
class ForgetConfirmHandler implements TurnHandler {
    private final Replies replies;

    ForgetConfirmHandler(Replies replies) {
        this.replies = replies;
    }

    @Override
    public int getOrder() {
        return 10;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return Replies.MENU_FORGET.equals(turn.contact().pendingAction()) && (yes(turn) || no(turn));
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        String language = turn.language();
        if (yes(turn)) {
            return new TurnStep(turn.contact(), language, Outcome.COMMAND, null, List.of(), null,
                    List.of(replies.say(language, "forget.done")), true);
        }
        return TurnStep.command(turn.contact().withPending(null).withMenu(null, List.of()), language,
                List.of(replies.say(language, "forget.cancelled")));
    }

    private boolean yes(TurnContext turn) {
        return turn.word().equals("1") || replies.messages().commandWords(turn.language(), "yes").contains(turn.word());
    }

    private boolean no(TurnContext turn) {
        return turn.word().equals("2") || replies.messages().commandWords(turn.language(), "no").contains(turn.word());
    }
}
