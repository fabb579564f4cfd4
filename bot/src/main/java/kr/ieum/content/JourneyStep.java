package kr.ieum.content;

import java.util.List;
import java.util.Map;

/**
 * One step of a journey.
 *
 * @param kind    what the resident does here
 * @param slot    for {@link Kind#ASK}: the name under which the chosen choice's id is kept (conditions read it)
 * @param topic   the knowledge-base topic that explains this step, or null
 * @param choices for {@link Kind#ASK}: the numbered choices
 * @param next    for guide and office steps: where "done" leads, the first route whose condition holds
 * @param end     for {@link Kind#END}: {@code completed} (the resident has the card) or {@code cannot}
 * @param line    the line of the step in its file (for messages)
 */
public record JourneyStep(String id, Kind kind, String slot, String topic, List<Choice> choices, List<Route> next,
        String end, int line) {

    /** What a step asks of the resident. */
    public enum Kind {
        /** a question with numbered choices */
        ASK,
        /** an instruction with "done", "problem" and "later" */
        GUIDE,
        /** the resident types where they live; the office finder answers */
        OFFICE,
        /** the journey ends here */
        END
    }

    /** A numbered choice: where it leads and which slots it sets besides its own. */
    public record Choice(String id, String next, Map<String, String> set) {}

    /** A route: {@code step} when every slot in {@code when} has the given value (an empty {@code when} always holds). */
    public record Route(Map<String, String> when, String step) {

        public boolean holds(Map<String, String> slots) {
            return when.entrySet().stream().allMatch(e -> e.getValue().equals(slots.get(e.getKey())));
        }
    }

    /** Where "done" leads from here, given the answers so far; null when no route holds. */
    public String nextFor(Map<String, String> slots) {
        return next.stream().filter(r -> r.holds(slots)).map(Route::step).findFirst().orElse(null);
    }
}
