package io.coachmatch.core.contract;

import java.util.List;

/**
 * When the requester wants sessions, in the requester's timezone.
 *
 * @param daysOfWeek  ISO days, 1 = Monday ... 7 = Sunday; absent means every day
 * @param timeSlots   {@code HH:MM-HH:MM}; an end before the start runs past midnight; absent means all day
 * @param timezone    an IANA name or a fixed offset such as {@code UTC-8}; default UTC
 * @param flexibility 0.0-1.0, how acceptable a partial overlap is; default 0.0
 */
public record AvailabilityRequirements(
        List<Integer> daysOfWeek, List<String> timeSlots, String timezone, Double flexibility) {

    public String effectiveTimezone() {
        return timezone == null ? "UTC" : timezone;
    }

    public double effectiveFlexibility() {
        return flexibility == null ? 0.0 : flexibility;
    }
}
