package kr.ieum.faq;

import java.util.List;

/**
 * What the knowledge base says to a question.
 *
 * @param outcome    answered, clarify (did you mean one of {@code candidates}) or unanswered
 * @param topic      the answered topic, else null
 * @param candidates topics offered by a "did you mean", best first (empty otherwise)
 * @param confidence the best topic's confidence, 0 to 1
 */
public record FaqResult(Outcome outcome, String topic, List<String> candidates, double confidence) {

    public enum Outcome { ANSWERED, CLARIFY, UNANSWERED }
}
