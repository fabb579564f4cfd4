package kr.ieum.content.translation;

import java.util.List;

/**
 * A locale's translatable texts: what {@link Xliff} and {@link Csv} write and read.
 *
 * @param sourceLocale the language translated from (English)
 * @param locale       the language translated into
 */
public record TranslationFile(String sourceLocale, String locale, List<Unit> units) {}
