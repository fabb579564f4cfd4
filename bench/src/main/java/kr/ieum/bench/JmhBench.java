package kr.ieum.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue 4.5: JMH micro-benchmarks of the hot paths (package {@code kr.ieum.bench.jmh}): language identification,
 * search, rendering. Short by default (1 fork, 2 × 1 s warm-up, 3 × 1 s measurement); {@code --long} runs 3 forks,
 * 5 × 2 s warm-up and 5 × 2 s measurement. An optional regular expression selects benchmarks, e.g. {@code Search}.
 */
public final class JmhBench {
    private JmhBench() {}

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        boolean longRun = a.contains("--long");
        String include = a.stream().filter(s -> !s.startsWith("--")).findFirst().orElse("kr\\.ieum\\.bench\\.jmh\\..*");
        ChainedOptionsBuilder options = new OptionsBuilder().include(include)
                .forks(longRun ? 3 : 1)
                .warmupIterations(longRun ? 5 : 2).warmupTime(TimeValue.seconds(longRun ? 2 : 1))
                .measurementIterations(longRun ? 5 : 3).measurementTime(TimeValue.seconds(longRun ? 2 : 1))
                .threads(1)
                .jvmArgsAppend("-Xmx1g", "-Dfile.encoding=UTF-8", "-Dieum.project.root=" + BenchEnv.projectRoot());
        Collection<RunResult> results = new Runner(options.build()).run();
        List<List<String>> rows = new ArrayList<>();
        for (RunResult rr : results) {
            var p = rr.getParams();
            String params = String.join(", ", p.getParamsKeys().stream().map(k -> k + "=" + p.getParam(k)).toList());
            var s = rr.getPrimaryResult();
            String name = p.getBenchmark().replace("kr.ieum.bench.jmh.", "");
            rows.add(List.of(name, params.isEmpty() ? "—" : "`" + params.replace("|", "\\|") + "`", // a bare | splits a Markdown cell
                    String.format(Locale.ROOT, "%.3f", s.getScore()),
                    Double.isNaN(s.getScoreError()) ? "—" : String.format(Locale.ROOT, "± %.3f", s.getScoreError()), s.getScoreUnit()));
        }
        Report r = new Report("JMH micro-benchmarks");
        r.text("JMH 1.37, average time per call, single thread, " + (longRun ? "3 forks, 5 × 2 s warm-up, 5 × 2 s measurement"
                : "1 fork, 2 × 1 s warm-up, 3 × 1 s measurement (short: the error bars are wide; `--long` for 3 forks × 5 × 2 s)")
                + ". Language ID: ours next to OpenNLP alone (a new `LanguageDetectorME` per call, as the service does) and Lingua"
                + " 1.2.2 restricted to our 13 shared languages. Search: `FaqIndex.search` over the real `content/` (all locales)."
                + " Rendering: `Messages.render` of a plain message and of one with two arguments.");
        r.table(List.of("benchmark", "parameters", "score", "error (99.9 %)", "unit"), rows);
        r.write(longRun ? "jmh-long" : "jmh");
    }
}
