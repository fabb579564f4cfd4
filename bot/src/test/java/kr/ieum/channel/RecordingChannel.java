package kr.ieum.channel;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel fake for core tests: records deliveries; can be told to fail the next sends. */
@Singleton
@Requires(property = "ieum.test.recording-channel", value = "true")
class RecordingChannel implements ChannelAdapter {
    final List<Delivery> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();
    volatile boolean retryable = true;
    /** What a failure says about when to try again (a 429's Retry-After), or null. */
    volatile java.time.Duration retryAfter;

    @Override
    public String channel() {
        return "recording";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    @Override
    public String send(Delivery delivery) {
        attempts.incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new DeliveryFailed("provider unavailable (test)", retryable, retryable ? retryAfter : null);
        }
        sent.add(delivery);
        return "rec-" + sent.size();
    }
}
