package io.coachmatch.core.contract;

/**
 * A weekly slot in the coach's own timezone; an end before the start runs past midnight.
 *
 * @param dayOfWeek ISO day of the start, 1 = Monday ... 7 = Sunday
 * @param start     {@code HH:MM}
 * @param end       {@code HH:MM}, {@code 24:00} allowed
 */
public record AvailabilitySlot(Integer dayOfWeek, String start, String end) {}
