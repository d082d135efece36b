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
 * @param bookedRequests distinct requests with at least one {@code booked} event: the successes of the booking
 *                       rate, which must be a proportion for its interval and test (one answer can lead to two
 *                       bookings, so {@code bookings} can exceed {@code requests})
 * @param clickedPairs   distinct (request, coach) pairs with at least one {@code click} event: the successes of the
 *                       click-through rate over impressions
 */
public record VariantCounts(
        long units,
        long requests,
        long impressions,
        long clicks,
        long contacts,
        long bookings,
        double ratingsSum,
        long ratingsCount,
        long bookedRequests,
        long clickedPairs) {

    public static final VariantCounts ZERO = new VariantCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Counts in which every booking is on a request of its own and every click on a shown coach of its own, so
     * {@code bookedRequests = bookings} and {@code clickedPairs = clicks}.
     */
    public VariantCounts(
            long units,
            long requests,
            long impressions,
            long clicks,
            long contacts,
            long bookings,
            double ratingsSum,
            long ratingsCount) {
        this(units, requests, impressions, clicks, contacts, bookings, ratingsSum, ratingsCount, bookings, clicks);
    }

    /** The increment of one answered request; {@code firstOfUnit} when this unit was not counted before. */
    public static VariantCounts ofRequest(boolean firstOfUnit) {
        return new VariantCounts(firstOfUnit ? 1 : 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * What a feedback event adds once per distinct {@link #distinctKey}: a first booking of a request counts a
     * booked request, a first click on a shown coach a clicked pair; other types add nothing.
     */
    public static VariantCounts ofFirst(FeedbackType type) {
        return switch (type) {
            case BOOKED -> new VariantCounts(0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
            case CLICK -> new VariantCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
            default -> ZERO;
        };
    }

    /**
     * What makes a feedback event the first of its kind for {@link #ofFirst}: the request for a booking, the request
     * and coach for a click; null for other types (or when the event does not name what it needs).
     */
    public static String distinctKey(FeedbackType type, String requestId, String coachId) {
        if (requestId == null) {
            return null;
        }
        return switch (type) {
            case BOOKED -> "booked|" + requestId;
            case CLICK -> coachId == null ? null : "clicked|" + requestId + "|" + coachId;
            default -> null;
        };
    }

    /**
     * The increment of one feedback event (serving applies it once per {@code event_id}), raw event counts only (the
     * distinct counts come from {@link #ofFirst}). {@code declined} counts nothing; a rating counts only on a
     * {@code rated} event, so a booking that also carries a rating is not counted twice.
     */
    public static VariantCounts ofFeedback(FeedbackType type, Double rating) {
        return switch (type) {
            case IMPRESSION -> new VariantCounts(0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
            case CLICK -> new VariantCounts(0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
            case CONTACT -> new VariantCounts(0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
            case BOOKED -> new VariantCounts(0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
            case RATED -> rating == null ? ZERO : new VariantCounts(0, 0, 0, 0, 0, 0, rating, 1, 0, 0);
            case DECLINED -> ZERO;
        };
    }

    /** The sum of two counts. */
    public VariantCounts plus(VariantCounts o) {
        return new VariantCounts(
                units + o.units,
                requests + o.requests,
                impressions + o.impressions,
                clicks + o.clicks,
                contacts + o.contacts,
                bookings + o.bookings,
                ratingsSum + o.ratingsSum,
                ratingsCount + o.ratingsCount,
                bookedRequests + o.bookedRequests,
                clickedPairs + o.clickedPairs);
    }

    /** The mean rating, or null without ratings. */
    public Double meanRating() {
        return ratingsCount == 0 ? null : ratingsSum / ratingsCount;
    }
}
