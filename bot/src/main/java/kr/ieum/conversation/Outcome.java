package kr.ieum.conversation;

import java.util.Locale;

/** What kind of turn it was; the API and the turn log carry it in lower case. */
public enum Outcome {
    /** a knowledge-base answer */
    ANSWERED,
    /** "did you mean" with numbered topics */
    CLARIFY,
    /** "I don't know" and the offer of a person */
    UNANSWERED,
    /** a command (LANGUAGE, MENU, STOP ...) */
    COMMAND,
    /** a guided journey's step */
    JOURNEY,
    /** a person answers this resident now: the bot stayed quiet and passed the message on */
    HANDOFF;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
