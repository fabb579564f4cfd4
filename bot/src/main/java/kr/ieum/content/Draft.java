package kr.ieum.content;

import java.time.Instant;
import java.util.List;

/**
 * Work in progress on one topic in one locale, not yet what residents read.
 *
 * @param state   {@code draft} (being edited) or {@code review} (waiting for a reviewer)
 * @param basedOn the published revision it started from (null for a new translation)
 */
@io.micronaut.serde.annotation.Serdeable
public record Draft(String topic, String locale, String question, List<String> alternates, String answer, String sms,
        String state, Integer basedOn, String updatedBy, Instant updatedAt, String note) {

    public static final String DRAFT = "draft";
    public static final String REVIEW = "review";

    public boolean inReview() {
        return REVIEW.equals(state);
    }
}
