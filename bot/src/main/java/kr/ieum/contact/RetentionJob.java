package kr.ieum.contact;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import kr.ieum.platform.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hour: clears message bodies older than {@code ieum.privacy.retention} (default 30 days), and removes the shared
 * rate limits' buckets that are full again ({@link RateLimits#purge}).
 */
@Singleton
class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final ContactStore store;
    private final Duration retention;
    private final RateLimits limits;

    RetentionJob(ContactStore store, @Value("${ieum.privacy.retention:30d}") Duration retention, RateLimits limits) {
        this.store = store;
        this.retention = retention;
        this.limits = limits;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void run() {
        int cleared = store.clearBodiesBefore(Instant.now().minus(retention));
        if (cleared > 0) {
            LOG.info("Retention: cleared {} message bodies older than {}", cleared, retention);
        }
        int buckets = limits.purge();
        if (buckets > 0) {
            LOG.info("Retention: removed {} rate-limit buckets that are full again", buckets);
        }
    }
}
