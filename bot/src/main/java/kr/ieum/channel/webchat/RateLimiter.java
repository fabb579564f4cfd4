package kr.ieum.channel.webchat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per key (a session id, a client address), in memory: {@code burst} at once, then
 * {@code perMinute}. At most {@code maxKeys} buckets are kept; the least recently used is dropped first. Each
 * replica limits on its own, which is enough to stop a runaway page or script.
 */
final class RateLimiter {
    private final double perNano;
    private final int burst;
    private final int maxKeys;
    private final LinkedHashMap<String, double[]> buckets;

    RateLimiter(int perMinute, int burst, int maxKeys) {
        this.perNano = Math.max(1, perMinute) / (double) Duration.ofMinutes(1).toNanos();
        this.burst = Math.max(1, burst);
        this.maxKeys = maxKeys;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                return size() > RateLimiter.this.maxKeys;
            }
        };
    }

    /** Takes one token for {@code key}; answers zero when allowed, else how long to wait. */
    synchronized Duration acquire(String key, long nowNanos) {
        double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {burst, nowNanos});
        double tokens = Math.min(burst, bucket[0] + (nowNanos - bucket[1]) * perNano);
        bucket[1] = nowNanos;
        if (tokens >= 1) {
            bucket[0] = tokens - 1;
            return Duration.ZERO;
        }
        bucket[0] = tokens;
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }
}
