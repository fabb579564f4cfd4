package kr.ieum.conversation;

import java.util.List;
import kr.ieum.contact.Contact;

/**
 * What a handler decided for one turn, before it is stored.
 *
 * @param contact    the contact as it is to be saved (language, menu, consent ...)
 * @param language   the language replied in
 * @param topic      the topic answered (or whose question started a journey), else null
 * @param candidates topics offered by a "did you mean"
 * @param confidence the answer's confidence, or null
 * @param forgotten  true when the contact is to be erased (FORGET confirmed)
 */
record TurnStep(Contact contact, String language, Outcome outcome, String topic, List<String> candidates,
        Double confidence, List<OutboundMessage> replies, boolean forgotten) {

    TurnStep {
        candidates = List.copyOf(candidates);
        replies = List.copyOf(replies);
    }

    static TurnStep command(Contact contact, String language, List<OutboundMessage> replies) {
        return new TurnStep(contact, language, Outcome.COMMAND, null, List.of(), null, replies, false);
    }

    static TurnStep unanswered(Contact contact, String language, Double confidence, List<OutboundMessage> replies) {
        return new TurnStep(contact, language, Outcome.UNANSWERED, null, List.of(), confidence, replies, false);
    }

    TurnStep withReplies(List<OutboundMessage> more) {
        List<OutboundMessage> all = new java.util.ArrayList<>(replies);
        all.addAll(more);
        return new TurnStep(contact, language, outcome, topic, candidates, confidence, all, forgotten);
    }

    TurnStep withContact(Contact c) {
        return new TurnStep(c, language, outcome, topic, candidates, confidence, replies, forgotten);
    }
}
