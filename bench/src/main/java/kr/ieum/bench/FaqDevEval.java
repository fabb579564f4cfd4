package kr.ieum.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code faq-dev/queries.tsv} through {@code POST /api/v1/messages} of the running service, each query from a new
 * contact (so no language or menu carries over): answered with an expected topic, clarified, wrongly answered,
 * out-of-scope declined, reply language right, per language and overall.
 */
final class FaqDevEval {
    record Query(String lang, String text, Set<String> expected) {
        boolean outOfScope() {
            return expected.contains("NONE");
        }
    }

    /** Counts for one language (or all). */
    static final class Tally {
        int queries, inScope, right, clarified, clarifiedWithExpected, wrong, notAnswered, outOfScope, declined, languageRight;

        void add(Tally t) {
            queries += t.queries; inScope += t.inScope; right += t.right; clarified += t.clarified;
            clarifiedWithExpected += t.clarifiedWithExpected; wrong += t.wrong; notAnswered += t.notAnswered;
            outOfScope += t.outOfScope; declined += t.declined; languageRight += t.languageRight;
        }

        List<String> row(String name) {
            return List.of(name, String.valueOf(queries), String.valueOf(inScope), share(right, inScope),
                    share(clarified, inScope) + " (" + clarifiedWithExpected + " offer the expected topic)", share(wrong, inScope),
                    share(notAnswered, inScope), String.valueOf(outOfScope), share(declined, outOfScope), share(languageRight, queries));
        }

        private static String share(int n, int of) {
            return of == 0 ? "—" : Report.pct(100.0 * n / of) + " % (" + n + ")";
        }
    }

    static final List<String> HEADER = List.of("language", "queries", "in scope", "answered with an expected topic", "clarified",
            "wrong answer", "no answer", "out of scope", "out of scope declined", "reply language right");

    private FaqDevEval() {}

    static List<Query> read(Path file) throws IOException {
        List<Query> queries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            queries.add(new Query(f[0], f[1], Set.of(f[2].split("\\|"))));
        }
        return queries;
    }

    /** Per language, plus the overall tally under the key "all". */
    static Map<String, Tally> run(ServiceProcess service, List<Query> queries) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, Tally> perLanguage = new TreeMap<>();
        int n = 0;
        for (Query q : queries) {
            Map<?, ?> r = Http.call(client, Http.postJson(service.uri("/api/v1/messages"),
                    Map.of("from", "faq-dev-" + n++, "text", q.text())));
            String outcome = String.valueOf(r.get("outcome"));
            Tally t = perLanguage.computeIfAbsent(q.lang(), k -> new Tally());
            t.queries++;
            if (q.lang().equals(r.get("language"))) {
                t.languageRight++;
            }
            if (q.outOfScope()) {
                t.outOfScope++;
                if (!"answered".equals(outcome)) {
                    t.declined++;
                }
                continue;
            }
            t.inScope++;
            if ("answered".equals(outcome)) {
                if (q.expected().contains(String.valueOf(r.get("topic")))) {
                    t.right++;
                } else {
                    t.wrong++;
                }
            } else if ("clarify".equals(outcome)) {
                t.clarified++;
                if (r.get("candidates") instanceof List<?> c && c.stream().anyMatch(q.expected()::contains)) {
                    t.clarifiedWithExpected++;
                }
            } else {
                t.notAnswered++;
            }
        }
        Tally all = new Tally();
        perLanguage.values().forEach(all::add);
        Map<String, Tally> result = new java.util.LinkedHashMap<>(perLanguage);
        result.put("all", all);
        return result;
    }
}
