package kr.ieum.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Languages that residents often type in Latin letters though their script is another (romanised Nepali, Urdu,
 * Bengali, Sinhala): OpenNLP's model knows them only in their own scripts, so a message is read as one of them by its
 * function words ({@code /language/romanised/<tag>.txt}): at least two of one list's words, a quarter of the message's
 * words or more, and more than any other list has. Never decisive: a contact's known language is not switched by it.
 */
final class RomanisedCues {
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final int MIN_HITS = 2;
    private final Map<String, Set<String>> words;

    RomanisedCues(Map<String, Set<String>> words) {
        this.words = Map.copyOf(words);
    }

    static RomanisedCues fromClasspath(List<String> tags) {
        Map<String, Set<String>> words = new LinkedHashMap<>();
        for (String tag : tags) {
            try (InputStream in = RomanisedCues.class.getResourceAsStream("/language/romanised/" + tag + ".txt")) {
                if (in == null) {
                    continue;
                }
                Set<String> set = new HashSet<>();
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(set::add);
                words.put(tag, set);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RomanisedCues(words);
    }

    /** The romanised language of a Latin-script message (lower case), when its function words say so clearly. */
    Optional<LanguageGuess> read(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find() && tokens.size() < 200) {
            tokens.add(m.group());
        }
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (Map.Entry<String, Set<String>> e : words.entrySet()) {
            int hits = (int) tokens.stream().filter(e.getValue()::contains).count();
            if (hits > bestHits) {
                second = bestHits;
                best = e.getKey();
                bestHits = hits;
            } else if (hits > second) {
                second = hits;
            }
        }
        if (best == null || bestHits < MIN_HITS || bestHits * 4 < tokens.size() || bestHits == second) {
            return Optional.empty();
        }
        double confidence = Math.min(0.9, 0.55 + 0.1 * (bestHits - second));
        return Optional.of(new LanguageGuess(best, confidence, false, List.of(new LanguageGuess.Candidate(best, confidence))));
    }
}
