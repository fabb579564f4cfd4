package kr.ieum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.ieum.fuzz.Endpoints;
import kr.ieum.fuzz.FuzzRun;
import kr.ieum.fuzz.FuzzSetup;
import kr.ieum.fuzz.Preparation;
import kr.ieum.fuzz.ProviderStandIn;
import kr.ieum.fuzz.Sender;
import kr.ieum.fuzz.Tally;

/**
 * Issue 13, the long fuzz: the packaged service with every channel on (the provider APIs at a local stand-in), and
 * {@code --per-endpoint N} (default 100,000) generated requests for each route open without a staff login, made by the
 * same generator as {@code FuzzIT} ({@code kr.ieum.fuzz}, from the bot's test jar). The routes take turns in
 * {@code --rounds} rounds, so that the service's heap after a full collection, read between rounds ({@code jcmd
 * GC.run}, then {@code GC.heap_info}), shows whether anything accumulates. Counts per route: statuses, 5xx, hangs (no
 * answer within 20 s), requests answered by nothing, answers with error text, latency.
 */
public final class FuzzBench {
    private static final long SEED = 13;
    private static final int TIMEOUT_SECONDS = 20;
    private static final String ADMIN = "fuzz-admin";
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*");
    private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ ERROR (\\S+ - .*)$");

    /** The service's heap after a full collection, and its resident memory, after {@code requests} requests. */
    record HeapReading(String when, long requests, long heapBytes, long rssBytes) {}

    private FuzzBench() {}

    public static void main(String[] args) throws Exception {
        int perEndpoint = intOption(args, "--per-endpoint", 100_000);
        int rounds = Math.max(1, Math.min(perEndpoint, intOption(args, "--rounds", 10)));
        int parallel = intOption(args, "--parallel", 4);
        String adminPassword = "fuzz bench password " + System.nanoTime();
        System.out.printf("fuzz: %,d requests per route, %d rounds, %d in flight; starting the packaged service ...%n", perEndpoint, rounds,
                parallel);
        try (ProviderStandIn providers = new ProviderStandIn();
                ServiceProcess service = ServiceProcess.start(Map.of(), jvmArgs(FuzzSetup.properties(providers.url())))) {
            System.out.printf("fuzz: ready in %.1f s (pid %d, %s)%n", service.startupSeconds, service.pid(), service.database());
            if (service.command(adminPassword + "\n", "admin", "create-user", ADMIN, "--roles", "admin", "--password-stdin") != 0) {
                throw new IllegalStateException("admin create-user failed; see " + service.workDir.resolve("command.log"));
            }
            Preparation prepare = new Preparation(service.uri("/"));
            prepare.campaign(ADMIN, adminPassword, "fuzzcamp");
            FuzzSetup setup = new FuzzSetup(providers.url(), "fuzzcamp", prepare.webchatSessions(FuzzSetup.WEBCHAT_SESSIONS),
                    System.currentTimeMillis());
            List<Endpoints.Endpoint> endpoints = Endpoints.all(setup);
            Map<String, Tally> tallies = new LinkedHashMap<>();
            endpoints.forEach(e -> tallies.put(e.name(), new Tally(e.name())));
            Sender sender = new Sender("127.0.0.1", service.port, Duration.ofSeconds(TIMEOUT_SECONDS));
            List<HeapReading> heap = new ArrayList<>();
            heap.add(reading("start (after start-up and preparation)", 0, service));
            System.out.printf("fuzz: heap after GC at start %s%n", Heap.mib(heap.get(0).heapBytes()));
            AtomicLong done = new AtomicLong();
            long total = (long) perEndpoint * endpoints.size();
            Thread progress = progress(done, total, tallies);
            long t0 = System.nanoTime();
            Map<String, long[]> middle = Map.of();
            for (int round = 0; round < rounds; round++) {
                int from = (int) ((long) perEndpoint * round / rounds);
                int to = (int) ((long) perEndpoint * (round + 1) / rounds);
                for (Endpoints.Endpoint e : endpoints) {
                    Tally tally = tallies.get(e.name());
                    FuzzRun.run(e, SEED, from, to, parallel, sender, o -> {
                        tally.add(o);
                        done.incrementAndGet();
                    });
                }
                String when = round == rounds - 1 ? "end" : round == (rounds - 1) / 2 ? "middle (after round " + (round + 1) + ")"
                        : "after round " + (round + 1);
                heap.add(reading(when, done.get(), service));
                if (round == (rounds - 1) / 2) {
                    middle = histogram(service.pid());
                }
                System.out.printf(Locale.ROOT, "fuzz: round %d/%d done, %,d requests in %.0f s, heap after GC %s%n", round + 1, rounds,
                        done.get(), (System.nanoTime() - t0) / 1e9, Heap.mib(heap.get(heap.size() - 1).heapBytes()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            progress.interrupt();
            List<String[]> grown = grown(middle, histogram(service.pid()));
            Map<String, Long> errorLines = errorLines(service.workDir.resolve("service.log"));
            FuzzReport.write(perEndpoint, rounds, parallel, endpoints, tallies, heap, grown, seconds, errorLines, providers.calls(), service);
        }
    }

    private static List<String> jvmArgs(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("-D" + k + "=" + v));
        return args;
    }

    private static Thread progress(AtomicLong done, long total, Map<String, Tally> tallies) {
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(15_000);
                } catch (InterruptedException e) {
                    return;
                }
                long n = done.get();
                double s = (System.nanoTime() - t0) / 1e9;
                long serverErrors = tallies.values().stream().mapToLong(Tally::serverErrors).sum();
                long hangs = tallies.values().stream().mapToLong(Tally::hangs).sum();
                long leaks = tallies.values().stream().mapToLong(Tally::leaks).sum();
                System.out.printf(Locale.ROOT, "fuzz: %,d / %,d requests (%.1f %%), %.0f/s, 5xx %d, hangs %d, leaks %d, about %.0f min to go%n",
                        n, total, 100.0 * n / total, n / s, serverErrors, hangs, leaks, n == 0 ? 0 : (total - n) * s / n / 60);
            }
        }, "fuzz-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Heap in use after a full collection in the service ({@code jcmd <pid> GC.run}, twice, then {@code GC.heap_info}). */
    private static HeapReading reading(String when, long requests, ServiceProcess service) throws IOException, InterruptedException {
        jcmd(service.pid(), "GC.run");
        jcmd(service.pid(), "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(service.pid(), "GC.heap_info"));
        long heap = m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
        return new HeapReading(when, requests, heap, Machine.rssBytes(service.pid()));
    }

    /** Live objects by class ({@code jcmd <pid> GC.class_histogram}, which collects first): class → [instances, bytes]. */
    private static Map<String, long[]> histogram(long pid) throws IOException, InterruptedException {
        Map<String, long[]> classes = new java.util.HashMap<>();
        for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.matches()) {
                classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return classes;
    }

    /** The classes whose live bytes grew most from {@code before} to {@code after}: [class, instances +, bytes +]. */
    private static List<String[]> grown(Map<String, long[]> before, Map<String, long[]> after) {
        List<String[]> rows = new ArrayList<>();
        after.entrySet().stream().map(e -> {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
        }).sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1])).limit(8).forEach(e -> rows.add(new String[] {e.getKey(),
                String.format(Locale.ROOT, "%+d", e.getValue()[0]), String.format(Locale.ROOT, "%+.1f KiB", e.getValue()[1] / 1024.0)}));
        return rows;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    /**
     * The service log's ERROR lines (the log never holds message bodies), counted by logger and message with numbers
     * as {@code #}, so that one failure retried eight times reads as one kind.
     */
    private static Map<String, Long> errorLines(Path log) throws IOException {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            lines.map(ERROR_LINE::matcher).filter(Matcher::matches)
                    .forEach(m -> kinds.merge(m.group(1).replaceAll("\\d+", "#"), 1L, Long::sum));
        } catch (java.io.UncheckedIOException e) {
            kinds.put("(the log could not be read)", 1L);
        }
        return kinds;
    }

    private static int intOption(String[] args, String name, int dflt) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1].replace("_", "").replace(",", ""));
            }
        }
        return dflt;
    }
}
