package kr.ieum.handoff;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code ieum_handoffs_waiting} and {@code ieum_handoffs_claimed} for operators, counted every 30 seconds. */
@Context
class HandoffMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffMetrics.class);
    private final HandoffStore store;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong claimed = new AtomicLong();

    HandoffMetrics(HandoffStore store, MeterRegistry meters) {
        this.store = store;
        Gauge.builder("ieum.handoffs.waiting", waiting, AtomicLong::get).description("residents waiting for a person").register(meters);
        Gauge.builder("ieum.handoffs.claimed", claimed, AtomicLong::get).description("residents a person is answering").register(meters);
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "5s")
    void count() {
        try {
            long w = 0;
            long c = 0;
            for (Handoff h : store.open()) {
                if (Handoff.WAITING.equals(h.status())) {
                    w++;
                } else {
                    c++;
                }
            }
            waiting.set(w);
            claimed.set(c);
        } catch (RuntimeException e) {
            LOG.debug("handoff gauges not updated: {}", e.getMessage());
        }
    }
}
