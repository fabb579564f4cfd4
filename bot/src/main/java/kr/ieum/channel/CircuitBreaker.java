package kr.ieum.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops hammering a provider that is down: after {@code threshold} retryable failures in a row on a channel, its
 * messages wait ({@link #openFor}) without an attempt being counted; then one goes through (half open): a success closes
 * the circuit, a failure opens it again for twice as long, up to {@code max}. Kept per replica, in memory.
 */
final class CircuitBreaker {
    private final int threshold;
    private final Duration first;
    private final Duration max;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, Instant openUntil, Duration lastOpen) {}

    CircuitBreaker(int threshold, Duration first, Duration max, Clock clock) {
        this.threshold = threshold;
        this.first = first;
        this.max = max;
        this.clock = clock;
    }

    /** How long {@code channel}'s messages must still wait, or null when one may be sent now. */
    Duration openFor(String channel) {
        State s = states.get(channel);
        if (s == null || s.openUntil() == null) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), s.openUntil());
        return left.isNegative() || left.isZero() ? null : left;
    }

    void succeeded(String channel) {
        states.remove(channel);
    }

    /** A retryable failure; answers true when it opened the circuit. */
    boolean failed(String channel) {
        State s = states.getOrDefault(channel, new State(0, null, null));
        int failures = s.failures() + 1;
        if (failures < threshold && s.lastOpen() == null) {
            states.put(channel, new State(failures, null, null));
            return false;
        }
        // a failure while half open, or the threshold reached: open, for twice as long as the last time
        Duration open = s.lastOpen() == null ? first : s.lastOpen().multipliedBy(2);
        open = open.compareTo(max) > 0 ? max : open;
        states.put(channel, new State(failures, clock.instant().plus(open), open));
        return true;
    }

    /** True while {@code channel}'s circuit is open (for metrics and tests). */
    boolean open(String channel) {
        return openFor(channel) != null;
    }
}
