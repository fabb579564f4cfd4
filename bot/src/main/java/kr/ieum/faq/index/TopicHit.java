package kr.ieum.faq.index;

/**
 * A topic that matches a question.
 *
 * @param topic  topic id
 * @param locale the locale whose phrasings matched
 * @param score  the topic's match relative to the score the question would get against a phrasing identical to
 *               itself: raw BM25 scores are not comparable across questions. Around 1 for an exact match and
 *               above it when the topic's phrasings repeat the question's words; it orders topics
 */
public record TopicHit(String topic, String locale, double score) {

    /** {@link #score} capped to 0..1: how sure the match is. */
    public double confidence() {
        return Math.min(1.0, score);
    }
}
