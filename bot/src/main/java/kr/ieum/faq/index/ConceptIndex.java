package kr.ieum.faq.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The concepts of every phrasing, in memory, scored with BM25 as the word fields are (the same formula and
 * parameters, score divided by the question's score against itself): per phrasing, with each topic's best, and per
 * topic and locale, all its phrasings' concepts together. A question's few concept ids meet every locale's phrasings
 * here. Concept sets repeat (most phrasings of a topic mention the same few concepts), so each distinct set of a topic
 * is scored once: a query costs a pass over the distinct sets, not a search with a stored-field read per phrasing.
 * Writes are rare (a publish) and rebuild an immutable snapshot; reads are lock-free.
 */
final class ConceptIndex {
    private final float k1, b, topicK1, topicB;
    private final double phraseShare;
    /** Topic → locale → the concept sets of its phrasings in that locale (one entry per phrasing, empty sets too). */
    private final Map<String, Map<String, List<Set<String>>>> phrasings = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    ConceptIndex(float k1, float b, float topicK1, float topicB, double phraseShare) {
        this.k1 = k1;
        this.b = b;
        this.topicK1 = topicK1;
        this.topicB = topicB;
        this.phraseShare = phraseShare;
    }

    /** A distinct concept set of a topic's phrasings; a topic/locale's concepts counted together. */
    private record PhraseSet(String topic, String[] concepts) {}

    private record TopicBag(String topic, Map<String, Integer> counts, int length) {}

    private record Stats(Map<String, Integer> df, int docs, double avgLength) {
        double idf(String term) {
            int n = df.getOrDefault(term, 0);
            return Math.log(1 + (docs - n + 0.5) / (n + 0.5));
        }
    }

    private record Snapshot(List<PhraseSet> sets, Stats phraseStats, List<TopicBag> bags, Stats topicStats,
            Map<String, Map<String, Integer>> mentions, Map<String, Integer> phrasingCounts) {
        static final Snapshot EMPTY = new Snapshot(List.of(), new Stats(Map.of(), 0, 1), List.of(), new Stats(Map.of(), 0, 1),
                Map.of(), Map.of());
    }

    /** Replaces the phrasings of the given topic/locale pairs ({@code FaqIndex.key}) with {@code concepts}. */
    synchronized void replace(Collection<String> topicLocaleKeys, Map<String, List<Set<String>>> conceptsByKey) {
        for (String key : topicLocaleKeys) {
            int cut = key.lastIndexOf('/');
            Map<String, List<Set<String>>> perLocale = phrasings.get(key.substring(0, cut));
            if (perLocale != null) {
                perLocale.remove(key.substring(cut + 1));
            }
        }
        conceptsByKey.forEach((key, sets) -> {
            int cut = key.lastIndexOf('/');
            phrasings.computeIfAbsent(key.substring(0, cut), k -> new ConcurrentHashMap<>()).put(key.substring(cut + 1), List.copyOf(sets));
        });
        snapshot = build();
    }

    private Snapshot build() {
        List<PhraseSet> sets = new ArrayList<>();
        Map<String, Integer> phraseDf = new HashMap<>();
        int phraseDocs = 0;
        long phraseTokens = 0;
        List<TopicBag> bags = new ArrayList<>();
        Map<String, Integer> topicDf = new HashMap<>();
        long topicTokens = 0;
        Map<String, Map<String, Integer>> mentions = new HashMap<>();
        Map<String, Integer> phrasingCounts = new HashMap<>();
        for (Map.Entry<String, Map<String, List<Set<String>>>> topic : phrasings.entrySet()) {
            java.util.Set<Set<String>> distinct = new java.util.HashSet<>();
            Map<String, Integer> topicMentions = mentions.computeIfAbsent(topic.getKey(), k -> new HashMap<>());
            for (List<Set<String>> localeSets : topic.getValue().values()) {
                Map<String, Integer> bag = new LinkedHashMap<>();
                int length = 0;
                for (Set<String> set : localeSets) {
                    phrasingCounts.merge(topic.getKey(), 1, Integer::sum);
                    set.forEach(c -> topicMentions.merge(c, 1, Integer::sum));
                    if (set.isEmpty()) {
                        continue;
                    }
                    phraseDocs++;
                    phraseTokens += set.size();
                    set.forEach(c -> phraseDf.merge(c, 1, Integer::sum));
                    if (distinct.add(set)) {
                        sets.add(new PhraseSet(topic.getKey(), set.toArray(String[]::new)));
                    }
                    for (String c : set) {
                        bag.merge(c, 1, Integer::sum);
                    }
                    length += set.size();
                }
                if (length > 0) {
                    bags.add(new TopicBag(topic.getKey(), Map.copyOf(bag), length));
                    topicTokens += length;
                    bag.keySet().forEach(c -> topicDf.merge(c, 1, Integer::sum));
                }
            }
        }
        return new Snapshot(List.copyOf(sets), new Stats(phraseDf, phraseDocs, phraseDocs == 0 ? 1 : (double) phraseTokens / phraseDocs),
                List.copyOf(bags), new Stats(topicDf, bags.size(), bags.isEmpty() ? 1 : (double) topicTokens / bags.size()),
                mentions, phrasingCounts);
    }

    /** Each topic's confidence that it is about {@code asked}: best phrasing and all phrasings together, as FaqIndex mixes them. */
    Map<String, Double> search(Set<String> asked) {
        Snapshot s = snapshot;
        if (asked.isEmpty() || s.sets().isEmpty()) {
            return Map.of();
        }
        Map<String, Double> phrase = new HashMap<>();
        double phraseSelf = self(asked, s.phraseStats(), k1, b);
        for (PhraseSet set : s.sets()) {
            double score = 0;
            double norm = k1 * (1 - b + b * set.concepts().length / s.phraseStats().avgLength());
            for (String c : set.concepts()) {
                if (asked.contains(c)) {
                    score += s.phraseStats().idf(c) / (1 + norm);
                }
            }
            if (score > 0) {
                phrase.merge(set.topic(), score / phraseSelf, Math::max);
            }
        }
        Map<String, Double> topical = new HashMap<>();
        double topicSelf = self(asked, s.topicStats(), topicK1, topicB);
        for (TopicBag bag : s.bags()) {
            double score = 0;
            double norm = topicK1 * (1 - topicB + topicB * bag.length() / s.topicStats().avgLength());
            for (String c : asked) {
                Integer tf = bag.counts().get(c);
                if (tf != null) {
                    score += s.topicStats().idf(c) * tf / (tf + norm);
                }
            }
            if (score > 0) {
                topical.merge(bag.topic(), score / topicSelf, Math::max);
            }
        }
        Map<String, Double> combined = new LinkedHashMap<>();
        phrase.forEach((topic, c) -> combined.put(topic, phraseShare * c + (1 - phraseShare) * topical.getOrDefault(topic, 0.0)));
        topical.forEach((topic, c) -> combined.putIfAbsent(topic, (1 - phraseShare) * c));
        return combined;
    }

    /** The score of the question against itself (each concept once; one never seen has the highest idf). */
    private static double self(Set<String> asked, Stats stats, float k1, float b) {
        double norm = k1 * (1 - b + b * asked.size() / stats.avgLength());
        double score = 0;
        for (String c : asked) {
            score += stats.idf(c) / (1 + norm);
        }
        return score;
    }

    /** The share of {@code topic}'s phrasings, over every locale, that mention {@code concept}. */
    double share(String topic, String concept) {
        Snapshot s = snapshot;
        int phrasingCount = s.phrasingCounts().getOrDefault(topic, 0);
        return phrasingCount == 0 ? 0 : (double) s.mentions().getOrDefault(topic, Map.of()).getOrDefault(concept, 0) / phrasingCount;
    }
}
