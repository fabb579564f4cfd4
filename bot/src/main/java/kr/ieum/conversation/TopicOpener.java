package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import kr.ieum.contact.Contact;
import kr.ieum.contact.ContactStore;

/**
 * Opens a knowledge-base topic for a campaign (its topic code, or its SMS keyword): the topic's answer in the language,
 * and the resident counted for the campaign (the first campaign that brings them). Empty when the topic has no answer.
 */
@Singleton
class TopicOpener {
    private final Replies replies;
    private final ContactStore contacts;
    private final Clock clock;

    TopicOpener(Replies replies, ContactStore contacts, Clock clock) {
        this.replies = replies;
        this.contacts = contacts;
        this.clock = clock;
    }

    Optional<TurnStep> open(Contact contact, String topic, String language, String campaign) {
        TurnStep answer = replies.answer(contact, topic, language, Outcome.ANSWERED, 1.0, false);
        if (answer.outcome() != Outcome.ANSWERED) {
            return Optional.empty();
        }
        if (campaign != null) {
            contacts.attribute(contact.id(), campaign, clock.instant());
        }
        return Optional.of(answer);
    }
}
