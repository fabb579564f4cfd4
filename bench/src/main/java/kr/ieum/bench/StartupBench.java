package kr.ieum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up to ready, as a user meets it: the packaged service started in a fresh folder (the embedded PostgreSQL's
 * initdb, every migration, the content import, the answer index built and saved), then started again {@code RESTARTS}
 * times in the same folder (the database exists, the content is unchanged, the saved index is read), each restart
 * once as {@code java -jar} alone and once with the class-data sharing archive the image makes
 * ({@code docker/cds-classes.txt}, {@code -Xshare:dump}), alternately, so that both meet the same machine. Ready = the
 * first {@code GET /health} 200, timed from process launch.
 */
public final class StartupBench {
    private static final int RESTARTS = 5;
    private static final Pattern INDEX = Pattern.compile("Answer index ready: (\\d+) localizations(, read from [^ ]+)? in (\\d+) ms");

    private StartupBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ieum-bench-startup-");
        Path root = BenchEnv.projectRoot();
        List<List<String>> rows = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> shared = new ArrayList<>();
        double dumpSeconds;
        try {
            Path archive = work.resolve("ieum.jsa");
            long d0 = System.nanoTime();
            Process dump = new ProcessBuilder("java", "-Xshare:dump", "-XX:SharedClassListFile=" + root.resolve("docker/cds-classes.txt"),
                    "-XX:SharedArchiveFile=" + archive, "-cp", root.resolve("bot/target/ieum-bot.jar").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("cds-dump.log").toFile()).start();
            if (!dump.waitFor(5, TimeUnit.MINUTES) || dump.exitValue() != 0 || !Files.isRegularFile(archive)) {
                throw new IllegalStateException("the class-data sharing archive was not made; see " + work.resolve("cds-dump.log"));
            }
            dumpSeconds = (System.nanoTime() - d0) / 1e9;
            System.out.printf("startup: class-data sharing archive made in %.1f s%n", dumpSeconds);
            run(work, List.of(), "first start (fresh folder)", rows, null);
            for (int i = 1; i <= RESTARTS; i++) {
                run(work, List.of(), "restart " + i + ", `java -jar`", rows, plain);
                run(work, List.of("-XX:SharedArchiveFile=" + archive), "restart " + i + ", with the archive", rows, shared);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Report r = new Report("Start-up");
        r.text("The packaged service (`java -jar bot/target/ieum-bot.jar`, default JVM options, embedded PostgreSQL) started in a"
                + " fresh folder, then " + RESTARTS + " times again in the same folder as `java -jar` alone and " + RESTARTS + " times with"
                + " the class-data sharing archive the image makes (`java -Xshare:dump -XX:SharedClassListFile=docker/cds-classes.txt"
                + " -XX:SharedArchiveFile=ieum.jsa -cp bot/target/ieum-bot.jar`, made here in " + Report.num(dumpSeconds, 1) + " s; then"
                + " `java -XX:SharedArchiveFile=ieum.jsa -jar ...`), alternately, each time stopped with SIGTERM once ready."
                + " Ready = the first `GET /health` 200, timed from process launch. The first start runs initdb, every migration,"
                + " imports the content and builds the answer index (then saves it in the background); a restart finds the database,"
                + " checks the content and reads the saved index (README: `IEUM_FAQ_INDEX_CACHE`).");
        r.table(List.of("start", "ready", "answer index (service log)"), rows);
        r.text("Restarts, `java -jar`: " + summary(plain) + ". With the archive: " + summary(shared) + ".");
        r.write("startup");
    }

    private static void run(Path work, List<String> jvm, String what, List<List<String>> rows, List<Double> times) throws Exception {
        ServiceProcess service = ServiceProcess.start(Map.of(), jvm, work);
        service.stop();
        String log = Files.readString(work.resolve("service.log"));
        Matcher m = INDEX.matcher(log);
        String index = m.find() ? (m.group(2) == null ? "built in " : "read in ") + m.group(3) + " ms" : "(not in the log)";
        System.out.printf("startup: %s: ready in %.2f s, answer index %s%n", what, service.startupSeconds, index);
        rows.add(List.of(what, Report.num(service.startupSeconds, 2) + " s", index));
        if (times != null) {
            times.add(service.startupSeconds);
        }
    }

    private static String summary(List<Double> times) {
        List<Double> sorted = new ArrayList<>(times);
        sorted.sort(null);
        return "median " + Report.num(sorted.get(sorted.size() / 2), 2) + " s, best " + Report.num(sorted.get(0), 2) + " s, worst "
                + Report.num(sorted.get(sorted.size() - 1), 2) + " s";
    }
}
