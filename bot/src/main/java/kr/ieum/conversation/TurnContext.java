package kr.ieum.conversation;

import java.util.Locale;
import java.util.regex.Pattern;
import kr.ieum.contact.Contact;
import kr.ieum.enrollment.JourneyService;

/**
 * One turn as the handlers see it.
 *
 * @param contact  the contact, locked for the turn
 * @param text     the cleaned text
 * @param language the language to reply in
 * @param typedIn  the language the text is surely written in, or null
 * @param in       the inbound message as the channel handed it over
 * @param unsure   true when {@code language} is only an unsure guess from this message (a new contact, no hint)
 */
record TurnContext(Contact contact, String text, String language, String typedIn, InboundMessage in, boolean unsure) {
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

    /** The text as a command word: lower case, without edge punctuation or a leading slash. */
    String word() {
        return EDGE_PUNCTUATION.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replaceFirst("^/", "");
    }

    /** True when the text is a number (a pick from the last numbered menu). */
    boolean numeric() {
        return NUMBER.matcher(text).matches();
    }

    static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    TurnContext with(Contact c) {
        return new TurnContext(c, text, language, typedIn, in, unsure);
    }

    JourneyService.Who who() {
        return new JourneyService.Who(contact.id(), language, in.channel());
    }
}
