package kr.ieum.language;

import java.util.List;

/**
 * What the detector thinks a text's language is.
 *
 * @param tag        BCP 47 tag of one of our locales, or {@code null} when the text has no letters to go on
 * @param confidence 0.0 to 1.0
 * @param decisive   true when the evidence is strong enough to switch a contact's known language
 *                   (a script only one of our languages uses, or letters only one language has)
 * @param candidates the locales considered, best first, confidences summing to about 1
 */
public record LanguageGuess(String tag, double confidence, boolean decisive, List<Candidate> candidates) {

    /** One locale and its confidence. */
    public record Candidate(String tag, double confidence) {}

    static LanguageGuess none() {
        return new LanguageGuess(null, 0.0, false, List.of());
    }

    public boolean known() {
        return tag != null;
    }
}
