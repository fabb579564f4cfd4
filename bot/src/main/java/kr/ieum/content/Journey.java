package kr.ieum.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guided journey ({@code content/journeys/<id>.yaml}): its steps in file order and its texts per locale.
 *
 * @param start        the first step's id
 * @param startOn      topics whose confident answer starts the journey at once
 * @param offerOn      topics whose answer ends with an offer to start it
 * @param problemTopic the topic a "problem" on a guide step answers before a person is offered
 * @param steps        the steps, in file order
 * @param texts        the words, by locale tag
 */
public record Journey(String id, int revision, String start, List<String> startOn, List<String> offerOn,
        String problemTopic, List<JourneyStep> steps, Map<String, JourneyTexts> texts) {

    public Optional<JourneyStep> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** The step a journey starts at. */
    public JourneyStep first() {
        return step(start).orElseThrow();
    }
}
