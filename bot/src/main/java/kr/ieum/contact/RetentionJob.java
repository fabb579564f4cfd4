package kr.ieum.contact;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Clears message bodies older than {@code ieum.privacy.retention} (default 30 days), every hour. */
@Singleton
class RetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    private final ContactStore store;
    private final Duration retention;

    RetentionJob(ContactStore store, @Value("${ieum.privacy.retention:30d}") Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void run() {
        int cleared = store.clearBodiesBefore(Instant.now().minus(retention));
        if (cleared > 0) {
            LOG.info("Retention: cleared {} message bodies older than {}", cleared, retention);
        }
    }
}
