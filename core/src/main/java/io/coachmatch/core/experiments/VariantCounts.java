package io.coachmatch.core.experiments;

import io.coachmatch.core.contract.FeedbackType;

/**
 * What serving counted for one variant of one experiment, shared across instances (e.g. as Redis hash fields
 * incremented by {@link #plus}'s components). Counts only grow; combine partial counts with {@link #plus}.
 *
 * @param units        distinct units (requesters) that received an answer from this variant
 * @param requests     answered requests
 * @param impressions  {@code impression} events (coaches shown)
 * @param clicks       {@code click} events
 * @param contacts     {@code contact} events
 * @param bookings     {@code booked} events
 * @param ratingsSum   sum of the ratings of {@code rated} events
 * @param ratingsCount number of {@code rated} events with a rating
 */
public record VariantCounts(
        long units,
        long requests,
        long impressions,
        long clicks,
        long contacts,
        long bookings,
        double ratingsSum,
        long ratingsCount) {

    public static final VariantCounts ZERO = new VariantCounts(0, 0, 0, 0, 0, 0, 0, 0);

    /** The increment of one answered request; {@code firstOfUnit} when this unit was not counted before. */
    public static VariantCounts ofRequest(boolean firstOfUnit) {
        return new VariantCounts(firstOfUnit ? 1 : 0, 1, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The increment of one feedback event (serving applies it once per {@code event_id}). {@code declined} counts
     * nothing; a rating counts only on a {@code rated} event, so a booking that also carries a rating is not
     * counted twice.
     */
    public static VariantCounts ofFeedback(FeedbackType type, Double rating) {
        return switch (type) {
            case IMPRESSION -> new VariantCounts(0, 0, 1, 0, 0, 0, 0, 0);
            case CLICK -> new VariantCounts(0, 0, 0, 1, 0, 0, 0, 0);
            case CONTACT -> new VariantCounts(0, 0, 0, 0, 1, 0, 0, 0);
            case BOOKED -> new VariantCounts(0, 0, 0, 0, 0, 1, 0, 0);
            case RATED -> rating == null ? ZERO : new VariantCounts(0, 0, 0, 0, 0, 0, rating, 1);
            case DECLINED -> ZERO;
        };
    }

    /** The sum of two counts. */
    public VariantCounts plus(VariantCounts o) {
        return new VariantCounts(units + o.units, requests + o.requests, impressions + o.impressions,
                clicks + o.clicks, contacts + o.contacts, bookings + o.bookings, ratingsSum + o.ratingsSum,
                ratingsCount + o.ratingsCount);
    }

    /** The mean rating, or null without ratings. */
    public Double meanRating() {
        return ratingsCount == 0 ? null : ratingsSum / ratingsCount;
    }
}
