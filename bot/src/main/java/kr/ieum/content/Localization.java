package kr.ieum.content;

import java.util.List;

/**
 * One topic in one locale: what residents ask and what Ieum answers.
 *
 * @param status         {@code source}, {@code machine} or {@code reviewed}
 * @param sourceRevision for translations, the revision of the source text they were made from (else null)
 * @param translatedFrom for translations, the locale of that source (else null)
 */
@io.micronaut.serde.annotation.Serdeable
public record Localization(String topic, String locale, String question, List<String> alternates, String answer,
        String sms, String status, int revision, Integer sourceRevision, String translatedFrom, List<String> links) {

    public static final String SOURCE = "source";
    public static final String MACHINE = "machine";
    public static final String REVIEWED = "reviewed";

    /** True for a translation no person has reviewed yet: answers from it carry the machine-translation notice. */
    public boolean machineTranslated() {
        return MACHINE.equals(status);
    }
}
