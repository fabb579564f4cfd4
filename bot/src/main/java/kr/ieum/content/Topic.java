package kr.ieum.content;

/** A knowledge-base topic: its fixed id, category and place in the menu. */
public record Topic(String id, String category, boolean menu, int position) {}
