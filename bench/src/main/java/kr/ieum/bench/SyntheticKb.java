package kr.ieum.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import kr.ieum.content.Localization;
import kr.ieum.faq.index.FaqIndex;

/**
 * A synthetic knowledge base in every locale, written with each locale's real words: the vocabulary of a locale is
 * every word of its questions, alternates and answers in {@code content/} (for scripts written without spaces, zh,
 * ja, th, km, my: runs of 2-3 characters). A synthetic topic has four "key" words of its own, drawn uniformly from the
 * vocabulary without its 50 most frequent words, and each phrasing is three of them plus 2-5 filler words (drawn with a
 * Zipf-like bias towards frequent words) in random order; a query is a fresh phrasing of the same kind, so it should find its topic.
 */
final class SyntheticKb {
    private static final Set<String> NO_SPACES = Set.of("zh-Hans", "zh-Hant", "ja", "th", "km", "my");
    private final Map<String, List<String>> vocabulary = new HashMap<>();
    private final long seed;

    SyntheticKb(KnowledgeBase kb, long seed) {
        this.seed = seed;
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (Localization l : kb.localizations) {
            Map<String, Integer> c = counts.computeIfAbsent(l.locale(), k -> new HashMap<>());
            List<String> texts = new ArrayList<>(l.alternates());
            texts.add(l.question());
            texts.add(l.answer());
            for (String t : texts) {
                words(l.locale(), t).forEach(w -> c.merge(w, 1, Integer::sum));
            }
        }
        counts.forEach((locale, c) -> vocabulary.put(locale, c.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).map(Map.Entry::getKey).toList()));
    }

    List<String> locales() {
        return vocabulary.keySet().stream().sorted().toList();
    }

    int vocabularySize(String locale) {
        return vocabulary.get(locale).size();
    }

    /** The phrasings of topic {@code t} in {@code locale}. */
    List<FaqIndex.Phrase> phrases(int t, String locale, int count) {
        List<String> keys = keyWords(t, locale);
        Random random = new Random(seed * 31 + t * 1_000_003L + locale.hashCode());
        List<FaqIndex.Phrase> phrases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phrases.add(new FaqIndex.Phrase(topic(t), locale, phrasing(keys, locale, random)));
        }
        return phrases;
    }

    /** A new phrasing of topic {@code t}, as a resident might ask it. */
    String query(int t, String locale, Random random) {
        return phrasing(keyWords(t, locale), locale, random);
    }

    static String topic(int t) {
        return "topic-" + t;
    }

    private List<String> keyWords(int t, String locale) {
        Random random = new Random(seed + t * 7919L + locale.hashCode() * 31L);
        List<String> v = vocabulary.get(locale);
        Set<String> keys = new LinkedHashSet<>();
        int skip = Math.min(50, v.size() / 10); // key words are distinctive: not among the locale's 50 most frequent
        while (keys.size() < Math.min(4, v.size() - skip)) {
            keys.add(v.get(skip + random.nextInt(v.size() - skip)));
        }
        return new ArrayList<>(keys);
    }

    private String phrasing(List<String> keys, String locale, Random random) {
        List<String> words = new ArrayList<>(keys);
        java.util.Collections.shuffle(words, random);
        words = new ArrayList<>(words.subList(0, Math.min(3, words.size())));
        List<String> v = vocabulary.get(locale);
        int fillers = 2 + random.nextInt(4);
        for (int i = 0; i < fillers; i++) {
            words.add(random.nextInt(words.size() + 1), v.get(zipf(random, v.size())));
        }
        return String.join(NO_SPACES.contains(locale) ? "" : " ", words);
    }

    /** An index in [0, n) drawn with probability falling off like 1/rank (approximately). */
    private static int zipf(Random random, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.exp(random.nextDouble() * Math.log(n + 1.0))) - 1);
    }

    private static List<String> words(String locale, String text) {
        List<String> words = new ArrayList<>();
        if (NO_SPACES.contains(locale)) {
            String letters = text.replaceAll("[^\\p{L}\\p{M}]+", " ");
            for (String run : letters.split(" ")) {
                int[] cps = run.codePoints().toArray();
                boolean three = false;
                for (int i = 0; i + 2 <= cps.length; three = !three) {
                    int length = Math.min(three ? 3 : 2, cps.length - i);
                    words.add(new String(cps, i, length));
                    i += length;
                }
            }
        } else {
            for (String w : text.split("[^\\p{L}\\p{M}\\p{N}'ʻ’-]+")) {
                if (w.length() >= 2) {
                    words.add(w.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return words;
    }
}
