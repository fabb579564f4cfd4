package kr.ieum.content;

import java.util.List;

/** Everything read from the {@code content/} folder, and the problems found reading it. */
public record ContentSet(List<Topic> topics, List<Localization> localizations, List<Journey> journeys,
        List<Office> offices, List<ContentProblem> problems) {

    public boolean valid() {
        return problems.isEmpty();
    }
}
