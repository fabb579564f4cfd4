package kr.ieum.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import kr.ieum.faq.index.FaqIndex;
import kr.ieum.faq.index.TopicHit;

/**
 * Issue 4.4: scale of content. A synthetic knowledge base ({@link SyntheticKb}) of 10,000 topics in each of the 20
 * locales, 3 phrasings each (600,000 documents), indexed with {@link FaqIndex} as the service indexes content:
 * build time, heap, query latency, refresh after a publish. {@code --quick}: 1,000 topics. {@code --topics N}.
 */
public final class ScaleBench {
    private static final int PHRASINGS = 3;
    private static final int BATCH = 500;

    private ScaleBench() {}

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        boolean quick = a.contains("--quick");
        int topics = a.contains("--topics") ? Integer.parseInt(a.get(a.indexOf("--topics") + 1)) : quick ? 1_000 : 10_000;
        float gramWeight = ServiceSettings.load().gramWeight();
        SyntheticKb kb = new SyntheticKb(KnowledgeBase.load(), 1);
        List<String> locales = kb.locales();
        long heap0 = Heap.usedAfterGc();
        long docs = 0;
        long t0 = System.nanoTime();
        FaqIndex index = new FaqIndex(gramWeight);
        for (int from = 0; from < topics; from += BATCH) {
            Set<String> keys = new LinkedHashSet<>();
            List<FaqIndex.Phrase> phrases = new ArrayList<>();
            for (int t = from; t < Math.min(topics, from + BATCH); t++) {
                for (String locale : locales) {
                    keys.add(FaqIndex.key(SyntheticKb.topic(t), locale));
                    phrases.addAll(kb.phrases(t, locale, PHRASINGS));
                }
            }
            index.replace(keys, phrases);
            docs += phrases.size();
            System.out.printf(Locale.ROOT, "scale: %,d of %,d topics indexed (%.0f s)%n", Math.min(topics, from + BATCH), topics,
                    (System.nanoTime() - t0) / 1e9);
        }
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long c0 = System.nanoTime();
        index.compact(); // as the service does after building its index at start-up
        double compactSeconds = (System.nanoTime() - c0) / 1e9;
        long heap1 = Heap.usedAfterGc();

        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) { // warm-up
            int t = random.nextInt(topics);
            index.search(kb.query(t, locales.get(i % locales.size()), random), locales.get(i % locales.size()), 3);
        }
        int queries = 5_000;
        long[] nanos = new long[queries];
        int right = 0;
        for (int i = 0; i < queries; i++) {
            int t = random.nextInt(topics);
            String locale = locales.get(random.nextInt(locales.size()));
            String q = kb.query(t, locale, random);
            long s = System.nanoTime();
            List<TopicHit> hits = index.search(q, locale, 3);
            nanos[i] = System.nanoTime() - s;
            if (!hits.isEmpty() && hits.get(0).topic().equals(SyntheticKb.topic(t))) {
                right++;
            }
        }
        java.util.Arrays.sort(nanos);
        List<Double> refresh = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int t = random.nextInt(topics);
            String locale = locales.get(random.nextInt(locales.size()));
            long s = System.nanoTime();
            index.replace(Set.of(FaqIndex.key(SyntheticKb.topic(t), locale)), kb.phrases(t, locale, PHRASINGS));
            refresh.add((System.nanoTime() - s) / 1e6);
        }
        refresh.sort(null);
        index.close();

        Report r = new Report("Scale of content" + (quick ? " (quick)" : ""));
        r.text(String.format(Locale.ROOT, "Synthetic knowledge base: %,d topics × %d locales × %d phrasings = %,d documents, built from"
                + " each locale's real vocabulary in `content/` (%,d to %,d distinct words per locale): every topic has four key"
                + " words of its own (uniform, not among the locale's 50 most frequent); a phrasing is three of them plus 2-5 filler words (biased towards frequent words, like 1/rank); a query is a fresh phrasing of a random"
                + " topic in a random locale. Indexed with `FaqIndex` (the service's analyzers, words + n-gram fields, n-gram"
                + " weight %.2f) in batches of %d topics (all locales), each batch one `replace` call as a publish makes.",
                topics, locales.size(), PHRASINGS, docs, locales.stream().mapToInt(kb::vocabularySize).min().orElse(0),
                locales.stream().mapToInt(kb::vocabularySize).max().orElse(0), gramWeight, BATCH));
        r.table(List.of("measure", "value"), List.of(
                List.of("documents (phrasings)", String.format(Locale.ROOT, "%,d", docs)),
                List.of("index build time", Report.num(buildSeconds, 1) + " s (" + String.format(Locale.ROOT, "%,.0f", docs / buildSeconds) + " phrasings/s)"),
                List.of("merging it into one segment (`FaqIndex.compact`, as the service does after a build)", Report.num(compactSeconds, 1) + " s"),
                List.of("heap held by the index (used heap after GC, after − before)", Heap.mib(heap1 - heap0)),
                List.of("query latency p50 / p95 / p99 / max (" + queries + " queries, single thread, after 2,000 warm-up)",
                        f(nanos[queries / 2]) + " / " + f(nanos[(int) (queries * 0.95)]) + " / " + f(nanos[(int) (queries * 0.99)]) + " / "
                                + f(nanos[queries - 1]) + " ms"),
                List.of("query found its synthetic topic first (sanity check, not a quality figure)", Report.pct(100.0 * right / queries) + " %"),
                List.of("refresh after publishing one topic in one locale, median / max of 20", Report.num(refresh.get(10), 1) + " / "
                        + Report.num(refresh.get(19), 1) + " ms")));
        r.text("For comparison, the real knowledge base (32 topics × 20 locales, ~8,000 phrasings) builds in about half a second"
                + " (see load results).");
        r.write(quick ? "scale-quick" : "scale");
    }

    private static String f(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
