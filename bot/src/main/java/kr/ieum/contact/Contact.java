package kr.ieum.contact;

import java.util.List;

/**
 * A resident on one channel, as the conversation sees them (never the address itself).
 *
 * @param language         BCP 47 tag of the language the bot answers in, or null before it is known
 * @param languageExplicit true when the resident chose it with LANGUAGE (then detection does not change it)
 * @param consent          {@code granted} or {@code stopped} (after STOP: no outreach)
 * @param menuKind         the last numbered menu shown ({@code language}, {@code topics}, {@code forget}), or null
 * @param menuItems        what its numbers stand for, in order
 * @param pendingAction    an action waiting for confirmation ({@code forget}), or null
 * @param lastTopic        the topic answered last (MORE sends the whole answer), or null
 * @param mayHaveJourney   false when the contact has never had a journey's progress (then nobody needs to read it)
 * @param mayHaveHandoff   false when the contact has never had a handoff request (nor its messages)
 */
public record Contact(long id, String language, boolean languageExplicit, String consent, String menuKind,
        List<String> menuItems, String pendingAction, String lastTopic, boolean isNew, boolean mayHaveJourney,
        boolean mayHaveHandoff) {

    public Contact withLanguage(String tag, boolean explicit) {
        return new Contact(id, tag, explicit, consent, menuKind, menuItems, pendingAction, lastTopic,
                isNew, mayHaveJourney, mayHaveHandoff);
    }

    public Contact withMenu(String kind, List<String> items) {
        return new Contact(id, language, languageExplicit, consent, kind, List.copyOf(items), pendingAction, lastTopic,
                isNew, mayHaveJourney, mayHaveHandoff);
    }

    public Contact withPending(String action) {
        return new Contact(id, language, languageExplicit, consent, menuKind, menuItems, action, lastTopic,
                isNew, mayHaveJourney, mayHaveHandoff);
    }

    public Contact withLastTopic(String topic) {
        return new Contact(id, language, languageExplicit, consent, menuKind, menuItems, pendingAction, topic,
                isNew, mayHaveJourney, mayHaveHandoff);
    }

    public Contact withConsent(String value) {
        return new Contact(id, language, languageExplicit, value, menuKind, menuItems, pendingAction, lastTopic,
                isNew, mayHaveJourney, mayHaveHandoff);
    }
}
