package kr.ieum.content;

import java.util.List;

/** Published after localizations change in the content store; the answer index refreshes from it. */
public record ContentPublished(List<Localization> changed) {}
