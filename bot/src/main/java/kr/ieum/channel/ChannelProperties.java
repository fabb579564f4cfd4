package kr.ieum.channel;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Settings shared by every channel ({@code ieum.channels}).
 *
 * @param poll        how often the outbox and unprocessed inbox are polled
 * @param maxAttempts delivery attempts before a reply is dead-lettered
 * @param firstRetry  the first retry delay; each further retry doubles it, up to {@code maxRetry}
 * @param maxRetry    the longest delay between two attempts
 * @param lease       how long a worker holds the outbox rows it claimed while it sends them; longer than any provider
 *                    call can take (the adapters' HTTP timeouts are at most 30 s), so a row is taken over only from a
 *                    worker that died
 * @param breakerFailures retryable failures in a row after which a provider is left alone ...
 * @param breakerOpen     ... this long at first, twice as long after each failed try, up to 16 times as long (or
 *                        {@code maxRetry}, if longer)
 */
@ConfigurationProperties("ieum.channels")
public record ChannelProperties(
        @Bindable(defaultValue = "2s") Duration poll,
        @Bindable(defaultValue = "8") int maxAttempts,
        @Bindable(defaultValue = "5s") Duration firstRetry,
        @Bindable(defaultValue = "30m") Duration maxRetry,
        @Bindable(defaultValue = "2m") Duration lease,
        @Bindable(defaultValue = "5") int breakerFailures,
        @Bindable(defaultValue = "30s") Duration breakerOpen) {

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts));
        Duration delay = firstRetry.multipliedBy(factor);
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
