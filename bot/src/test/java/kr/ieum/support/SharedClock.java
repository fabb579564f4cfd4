package kr.ieum.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * One clock a test moves for every application context it starts ({@code ieum.test.shared-clock=true}): the service
 * under test and its replicas then agree on the time, as servers synchronised by NTP do.
 */
@Factory
@Requires(property = "ieum.test.shared-clock", value = "true")
public class SharedClock {
    public static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));

    @Singleton
    @Replaces(Clock.class)
    Clock clock() {
        return CLOCK;
    }
}
