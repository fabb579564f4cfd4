package kr.ieum.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A results file in Markdown: title, machine, date and exact command, then the benchmark's sections and tables. */
final class Report {
    private final StringBuilder md = new StringBuilder();

    Report(String title) {
        md.append("# ").append(title).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", ""));
        row("command", "`" + command() + "`");
        row("build", "`flock /tmp/ieum-maven.lock mvn -B -q -Pbench -pl bench -am package -DskipTests` (see bench/README.md)");
        row("commit", git());
        row("machine", Machine.describe());
        row("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", max heap "
                + Heap.mib(Runtime.getRuntime().maxMemory()) + ", args " + ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X")).toList());
        row("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        md.append('\n');
    }

    static String command() {
        String c = System.getProperty("ieum.bench.command");
        return c != null ? c : "java " + System.getProperty("sun.java.command");
    }

    private void row(String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    Report section(String title) {
        md.append("## ").append(title).append("\n\n");
        return this;
    }

    Report text(String paragraph) {
        md.append(paragraph).append("\n\n");
        return this;
    }

    Report table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append('\n');
        return this;
    }

    /** Writes {@code bench/results/<name>.md} and prints it. */
    Path write(String name) {
        Machine.loadAverage().ifPresent(l -> md.append("_Load average at the end of the run: ").append(l)
                .append(" (the machine is shared; a load above its core count means the timings above were contended)._\n"));
        Path file = BenchEnv.results().resolve(name + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(md);
        System.out.println("Wrote " + file);
        return file;
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The commit, marked when the working tree had changes other than results files. */
    private static String git() {
        String commit = run("git", "describe", "--always");
        if (commit == null) {
            return "unknown";
        }
        String status = run("git", "status", "--porcelain", "--", ".", ":!bench/results");
        return "`" + commit + "`" + (status == null || status.isEmpty() ? "" : " with uncommitted changes");
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(BenchEnv.projectRoot().toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
