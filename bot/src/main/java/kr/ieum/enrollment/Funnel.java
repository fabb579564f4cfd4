package kr.ieum.enrollment;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * How residents moved through a journey: counts of events, and how many times each step was reached, in the
 * journey's order. Aggregates only: nothing identifies a resident.
 */
@Serdeable
public record Funnel(String journey, String campaign, long started, long completed, long cannot, long abandoned, long handoff,
        long later, List<StepCount> steps) {

    /** How often a step was reached. */
    @Serdeable
    public record StepCount(String step, long reached) {}
}
