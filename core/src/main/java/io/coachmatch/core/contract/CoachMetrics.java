package io.coachmatch.core.contract;

/**
 * A coach's track record.
 *
 * @param sessionsCompleted sessions delivered
 * @param successRate       0.0-1.0, share of engagements the clients called a success
 * @param responseTimeHours typical hours to answer a contact
 * @param repeatClientRate  0.0-1.0, share of clients who booked again
 */
public record CoachMetrics(
        Integer sessionsCompleted, Double successRate, Double responseTimeHours, Double repeatClientRate) {}
