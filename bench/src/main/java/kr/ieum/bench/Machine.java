package kr.ieum.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The machine from {@code /proc}: CPU model, cores, memory; and per-process CPU time and resident memory. */
final class Machine {
    /** Linux clock ticks per second for /proc/<pid>/stat times (USER_HZ, 100 on every common kernel). */
    static final double TICKS = 100.0;

    private Machine() {}

    static String describe() {
        String cpu = line(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String mem = line(Path.of("/proc/meminfo"), "MemTotal").map(l -> l.replaceAll("\\D", "")).map(kb ->
                String.format(Locale.ROOT, "%.1f GiB RAM", Long.parseLong(kb) / 1048576.0)).orElse("RAM unknown");
        String load = loadAverage().map(l -> ", load average at start " + l).orElse("");
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + load;
    }

    /** The 1, 5 and 15 minute load averages. */
    static Optional<String> loadAverage() {
        return read(Path.of("/proc/loadavg")).map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3)));
    }

    /** CPU seconds (user + system) used so far by process {@code pid}, or -1. */
    static double cpuSeconds(long pid) {
        return read(Path.of("/proc/" + pid + "/stat")).map(s -> {
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS; // fields 14 and 15: utime, stime
        }).orElse(-1.0);
    }

    /** Resident memory (VmRSS) of {@code pid} in bytes, or -1. */
    static long rssBytes(long pid) {
        return line(Path.of("/proc/" + pid + "/status"), "VmRSS").map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
    }

    private static Optional<String> line(Path file, String prefix) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
