package kr.ieum.i18n;

import io.micronaut.serde.annotation.Serdeable;

/**
 * User-facing text together with the locale it is written in. Channels accept this type, never a bare
 * String, so text that did not come from {@code locales/} or {@code content/} cannot reach a resident.
 */
@Serdeable
public record LocalizedText(String locale, String text) {

    /** Text that comes from the knowledge base (already localized there). */
    public static LocalizedText fromContent(String locale, String text) {
        return new LocalizedText(locale, text);
    }
}
