package kr.ieum.content;

import java.util.Map;

/**
 * A journey's words in one locale ({@code content/journeys/<id>/<locale>.yaml}).
 *
 * @param status         {@code source}, {@code machine} or {@code reviewed}, as for FAQ localizations
 * @param sourceRevision for translations, the journey revision they were made from
 * @param steps          the text of each step and the labels of its choices, by step id
 */
public record JourneyTexts(String locale, String status, int revision, Integer sourceRevision, String translatedFrom,
        String title, String intro, Map<String, StepText> steps) {

    /** One step's words: its text, and each choice's label by choice id. */
    public record StepText(String text, Map<String, String> choices) {}

    /** True for a translation no person has reviewed yet. */
    public boolean machineTranslated() {
        return Localization.MACHINE.equals(status);
    }
}
