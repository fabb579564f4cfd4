package kr.ieum.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.ieum.fuzz.Endpoints;
import kr.ieum.fuzz.Tally;

/** Writes {@code bench/results/fuzz.md}. */
final class FuzzReport {
    private static final int FULL = 100_000;

    private FuzzReport() {}

    static void write(int perEndpoint, int rounds, int parallel, List<Endpoints.Endpoint> endpoints, Map<String, Tally> tallies,
            List<FuzzBench.HeapReading> heap, List<String[]> grown, double seconds, Map<String, Long> errorLines, long providerCalls, ServiceProcess service) {
        Report r = new Report("Fuzz" + (perEndpoint < FULL ? " (" + String.format(Locale.ROOT, "%,d", perEndpoint) + " per route)" : ""));
        long total = tallies.values().stream().mapToLong(Tally::count).sum();
        r.text("The packaged service (`java -jar bot/target/ieum-bot.jar`"
                + (System.getProperty("ieum.bench.service.jvm", "").isBlank() ? ", default JVM options" : " with "
                + System.getProperty("ieum.bench.service.jvm"))
                + ") with " + service.database() + ", every channel on (Twilio, Meta, LINE, Telegram, KakaoTalk, web chat) and each"
                + " provider's API at a local stand-in that answers as the provider does, so replies really go out through the outbox;"
                + " web chat rate limits raised so that the fuzzer's messages are parsed rather than turned away. The same generator as"
                + " `FuzzIT` (`kr.ieum.fuzz`, seed 13): each route's valid request bent by a seeded mutator (truncation; fields dropped,"
                + " repeated, swapped, renamed or retyped; nests 100 to 100,000 deep; strings up to 2.5 MB, past the 1 MB request limit;"
                + " NUL and control characters, lone surrogates, bytes that are not UTF-8, direction marks, emoji; SQL, HTML and template"
                + " injections; numbers out of range; wrong or missing Content-Type; repeated form keys and broken escapes; odd paths,"
                + " queries and headers, some sent raw on a socket), signed as each channel signs (about 5 % on purpose not).");
        r.text(String.format(Locale.ROOT, "%,d requests per route × %d routes = %,d requests in %.0f s (%.0f/s), %d in flight, in %d"
                + " rounds (each round sends the next slice of every route). A hang is no answer within 20 s.", perEndpoint, endpoints.size(),
                total, seconds, total / seconds, parallel, rounds));
        if (perEndpoint < FULL) {
            r.text(String.format(Locale.ROOT, "**A smaller run than the issue's 100,000 per route**: at this rate the full run (`bench/run fuzz`)"
                    + " takes about %.0f minutes on this machine (%.0f s × 100,000 / %,d, plus start-up), over the 40 minutes a run here may"
                    + " take. The rate is set by the heaviest routes (the console sign-in computes an Argon2id hash for every well-formed"
                    + " attempt, by design; the poster PDF is drawn for every request), so it scales linearly.", seconds * FULL / perEndpoint / 60,
                    seconds, perEndpoint));
        }
        long serverErrors = tallies.values().stream().mapToLong(Tally::serverErrors).sum();
        long hangs = tallies.values().stream().mapToLong(Tally::hangs).sum();
        long unanswered = tallies.values().stream().mapToLong(Tally::unanswered).sum();
        long leaks = tallies.values().stream().mapToLong(Tally::leaks).sum();
        r.section("Result");
        r.table(List.of("what", "count"), List.of(
                List.of("requests", String.format(Locale.ROOT, "%,d", total)),
                List.of("5xx answers", String.valueOf(serverErrors)),
                List.of("hangs (no answer within 20 s)", String.valueOf(hangs)),
                List.of("requests answered by nothing (connection closed)", String.valueOf(unanswered)),
                List.of("answers with error text (exception, stack trace, SQL, parser words)", String.valueOf(leaks)),
                List.of("connections closed before the answer, on requests over the service's size limits (allowed: RFC 9110 lets a"
                        + " server close after a 413 or 431)", String.valueOf(tallies.values().stream().mapToLong(Tally::closedOverLimits).sum())),
                List.of("ERROR lines in the service's log", String.valueOf(errorLines.values().stream().mapToLong(Long::longValue).sum())),
                List.of("calls the provider stand-in received (replies sent)", String.format(Locale.ROOT, "%,d", providerCalls))));
        if (!errorLines.isEmpty()) {
            r.text("The service log's ERROR lines, by kind (numbers as #):");
            r.table(List.of("logger and message", "lines"), errorLines.entrySet().stream()
                    .map(e -> List.of("`" + e.getKey().replace("|", "\\|") + "`", String.valueOf(e.getValue()))).toList());
        }
        r.section("Per route");
        List<List<String>> rows = new ArrayList<>();
        for (Endpoints.Endpoint e : endpoints) {
            Tally t = tallies.get(e.name());
            rows.add(List.of("`" + e.route() + "`", String.format(Locale.ROOT, "%,d", t.count()), t.statusSummary(),
                    String.valueOf(t.serverErrors()), String.valueOf(t.hangs()), String.valueOf(t.unanswered()), String.valueOf(t.leaks()),
                    Report.num(t.percentileMillis(50), 1), Report.num(t.percentileMillis(99), 1), Report.num(t.percentileMillis(100), 0)));
        }
        r.table(List.of("route", "requests", "statuses (status:count)", "5xx", "hangs", "none", "leaks", "p50 ms", "p99 ms", "max ms"), rows);
        r.text("Latency is from sending to the whole answer, with " + parallel + " requests in flight on the same 2 cores as the service"
                + " and its PostgreSQL; a webhook's is its acknowledgement (the turn and the reply follow asynchronously).");
        List<String> problems = new ArrayList<>();
        tallies.values().forEach(t -> problems.addAll(t.problems()));
        if (!problems.isEmpty()) {
            r.section("Problems (first of each route; regenerate a request from its route, seed 13 and index)");
            r.text(String.join("\n", problems.stream().map(p -> "- " + p.replace("|", "\\|")).toList()));
        }
        r.section("Heap");
        List<List<String>> heapRows = new ArrayList<>();
        for (FuzzBench.HeapReading h : heap) {
            heapRows.add(List.of(h.when(), String.format(Locale.ROOT, "%,d", h.requests()), Heap.mib(h.heapBytes()), Heap.mib(h.rssBytes())));
        }
        r.table(List.of("when", "requests so far", "service heap used after full GC", "service RSS"), heapRows);
        r.text(heapVerdict(heap));
        if (!grown.isEmpty()) {
            r.text("What grew most in live objects from the middle to the end (`jcmd <pid> GC.class_histogram`, which collects first):");
            r.table(List.of("class", "instances", "bytes"), grown.stream().map(g -> List.of("`" + g[0] + "`", g[1], g[2])).toList());
        }
        r.write("fuzz");
    }

    /** Growth after the first round (start-up caches, JIT and the first contacts are in by then) to the end. */
    private static String heapVerdict(List<FuzzBench.HeapReading> heap) {
        if (heap.size() < 3) {
            return "Too few rounds to tell a trend.";
        }
        FuzzBench.HeapReading first = heap.get(1);
        FuzzBench.HeapReading last = heap.get(heap.size() - 1);
        long max = heap.stream().skip(1).mapToLong(FuzzBench.HeapReading::heapBytes).max().orElse(0);
        long min = heap.stream().skip(1).mapToLong(FuzzBench.HeapReading::heapBytes).min().orElse(0);
        return String.format(Locale.ROOT, "Heap in use after a full collection (`jcmd <pid> GC.run` twice, then `GC.heap_info`): %s after the"
                + " first round, %s at the end (%+.1f MiB over %,d more requests); between %s and %s over all rounds after the first."
                + " The heap is sized by the JVM's defaults, so RSS follows what the JVM keeps committed, not what is in use.",
                Heap.mib(first.heapBytes()), Heap.mib(last.heapBytes()), (last.heapBytes() - first.heapBytes()) / 1048576.0,
                last.requests() - first.requests(), Heap.mib(min), Heap.mib(max));
    }
}
