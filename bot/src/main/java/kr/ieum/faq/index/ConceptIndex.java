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
 * is scored once, through postings per concept with each contribution precomputed: a query touches only the sets that
 * mention one of its concepts.
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

    /** A concept's postings: the sets (or bags) that mention it, with its BM25 contribution to each. */
    private record Postings(int[] docs, double[] weights) {}

    private record Snapshot(List<PhraseSet> sets, Stats phraseStats, List<TopicBag> bags, Stats topicStats,
            Map<String, Map<String, Integer>> mentions, Map<String, Integer> phrasingCounts,
            Map<String, Postings> phrasePostings, Map<String, Postings> topicPostings) {
        static final Snapshot EMPTY = new Snapshot(List.of(), new Stats(Map.of(), 0, 1), List.of(), new Stats(Map.of(), 0, 1),
                Map.of(), Map.of(), Map.of(), Map.of());
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
        Stats phraseStats = new Stats(phraseDf, phraseDocs, phraseDocs == 0 ? 1 : (double) phraseTokens / phraseDocs);
        Stats topicStats = new Stats(topicDf, bags.size(), bags.isEmpty() ? 1 : (double) topicTokens / bags.size());
        Map<String, List<double[]>> phraseLists = new HashMap<>();
        for (int i = 0; i < sets.size(); i++) {
            String[] concepts = sets.get(i).concepts();
            double norm = k1 * (1 - b + b * concepts.length / phraseStats.avgLength());
            for (String c : concepts) {
                phraseLists.computeIfAbsent(c, k -> new ArrayList<>()).add(new double[] {i, phraseStats.idf(c) / (1 + norm)});
            }
        }
        Map<String, List<double[]>> topicLists = new HashMap<>();
        for (int i = 0; i < bags.size(); i++) {
            TopicBag bag = bags.get(i);
            double norm = topicK1 * (1 - topicB + topicB * bag.length() / topicStats.avgLength());
            for (Map.Entry<String, Integer> e : bag.counts().entrySet()) {
                int tf = e.getValue();
                topicLists.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {i, topicStats.idf(e.getKey()) * tf / (tf + norm)});
            }
        }
        return new Snapshot(List.copyOf(sets), phraseStats, List.copyOf(bags), topicStats, mentions, phrasingCounts,
                postings(phraseLists), postings(topicLists));
    }

    private static Map<String, Postings> postings(Map<String, List<double[]>> lists) {
        Map<String, Postings> out = new HashMap<>();
        lists.forEach((concept, list) -> {
            int[] docs = new int[list.size()];
            double[] weights = new double[list.size()];
            for (int j = 0; j < list.size(); j++) {
                docs[j] = (int) list.get(j)[0];
                weights[j] = list.get(j)[1];
            }
            out.put(concept, new Postings(docs, weights));
        });
        return Map.copyOf(out);
    }

    /** Each topic's confidence that it is about {@code asked}: best phrasing and all phrasings together, as FaqIndex mixes them. */
    Map<String, Double> search(Set<String> asked) {
        Snapshot s = snapshot;
        if (asked.isEmpty() || s.sets().isEmpty()) {
            return Map.of();
        }
        Map<String, Double> phrase = best(asked, s.phrasePostings(), s.sets().size(), i -> s.sets().get(i).topic(),
                self(asked, s.phraseStats(), k1, b));
        Map<String, Double> topical = best(asked, s.topicPostings(), s.bags().size(), i -> s.bags().get(i).topic(),
                self(asked, s.topicStats(), topicK1, topicB));
        Map<String, Double> combined = new LinkedHashMap<>();
        phrase.forEach((topic, c) -> combined.put(topic, phraseShare * c + (1 - phraseShare) * topical.getOrDefault(topic, 0.0)));
        topical.forEach((topic, c) -> combined.putIfAbsent(topic, (1 - phraseShare) * c));
        return combined;
    }

    /**
     * Sums the asked concepts' precomputed BM25 contributions over their postings (only the sets or bags that mention
     * one of them are touched), then keeps each topic's best, divided by {@code self}.
     */
    private static Map<String, Double> best(Set<String> asked, Map<String, Postings> postings, int size,
            java.util.function.IntFunction<String> topicOf, double self) {
        double[] scores = null;
        for (String c : asked) {
            Postings p = postings.get(c);
            if (p == null) {
                continue;
            }
            if (scores == null) {
                scores = new double[size];
            }
            for (int j = 0; j < p.docs().length; j++) {
                scores[p.docs()[j]] += p.weights()[j];
            }
        }
        Map<String, Double> best = new HashMap<>();
        if (scores == null) {
            return best;
        }
        for (int i = 0; i < size; i++) {
            if (scores[i] > 0) {
                best.merge(topicOf.apply(i), scores[i] / self, Math::max);
            }
        }
        return best;
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

    /**
     * Every topic/locale's phrasing concepts, one line each: the key, then a tab before each phrasing's concepts
     * (comma-separated, possibly none). {@link #parse} reads it back.
     */
    synchronized List<String> export() {
        List<String> lines = new ArrayList<>();
        phrasings.forEach((topic, perLocale) -> perLocale.forEach((locale, sets) -> {
            StringBuilder line = new StringBuilder(topic).append('/').append(locale);
            for (Set<String> set : sets) {
                line.append('\t').append(String.join(",", set));
            }
            lines.add(line.toString());
        }));
        return lines;
    }

    static Map<String, List<Set<String>>> parse(List<String> lines) {
        Map<String, List<Set<String>>> byKey = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.split("\t", -1);
            List<Set<String>> sets = new ArrayList<>();
            for (int i = 1; i < fields.length; i++) {
                sets.add(fields[i].isEmpty() ? Set.of() : new java.util.LinkedHashSet<>(List.of(fields[i].split(","))));
            }
            byKey.put(fields[0], sets);
        }
        return byKey;
    }

    /** The share of {@code topic}'s phrasings, over every locale, that mention {@code concept}. */
    double share(String topic, String concept) {
        Snapshot s = snapshot;
        int phrasingCount = s.phrasingCounts().getOrDefault(topic, 0);
        return phrasingCount == 0 ? 0 : (double) s.mentions().getOrDefault(topic, Map.of()).getOrDefault(concept, 0) / phrasingCount;
    }
}
