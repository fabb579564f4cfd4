package kr.ieum.faq;

import java.util.List;

/**
 * Why a question gets the answer it gets: the topics that matched, best first, and the decision with the thresholds
 * that made it (an answer needs {@code answerThreshold} and a lead of {@code closeCallMargin} over the runner-up; a
 * "did you mean" needs {@code clarifyThreshold}).
 */
public record Explanation(List<Ranked> ranked, FaqResult result, double answerThreshold, double clarifyThreshold,
        double closeCallMargin) {

    /** A topic and how well the question matched its phrasings (1.0 = as if the question were one of them). */
    public record Ranked(String topic, double score) {}
}
