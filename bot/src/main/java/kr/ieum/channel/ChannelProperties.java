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
 */
@ConfigurationProperties("ieum.channels")
public record ChannelProperties(
        @Bindable(defaultValue = "2s") Duration poll,
        @Bindable(defaultValue = "8") int maxAttempts,
        @Bindable(defaultValue = "5s") Duration firstRetry,
        @Bindable(defaultValue = "30m") Duration maxRetry) {

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, Math.max(0, attempts));
        Duration delay = firstRetry.multipliedBy(factor);
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
