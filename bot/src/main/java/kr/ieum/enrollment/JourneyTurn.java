package kr.ieum.enrollment;

import java.util.List;
import kr.ieum.i18n.LocalizedText;

/**
 * What a journey says in one turn, channel-neutral: messages in order (the last may carry numbered choices), an
 * optional knowledge-base topic to answer first, and the numbered menu the resident's next number refers to.
 *
 * @param topic     a topic the conversation answers before {@code parts} (a "problem" answers the troubleshooting
 *                  topic), or null
 * @param menuKind  {@code journey}, {@code reminder} or null: what the numbers of the last part stand for
 * @param menuItems the choice ids the numbers 1..n stand for
 * @param stepId    the step the resident is at after this turn (null when no journey is active)
 * @param page      the site-relative page of the step shown last ({@code /j/<journey>/<step>}), or null
 * @param handoff   true when the resident asked for help at a step ("I have a problem"): a person is asked to answer
 */
public record JourneyTurn(List<Part> parts, String topic, String menuKind, List<String> menuItems, String stepId,
        String page, boolean handoff) {

    public static final String MENU_JOURNEY = "journey";
    public static final String MENU_REMINDER = "reminder";

    public JourneyTurn(List<Part> parts, String topic, String menuKind, List<String> menuItems, String stepId) {
        this(parts, topic, menuKind, menuItems, stepId, null, false);
    }

    public JourneyTurn(List<Part> parts, String topic, String menuKind, List<String> menuItems, String stepId, String page) {
        this(parts, topic, menuKind, menuItems, stepId, page, false);
    }

    public JourneyTurn {
        parts = List.copyOf(parts);
        menuItems = menuItems == null ? List.of() : List.copyOf(menuItems);
    }

    /** One message; {@code choices} are numbered 1..n in order. */
    public record Part(LocalizedText text, List<Choice> choices) {

        public Part {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        static Part of(LocalizedText text) {
            return new Part(text, List.of());
        }
    }

    /** A numbered choice: its id (stored in the contact's menu) and its label. */
    public record Choice(String id, LocalizedText label) {}
}
