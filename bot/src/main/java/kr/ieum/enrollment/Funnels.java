package kr.ieum.enrollment;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The funnel of a journey, from its events: aggregates only. */
@Singleton
public class Funnels {
    private final JourneyService journeys;
    private final JourneyStore store;

    Funnels(JourneyService journeys, JourneyStore store) {
        this.journeys = journeys;
        this.store = store;
    }

    /** The journey's funnel (optionally for one campaign); empty for an unknown journey. */
    @Transactional
    public Optional<Funnel> funnel(String journeyId, String campaign) {
        // a code no start code can carry brought no one (and may hold what PostgreSQL refuses, a NUL): nothing is counted
        List<String> campaigns = campaign == null ? null : StartCode.CAMPAIGN.matcher(campaign).matches() ? List.of(campaign) : List.of();
        return funnel(journeyId, campaign, campaigns);
    }

    /** The journey's funnel for residents who came through any of {@code campaigns} (all residents when null). */
    @Transactional
    public Optional<Funnel> funnel(String journeyId, List<String> campaigns) {
        return funnel(journeyId, null, campaigns);
    }

    private Optional<Funnel> funnel(String journeyId, String campaign, List<String> campaigns) {
        return journeys.journey(journeyId).map(j -> {
            Map<String, Map<String, Long>> counts = store.counts(j.id(), campaigns);
            List<Funnel.StepCount> steps = j.steps().stream()
                    .map(s -> new Funnel.StepCount(s.id(), counts.getOrDefault("step", Map.of()).getOrDefault(s.id(), 0L))).toList();
            return new Funnel(j.id(), campaign, total(counts, "started"), total(counts, "completed"), total(counts, "cannot"),
                    total(counts, "abandoned"), total(counts, "handoff"), total(counts, "later"), steps);
        });
    }

    private static long total(Map<String, Map<String, Long>> counts, String event) {
        return counts.getOrDefault(event, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }
}
