package kr.ieum.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The packaged service ({@code bot/target/ieum-bot.jar}) started as users start it, in a fresh temporary working
 * directory: its own embedded PostgreSQL there (or the database of {@code DATABASE_URL} when that is set), content
 * and locales from the project, a free port. Its log goes to {@code service.log} in that directory (it never holds
 * message bodies); the directory is deleted on close.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern INDEX_READY = Pattern.compile("Answer index ready: (\\d+) localizations in (\\d+) ms");

    final Process process;
    final int port;
    final Path workDir;
    final double startupSeconds;

    private final Map<String, String> environment;

    private ServiceProcess(Process process, int port, Path workDir, double startupSeconds, Map<String, String> environment) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.startupSeconds = startupSeconds;
        this.environment = environment;
    }

    /**
     * Runs the jar's command line ({@code admin create-user ...}) as an operator would beside the running service: same
     * folder, same environment, so it uses the service's embedded PostgreSQL. {@code input} goes to its standard input.
     */
    int command(String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", BenchEnv.projectRoot().resolve("bot/target/ieum-bot.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("command.log").toFile()));
        pb.environment().putAll(environment);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        return p.waitFor();
    }

    /** Starts the service and waits until {@code GET /health} answers 200; {@code env} is added to the environment. */
    static ServiceProcess start(Map<String, String> env) throws IOException, InterruptedException {
        return start(env, List.of());
    }

    /** As {@link #start(Map)}, with {@code jvmArgs} (e.g. {@code -Dname=value}) before {@code -jar}. */
    static ServiceProcess start(Map<String, String> env, List<String> jvmArgs) throws IOException, InterruptedException {
        return start(env, jvmArgs, Files.createTempDirectory("ieum-bench-"));
    }

    /**
     * As {@link #start(Map, List)}, in {@code work} (a folder a previous start used: its data folder, database and saved
     * index are those of that start, as when a user starts the service again).
     */
    static ServiceProcess start(Map<String, String> env, List<String> jvmArgs, Path work) throws IOException, InterruptedException {
        Path root = BenchEnv.projectRoot();
        Path jar = root.resolve("bot/target/ieum-bot.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with mvn -B -q -Pbench -pl bench -am package -DskipTests");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("java"));
        String jvm = System.getProperty("ieum.bench.service.jvm", "");
        if (!jvm.isBlank()) {
            command.addAll(List.of(jvm.trim().split("\\s+")));
        }
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("service.log").toFile());
        byte[] key = masterKey(work);
        pb.environment().put("IEUM_DATA_DIR", work.resolve("data").toString());
        pb.environment().put("IEUM_CONTENT_PATH", BenchEnv.content().toString());
        pb.environment().put("IEUM_LOCALES_PATH", BenchEnv.locales().toString());
        pb.environment().put("IEUM_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        pb.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        pb.environment().putAll(env);
        Map<String, String> environment = Map.copyOf(pb.environment());
        long t0 = System.nanoTime();
        Process process = pb.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = t0 + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; log:\n" + tail(work));
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new ServiceProcess(process, port, work, (System.nanoTime() - t0) / 1e9, environment);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not ready within 3 minutes; log:\n" + tail(work));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String database() {
        return System.getenv("DATABASE_URL") != null ? "external PostgreSQL (DATABASE_URL)" : "embedded PostgreSQL (zonky, in a temporary folder)";
    }

    /** The service's own log line about building the answer index at start-up: [localizations, ms]. */
    Optional<long[]> indexBuild() {
        try {
            Matcher m = INDEX_READY.matcher(Files.readString(workDir.resolve("service.log"), StandardCharsets.UTF_8));
            return m.find() ? Optional.of(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))}) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    long pid() {
        return process.pid();
    }

    /** The embedded PostgreSQL's processes (the postmaster whose command line names our folder, and its children). */
    List<Long> postgresPids() {
        String dir = workDir.toString();
        List<Long> pids = new ArrayList<>();
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(dir) && c.contains("postgres")).orElse(false))
                .forEach(p -> {
                    pids.add(p.pid());
                    p.descendants().forEach(d -> pids.add(d.pid()));
                });
        return pids.stream().distinct().toList();
    }

    /** The master key of the service started in {@code work}: made once, kept beside it so a restart reads its data. */
    private static byte[] masterKey(Path work) throws IOException {
        Path file = work.resolve("bench-master.key");
        if (Files.exists(file)) {
            return Files.readAllBytes(file);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(file, key);
        return key;
    }

    /** Stops the service as a user would (SIGTERM), keeping its folder for a restart. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String tail(Path work) {
        try {
            List<String> lines = Files.readAllLines(work.resolve("service.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
