package kr.ieum.faq;

import kr.ieum.content.Localization;

/**
 * A topic's text chosen for a reader.
 *
 * @param localization the text shown
 * @param fallback     true when it is not in the reader's language but in the next one of the fallback chain
 */
public record Answer(Localization localization, boolean fallback) {}
