package kr.ieum.content;

import java.util.List;
import java.util.Map;

/**
 * How far each topic is translated: one {@link State} per topic and locale, and whether work is waiting.
 *
 * @param cells topic id → locale → cell, for every topic and locale
 */
public record Coverage(List<Topic> topics, List<String> locales, Map<String, Map<String, Cell>> cells) {

    /** What residents of a locale read for a topic. */
    public enum State {
        /** no text in this locale: residents get the fallback language's */
        MISSING,
        /** the source text (ko, en) */
        SOURCE,
        /** machine-translated, nobody reviewed it: answers carry the machine-translation notice */
        MACHINE,
        /** translated from a source revision older than the source's current one */
        STALE,
        /** reviewed by a person and up to date with its source */
        REVIEWED
    }

    /** @param draft the state of a draft waiting for this cell ({@code draft}, {@code review}), or null */
    public record Cell(State state, String draft) {}

    public Cell cell(String topic, String locale) {
        return cells.get(topic).get(locale);
    }

    /** How many cells are in {@code state}. */
    public long count(State state) {
        return cells.values().stream().flatMap(m -> m.values().stream()).filter(c -> c.state() == state).count();
    }

    /** The state of one published localization, given the localization it was translated from. */
    public static State stateOf(Localization l, Localization source) {
        if (Localization.SOURCE.equals(l.status())) {
            return State.SOURCE;
        }
        if (source != null && l.sourceRevision() != null && l.sourceRevision() < source.revision()) {
            return State.STALE;
        }
        return Localization.REVIEWED.equals(l.status()) ? State.REVIEWED : State.MACHINE;
    }
}
