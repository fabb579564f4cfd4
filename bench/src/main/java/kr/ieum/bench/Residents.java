package kr.ieum.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import kr.ieum.content.Localization;

/**
 * Simulated residents: many contacts, each writing in one language (spread over every locale of the knowledge base)
 * and holding a multi-turn conversation that repeats: a question, MENU, a menu number, two more questions. Questions
 * are the faq-dev queries (with their out-of-scope ones) when that data is present, and the knowledge base's own
 * alternate phrasings (the ways residents ask, as written by editors). Half the contacts write through signed
 * Twilio webhooks when that channel is available.
 */
final class Residents {
    /** One message to send: channel "api" or "twilio", the sender, the text. */
    record Message(String channel, String from, String text) {}

    private final List<String> languages;
    private final Map<String, List<String>> questions;
    private final int contacts;
    private final boolean twilio;
    private final String run;

    Residents(KnowledgeBase kb, Optional<Path> faqDev, int contacts, boolean twilio) throws IOException {
        Map<String, List<String>> byLanguage = new TreeMap<>();
        if (faqDev.isPresent()) {
            for (FaqDevEval.Query q : FaqDevEval.read(faqDev.get().resolve("queries.tsv"))) {
                byLanguage.computeIfAbsent(q.lang(), k -> new ArrayList<>()).add(q.text());
            }
        }
        for (Localization l : kb.localizations) {
            byLanguage.computeIfAbsent(l.locale(), k -> new ArrayList<>()).addAll(l.alternates());
        }
        Random random = new Random(42);
        byLanguage.values().forEach(list -> Collections.shuffle(list, random));
        this.questions = byLanguage;
        this.languages = List.copyOf(byLanguage.keySet());
        this.contacts = contacts;
        this.twilio = twilio;
        this.run = Long.toString(System.currentTimeMillis(), 36);
    }

    int languages() {
        return languages.size();
    }

    int questions() {
        return questions.values().stream().mapToInt(List::size).sum();
    }

    /** The {@code k}-th message of the whole run: contacts take turns, each continuing its own conversation. */
    Message next(long k) {
        int contact = (int) (k % contacts);
        int turn = (int) ((k / contacts) % 5);
        long round = k / contacts / 5;
        String lang = languages.get(contact % languages.size());
        List<String> qs = questions.get(lang);
        String text = switch (turn) {
            case 1 -> "MENU";
            case 2 -> String.valueOf(1 + (contact + round) % 5);
            default -> qs.get((int) ((contact * 7L + round * 3 + turn) % qs.size()));
        };
        boolean viaTwilio = twilio && contact % 2 == 1;
        String from = viaTwilio ? String.format(Locale.ROOT, "+8210%08d", contact) : "load-" + run + "-" + contact;
        return new Message(viaTwilio ? "twilio" : "api", from, text);
    }
}
