package kr.ieum.conversation;

import java.util.List;

/**
 * What one turn produced.
 *
 * @param language   the language replied in
 * @param outcome    answered, clarify, unanswered, command or journey
 * @param topic      the answered topic, else null
 * @param candidates topics offered by a "did you mean"
 * @param confidence the answer's confidence (0 for commands)
 * @param replies    the messages to send, in order
 */
public record TurnResult(String language, String outcome, String topic, List<String> candidates, double confidence,
        List<OutboundMessage> replies) {}
