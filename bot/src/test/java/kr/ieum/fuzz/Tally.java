package kr.ieum.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One route's results: answers by status, server errors, hangs, requests answered by nothing (apart from those over the
 * service's size limits, which it may refuse by closing the connection), leaked error text,
 * latencies; and the first few problems, described without their bodies (regenerate a body from its route, seed and
 * index with {@link Endpoints.Endpoint#request}).
 */
public final class Tally {
    private static final int KEPT = 20;
    public final String endpoint;
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private long[] nanos = new long[1024];
    private int count;
    private long serverErrors;
    private long hangs;
    private long unanswered;
    private long closedOverLimits;
    private long leaks;

    public Tally(String endpoint) {
        this.endpoint = endpoint;
    }

    public synchronized void add(Sender.Outcome o) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = o.nanos();
        statuses.merge(o.status(), 1L, Long::sum);
        String problem = null;
        if (o.hang()) {
            hangs++;
            problem = "hang: " + o.failure();
        } else if (!o.answered() && o.request().overLimits()) {
            closedOverLimits++;
        } else if (!o.answered()) {
            unanswered++;
            problem = "no answer: " + o.failure();
        } else if (o.serverError()) {
            serverErrors++;
            problem = "status " + o.status();
        }
        if (o.leak() != null) {
            leaks++;
            problem = (problem == null ? "" : problem + ", ") + "leaked \"" + o.leak().replace("\t", "\\t") + "\" (status " + o.status() + ")";
        }
        if (problem != null && problems.size() < KEPT) {
            problems.add(problem + ": " + o.request().describe());
        }
    }

    public synchronized int count() {
        return count;
    }

    public synchronized long serverErrors() {
        return serverErrors;
    }

    public synchronized long hangs() {
        return hangs;
    }

    public synchronized long unanswered() {
        return unanswered;
    }

    /** Requests over the service's size limits whose connection was closed before an answer came (see {@link FuzzRequest#overLimits}). */
    public synchronized long closedOverLimits() {
        return closedOverLimits;
    }

    public synchronized long leaks() {
        return leaks;
    }

    public synchronized Map<Integer, Long> statuses() {
        return new TreeMap<>(statuses);
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** The {@code p}th percentile latency in milliseconds. */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, i))] / 1e6;
    }

    public synchronized String statusSummary() {
        StringBuilder b = new StringBuilder();
        statuses.forEach((s, n) -> b.append(b.length() == 0 ? "" : " ").append(s == Sender.HANG ? "hang" : s == Sender.NO_ANSWER ? "none" : s)
                .append(':').append(n));
        return b.toString();
    }
}
