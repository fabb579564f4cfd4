package kr.ieum.enrollment;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** Counts journeys nobody touched for {@code ieum.enrollment.abandon-after} as abandoned (a funnel event per journey). */
@Singleton
public class AbandonJob {
    private final JourneyStore store;
    private final EnrollmentProperties properties;
    private final Clock clock;

    AbandonJob(JourneyStore store, EnrollmentProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Marks idle journeys abandoned; answers how many. */
    @Scheduled(fixedDelay = "1h", initialDelay = "2m")
    @Transactional
    public int run() {
        Instant now = clock.instant();
        int n = 0;
        for (Progress p : store.abandon(now.minus(properties.abandonAfter()))) {
            store.event(p.journeyId(), p.stepId(), "abandoned", p.locale(), p.channel(), p.campaign(), now);
            n++;
        }
        return n;
    }
}
