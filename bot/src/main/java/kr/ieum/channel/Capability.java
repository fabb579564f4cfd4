package kr.ieum.channel;

/** What a channel can show besides numbered plain text, which every channel gets. */
public enum Capability {
    /** Tappable quick replies or keyboard buttons for numbered options. */
    BUTTONS,
    /** Markup (HTML or Markdown) in messages. */
    RICH_TEXT,
    /** Short messages billed per segment (SMS): long answers become a brief plus "reply MORE". */
    SEGMENTED_TEXT,
    /** Links are clickable. */
    LINKS
}
