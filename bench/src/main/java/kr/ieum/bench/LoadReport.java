package kr.ieum.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@code bench/results/load.md} (or {@code load-quick.md}). */
final class LoadReport {
    private LoadReport() {}

    static void write(boolean quick, ServiceProcess service, Residents residents, int contacts, boolean twilio, String twilioStatus,
            int seconds, int warmSeconds, int warmRate, List<LoadBench.Step> steps, double[] rebuild) {
        Report r = new Report("Load" + (quick ? " (quick)" : ""));
        r.text("The packaged service (`java -jar bot/target/ieum-bot.jar`"
                + (System.getProperty("ieum.bench.service.jvm", "").isBlank() ? ", default JVM options" : " with " + System.getProperty("ieum.bench.service.jvm"))
                + ") with " + service.database() + ", on the same 2-core machine as the load driver (which competes for the"
                + " CPU; its own use is in the table). " + contacts + " simulated residents in " + residents.languages()
                + " languages, " + residents.questions() + " questions (faq-dev queries and the knowledge base's"
                + " alternate phrasings), each contact repeating question → MENU → a number → question → question. Channels: `api`"
                + (twilio ? " and signed Twilio webhooks (every other contact)." : " only; Twilio webhooks skipped: " + twilioStatus + "."));
        r.text("Open loop: each step sends at a fixed rate for " + seconds + " s, after a " + warmSeconds + " s warm-up at "
                + warmRate + "/s; latency runs from each request's scheduled send time to its complete response, so queueing"
                + " in the driver or the service counts. Errors: non-2xx, connection failures, timeouts (10 s).");
        r.section("Start-up and index");
        List<List<String>> startRows = new ArrayList<>();
        startRows.add(List.of("start-up to ready (process launch → `GET /health` 200, includes the embedded PostgreSQL start,"
                + " migrations, content import and index build)", Report.num(service.startupSeconds, 1) + " s"));
        service.indexBuild().ifPresent(b -> startRows.add(List.of("answer index build at start-up (service log: " + b[0]
                + " localizations)", b[1] + " ms")));
        startRows.add(List.of("index rebuild, whole knowledge base (" + (long) rebuild[3] + " localizations, " + (long) rebuild[4]
                + " phrasings), in-process, best of 3", Report.num(rebuild[0], 0) + " ms"));
        startRows.add(List.of("index refresh after publishing one topic in one locale (median of 40)", Report.num(rebuild[1], 1) + " ms"));
        startRows.add(List.of("index refresh after publishing one topic in all its locales (median of 40)", Report.num(rebuild[2], 1) + " ms"));
        r.table(List.of("what", "time"), startRows);
        r.text("This branch has no HTTP endpoint that publishes content, so the refresh is measured in-process on the real"
                + " `content/` with `FaqIndex.replace`, the call the service's `ContentPublished` listener makes (delete the"
                + " topic/locale's documents, add the new phrasings, refresh the searcher); the database write of a publish is not included.");
        r.section("Steps");
        List<List<String>> rows = new ArrayList<>();
        Integer best = null;
        Integer firstOver = null;
        for (LoadBench.Step s : steps) {
            long[] all = s.all();
            double p99 = LoadBench.ms(LoadBench.pct(all, 99));
            boolean passes = all.length > 0 && p99 <= LoadBench.P99_GOAL_MS && s.errors() == 0 && s.ok() >= 0.95 * s.sent();
            if (passes && firstOver == null) {
                best = s.rate();
            } else if (!passes && firstOver == null) {
                firstOver = s.rate();
            }
            rows.add(List.of(String.valueOf(s.rate()), String.valueOf(s.sent()), Report.num(s.ok() / s.seconds(), 1),
                    f(LoadBench.pct(all, 50)), f(LoadBench.pct(all, 95)), f(LoadBench.pct(all, 99)), f(all.length == 0 ? -1 : all[all.length - 1]),
                    String.valueOf(s.errors()), Report.num(s.serviceCpu(), 0) + " %", Report.num(s.postgresCpu(), 0) + " %",
                    Report.num(s.benchCpu(), 0) + " %", Heap.mib(s.serviceRss()), Heap.mib(s.postgresRss())));
        }
        r.table(List.of("offered /s", "sent", "completed /s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "service CPU",
                "PostgreSQL CPU", "driver CPU", "service RSS (max)", "PostgreSQL RSS (max, summed)"), rows);
        if (twilio) {
            List<List<String>> ch = new ArrayList<>();
            for (LoadBench.Step s : steps) {
                ch.add(List.of(String.valueOf(s.rate()), f(LoadBench.pct(s.apiNanos(), 50)), f(LoadBench.pct(s.apiNanos(), 99)),
                        f(LoadBench.pct(s.twilioNanos(), 50)), f(LoadBench.pct(s.twilioNanos(), 99))));
            }
            r.table(List.of("offered /s", "api p50 ms", "api p99 ms", "Twilio p50 ms", "Twilio p99 ms"), ch);
        }
        r.text("CPU = CPU time used during the step ÷ its wall time (100 % = one core; the machine has "
                + Runtime.getRuntime().availableProcessors() + "), from `/proc/<pid>/stat`. RSS = the highest `VmRSS` of"
                + " `/proc/<pid>/status` sampled every 250 ms; PostgreSQL's is summed over its processes (which counts shared"
                + " buffers more than once).");
        r.section("Where p99 passes " + (int) LoadBench.P99_GOAL_MS + " ms");
        r.text((best == null ? "No step kept p99 ≤ " + (int) LoadBench.P99_GOAL_MS + " ms without errors."
                : "Highest offered rate with p99 ≤ " + (int) LoadBench.P99_GOAL_MS + " ms, no errors and the offered rate completed: **"
                + best + " messages/s**.")
                + (firstOver == null ? " No step went over (the steps stop at " + steps.get(steps.size() - 1).rate() + "/s)."
                : " The first step over it: " + firstOver + "/s."));
        r.write(quick ? "load-quick" : "load");
    }

    private static String f(long nanos) {
        return nanos < 0 ? "—" : String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
