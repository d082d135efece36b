package io.coachmatch.core.contract;

import java.time.Instant;

/**
 * What happened after an answer: a coach shown, clicked, contacted, booked, declined or rated.
 * Consumers are idempotent by {@code eventId}.
 *
 * @param position 1-based position of the coach in the answer, for impressions
 * @param rating   1.0-5.0, for {@code rated}
 */
public record FeedbackEvent(
        String eventId,
        String requestId,
        String requesterId,
        String coachId,
        FeedbackType type,
        Integer position,
        Double rating,
        String modelVersion,
        String variant,
        Instant occurredAt) {}
