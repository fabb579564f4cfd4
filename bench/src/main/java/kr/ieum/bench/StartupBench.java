package kr.ieum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up to ready, as a user meets it: the packaged service started in a fresh folder (the embedded PostgreSQL's
 * initdb, every migration, the content import, the answer index built and saved), then started again {@code RESTARTS}
 * times in the same folder (the database exists, the content is unchanged, the saved index is read). Ready = the
 * first {@code GET /health} 200, timed from process launch.
 */
public final class StartupBench {
    private static final int RESTARTS = 5;
    private static final Pattern INDEX = Pattern.compile("Answer index ready: (\\d+) localizations(, read from [^ ]+)? in (\\d+) ms");

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ieum-bench-startup-");
        List<List<String>> rows = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        try {
            for (int run = 0; run <= RESTARTS; run++) {
                ServiceProcess service = ServiceProcess.start(Map.of(), List.of(), work);
                service.stop();
                String log = Files.readString(work.resolve("service.log"));
                Matcher m = INDEX.matcher(log);
                String index = m.find() ? (m.group(2) == null ? "built in " : "read in ") + m.group(3) + " ms" : "(not in the log)";
                String what = run == 0 ? "first start (fresh folder)" : "restart " + run;
                System.out.printf("startup: %s: ready in %.2f s, answer index %s%n", what, service.startupSeconds, index);
                rows.add(List.of(what, Report.num(service.startupSeconds, 2) + " s", index));
                if (run > 0) {
                    restarts.add(service.startupSeconds);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        restarts.sort(null);
        Report r = new Report("Start-up");
        r.text("The packaged service (`java -jar bot/target/ieum-bot.jar`, default JVM options, embedded PostgreSQL) started in a"
                + " fresh folder, then " + RESTARTS + " times again in the same folder, each time stopped with SIGTERM once ready."
                + " Ready = the first `GET /health` 200, timed from process launch. The first start runs initdb, every migration,"
                + " imports the content and builds the answer index (then saves it in the background); a restart finds the database,"
                + " checks the content and reads the saved index (README: `IEUM_FAQ_INDEX_CACHE`).");
        r.table(List.of("start", "ready", "answer index (service log)"), rows);
        r.text("Restarts: median " + Report.num(restarts.get(restarts.size() / 2), 2) + " s, best " + Report.num(restarts.get(0), 2)
                + " s, worst " + Report.num(restarts.get(restarts.size() - 1), 2) + " s.");
        r.write("startup");
    }
}
