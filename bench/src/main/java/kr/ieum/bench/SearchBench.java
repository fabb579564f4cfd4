package kr.ieum.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import kr.ieum.faq.index.FaqIndex;

/**
 * The answer index alone, on the real knowledge base: every faq-dev question searched in its language and in English
 * (the fallback a turn searches when its own language is unsure), in rounds, single thread, in one JVM. For comparing
 * two builds of the index on a noisy machine, where a whole turn's CPU (`bench/run load`) varies by a third between runs:
 * the results' signature says whether the two found the same hits with the same scores.
 */
public final class SearchBench {
    private static final int ROUNDS = 8;
    private static final int PASSES = 5;

    private SearchBench() {}

    public static void main(String[] args) throws Exception {
        Optional<Path> data = BenchEnv.data("faq-dev");
        if (data.isEmpty()) {
            return;
        }
        List<String[]> questions = new ArrayList<>();
        for (String file : List.of("queries.tsv", "queries-2.tsv")) {
            for (String line : Files.readAllLines(data.get().resolve(file), StandardCharsets.UTF_8)) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] cells = line.split("\t");
                    questions.add(new String[] {cells[0], cells[1]});
                }
            }
        }
        float gramWeight = ServiceSettings.load().gramWeight();
        try (FaqIndex index = KnowledgeBase.load().index(gramWeight)) {
            index.compact(); // as the service does after building its index
            StringBuilder results = new StringBuilder();
            for (String[] q : questions) {
                results.append(index.search(q[1], q[0], 8)).append(index.search(q[1], "en", 8));
            }
            String signature = Integer.toHexString(results.toString().hashCode());
            double[] micros = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long t0 = System.nanoTime();
                for (int pass = 0; pass < PASSES; pass++) {
                    for (String[] q : questions) {
                        index.search(q[1], q[0], 8);
                        index.search(q[1], "en", 8);
                    }
                }
                micros[round] = (System.nanoTime() - t0) / 1e3 / (questions.size() * 2.0 * PASSES);
                System.out.printf(Locale.ROOT, "search: round %d, %.1f us per search%n", round + 1, micros[round]);
            }
            double[] settled = java.util.Arrays.copyOfRange(micros, 2, ROUNDS);
            java.util.Arrays.sort(settled);
            Report r = new Report("Search");
            r.text(String.format(Locale.ROOT, "The answer index alone (`FaqIndex`, n-gram weight %.2f), built from `content/` as the"
                    + " service builds it. Each of the %d faq-dev questions (both files) searched in its language and in English, %d"
                    + " passes per round, single thread. The signature is a hash of every hit and score of one pass: two builds with"
                    + " the same signature answer alike.", gramWeight, questions.size(), PASSES));
            List<List<String>> rows = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                rows.add(List.of(String.valueOf(round + 1), Report.num(micros[round], 1)));
            }
            r.table(List.of("round", "µs per search"), rows);
            r.table(List.of("measure", "value"), List.of(
                    List.of("median of rounds 3-8 (the first two warm the JIT up)", Report.num(settled[settled.length / 2], 1) + " µs"),
                    List.of("signature of the hits", "`" + signature + "`")));
            r.write("search");
        }
    }
}
