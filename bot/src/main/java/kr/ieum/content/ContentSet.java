package kr.ieum.content;

import java.util.List;
import java.util.Map;

/**
 * Everything read from the {@code content/} folder, and the problems found reading it.
 *
 * @param concepts locale → concept id → the words residents type for it ({@code concepts/<locale>.yaml})
 */
public record ContentSet(List<Topic> topics, List<Localization> localizations, List<Journey> journeys,
        List<Office> offices, Map<String, Map<String, List<String>>> concepts, List<ContentProblem> problems) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
