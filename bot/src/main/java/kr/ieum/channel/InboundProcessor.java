package kr.ieum.channel;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import kr.ieum.conversation.ConversationEngine;
import kr.ieum.conversation.InboundMessage;
import kr.ieum.conversation.TurnResult;

/** Runs one stored inbound message through the conversation engine, in one transaction with its outbox row. */
@Singleton
class InboundProcessor {
    private final ChannelStore store;
    private final ConversationEngine engine;

    InboundProcessor(ChannelStore store, ConversationEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    /** What processing produced: the turn and the outbox row of its replies (null when replied inline). */
    record Processed(TurnResult turn, Long outboxId) {}

    /**
     * Claims inbox row {@code id}, runs the turn and, unless {@code inline}, puts the replies in the outbox;
     * empty when the row is taken or done already, or (unless {@code inline}: a webhook waits for that answer) when an
     * earlier message of the same contact still waits, which then goes first and this one at a later poll. One contact's
     * turns never run at once, on any replica ({@link ChannelStore#lockContact}).
     */
    @Transactional
    Optional<Processed> process(long id, boolean inline) {
        store.lockContact(id);
        Optional<ChannelStore.Inbound> claimed = store.claimInbound(id);
        if (claimed.isEmpty() || !claimed.get().first() && !inline) {
            return Optional.empty();
        }
        InboundEnvelope env = claimed.get().envelope();
        TurnResult turn = engine.handle(new InboundMessage(env.channel(), env.address(), env.text(), env.localeHint(),
                env.nonText(), env.context().get("start")));
        Long outboxId = null;
        if (!inline && !turn.replies().isEmpty()) {
            outboxId = store.enqueue(new Delivery(env.channel(), env.address(), turn.language(), turn.replies(), env.context()));
        }
        store.inboundDone(id);
        return Optional.of(new Processed(turn, outboxId));
    }
}
