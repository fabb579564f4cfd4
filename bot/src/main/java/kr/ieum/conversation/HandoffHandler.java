package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import kr.ieum.i18n.LocalizedText;
import java.util.Set;
import kr.ieum.handoff.HandoffService;

/**
 * While an agent answers a resident (a claimed handoff) the bot stays quiet: the message is stored for the agent (as
 * every turn is) and nothing is sent, except that STOP, START, FORGET and LANGUAGE still work. When the agent has been
 * silent for longer than the timeout, the bot says it is back and answers again. What the person wrote while the
 * resident's channel could not carry it (it cannot write first) goes with this turn's reply.
 */
@Singleton
class HandoffHandler implements TurnHandler {
    private static final Set<String> STILL_COMMANDS = Set.of("stop", "start", "forget", "language");
    private final HandoffService handoffs;
    private final CommandHandler commands;
    private final Replies replies;

    HandoffHandler(HandoffService handoffs, CommandHandler commands, Replies replies) {
        this.handoffs = handoffs;
        this.commands = commands;
        this.replies = replies;
    }

    @Override
    public int getOrder() {
        return 15;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        // a contact that never had a handoff request has no state to read (most contacts: one statement less a turn)
        return turn.contact().pendingAction() == null && !turn.contact().isNew() && turn.contact().mayHaveHandoff();
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        String command = commands.command(turn);
        if (command != null && STILL_COMMANDS.contains(command)) {
            return null;
        }
        HandoffService.Ownership ownership = handoffs.ownership(turn.contact().id());
        List<OutboundMessage> waiting = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (HandoffService.Message m : ownership.pending() ? handoffs.pending(turn.contact().id()) : List.<HandoffService.Message>of()) {
            // what the person wrote while the channel could not carry it (KakaoTalk, the web chat...) comes now
            waiting.add(OutboundMessage.of(new LocalizedText(m.language(), m.body())));
            ids.add(m.id());
        }
        if (!ids.isEmpty()) {
            handoffs.delivered(ids);
        }
        if (ownership.expired()) {
            waiting.add(replies.say(turn.language(), "handoff.timeout"));
            return TurnStep.command(turn.contact(), turn.language(), waiting);
        }
        if (ownership.owned() == null && waiting.isEmpty()) {
            return null;
        }
        return new TurnStep(turn.contact(), turn.language(), Outcome.HANDOFF, null, List.of(), null, waiting, false);
    }
}
