package kr.ieum.conversation;

import jakarta.inject.Singleton;
import java.util.List;
import kr.ieum.contact.Contact;

/**
 * Greetings and thanks ("hi", "안녕하세요", "xin chào", "thanks", "ok"): the greeting with the menu, or an
 * acknowledgement; never "I don't know", never a topic that happens to share the word. A greeting word that only one
 * language has is evidence of that language (unless the resident chose one).
 */
@Singleton
class SmallTalkHandler implements TurnHandler {
    private static final List<String> KINDS = List.of("greeting", "thanks");
    private final Replies replies;

    SmallTalkHandler(Replies replies) {
        this.replies = replies;
    }

    @Override
    public int getOrder() {
        return 45;
    }

    @Override
    public boolean canHandle(TurnContext turn) {
        return kind(turn) != null;
    }

    @Override
    public TurnStep handle(TurnContext turn) {
        String kind = kind(turn);
        String language = languageOf(turn, kind);
        Contact contact = language.equals(turn.language()) ? turn.contact() : turn.contact().withLanguage(language, false);
        if ("thanks".equals(kind)) {
            return TurnStep.command(contact, language, List.of(replies.say(language, "smalltalk.thanks")));
        }
        TurnStep menu = replies.mainMenu(contact, language);
        return new TurnStep(menu.contact(), language, Outcome.COMMAND, null, List.of(), null,
                List.of(replies.say(language, "greeting"), menu.replies().get(0)), false);
    }

    private String kind(TurnContext turn) {
        String word = turn.word();
        for (String kind : KINDS) {
            if (replies.messages().commandWords(turn.language(), kind).contains(word)
                    || !replies.messages().localesWithOwnCommandWord(kind, word).isEmpty()) {
                return kind;
            }
        }
        return null;
    }

    /**
     * The turn's language, unless it is only an unsure guess (or the word is not English) and the word belongs to one
     * language's own words ("xin chào", and "hi" from a new contact is English): then that language.
     */
    private String languageOf(TurnContext turn, String kind) {
        List<String> owners = replies.messages().localesWithOwnCommandWord(kind, turn.word());
        if (turn.contact().languageExplicit() || owners.contains(turn.language()) || owners.size() != 1) {
            return turn.language();
        }
        boolean english = owners.get(0).equals("en");
        return !english || turn.unsure() ? owners.get(0) : turn.language();
    }
}
