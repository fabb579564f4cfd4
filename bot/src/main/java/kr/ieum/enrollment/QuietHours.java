package kr.ieum.enrollment;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Hours in which no reminder is sent (21:00-09:00 Korea time by default). A window may wrap midnight.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    /** True when {@code at} falls in the quiet hours. */
    public boolean quiet(Instant at) {
        LocalTime t = at.atZone(zone).toLocalTime();
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
    }

    /** {@code at}, or the end of the quiet hours it falls in. */
    public Instant nextAllowed(Instant at) {
        if (!quiet(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        ZonedDateTime end = local.with(this.end).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
