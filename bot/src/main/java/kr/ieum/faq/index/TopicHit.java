package kr.ieum.faq.index;

/**
 * A topic that matches a question.
 *
 * @param topic      topic id
 * @param locale     the locale whose phrasings matched
 * @param confidence the best matching phrasing's score divided by the score the question would get against
 *                   a phrasing identical to itself (0 to 1): raw BM25 scores are not comparable across questions
 */
public record TopicHit(String topic, String locale, double confidence) {}
