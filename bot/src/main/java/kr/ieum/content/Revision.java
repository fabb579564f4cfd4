package kr.ieum.content;

import java.time.Instant;

/** One published version of a topic in a locale, as kept in the history. */
public record Revision(long id, Localization localization, String publishedBy, Instant publishedAt) {}
