package kr.ieum.enrollment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Journeys' settings ({@code ieum.enrollment.*}).
 *
 * @param reminderDelay  how long after "later" a reminder is sent (with the resident's consent)
 * @param quietStart     no reminder is sent from this time ...
 * @param quietEnd       ... until this time, in {@code zone}
 * @param zone           the time zone of the quiet hours (residents are in Korea)
 * @param abandonAfter   an active journey untouched this long is counted as abandoned in the funnel
 * @param resumeCodeTtl  how long a resume code moves a journey to another channel
 * @param reservationUrl where visits to an office are booked (HiKorea)
 */
@ConfigurationProperties("ieum.enrollment")
public record EnrollmentProperties(
        @Bindable(defaultValue = "2d") Duration reminderDelay,
        @Bindable(defaultValue = "21:00") String quietStart,
        @Bindable(defaultValue = "09:00") String quietEnd,
        @Bindable(defaultValue = "Asia/Seoul") String zone,
        @Bindable(defaultValue = "14d") Duration abandonAfter,
        @Bindable(defaultValue = "7d") Duration resumeCodeTtl,
        @Bindable(defaultValue = "https://www.hikorea.go.kr") String reservationUrl) {

    /** The quiet hours, parsed. */
    public QuietHours quietHours() {
        return new QuietHours(LocalTime.parse(quietStart), LocalTime.parse(quietEnd), ZoneId.of(zone));
    }

    /** Whole days of the reminder delay, as residents are told (at least 1). */
    public long reminderDays() {
        return Math.max(1, reminderDelay.toDays());
    }
}
