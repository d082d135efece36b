package io.coachmatch.serving.feedback;

import io.coachmatch.core.experiments.VariantCounts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-variant counters of experiments, shared by every instance when backed by Redis. Units are counted exactly:
 * a set of the units seen per experiment (Redis SADD), and a unit's first request adds one to its variant.
 */
public interface CountStore {

    /** Which experiment and variant answered a request. */
    record Link(String experiment, String variant) {}

    /**
     * Counts one answered request and remembers its experiment and variant for attributing feedback; a request id
     * already remembered is not counted again (so a count may be retried).
     */
    void request(String experiment, String variant, String unit, String requestId);

    /**
     * Counts one feedback event unless its event_id was seen before.
     *
     * @param delta      what the event adds ({@link VariantCounts#ofFeedback})
     * @param firstKey   what makes the event the first of its kind in the experiment
     *                   ({@link VariantCounts#distinctKey}), or null
     * @param firstDelta what the event adds besides when {@code firstKey} was not seen before in the experiment
     *                   ({@link VariantCounts#ofFirst})
     * @return whether it was counted (false for a duplicate)
     */
    boolean feedback(String eventId, Link link, VariantCounts delta, String firstKey, VariantCounts firstDelta);

    /** The experiment and variant that answered a request, if remembered. */
    Optional<Link> link(String requestId);

    /** The counts of every variant of an experiment. */
    Map<String, VariantCounts> counts(String experiment);

    /** {@code redis} or {@code in_process}. */
    String mode();

    /** An experiment (re)started: its sets of units and first events are kept for as long as it runs. */
    default void started(String experiment) {}

    /**
     * An experiment stopped: its counts stay readable (they are its results), while the sets that made units and
     * first events distinct are kept only as long as late feedback may still be attributed, then expire.
     */
    default void stopped(String experiment) {}

    /** The counter fields of a delta, as name and increment (zeros left out). */
    static Map<String, Double> fields(VariantCounts d) {
        Map<String, Double> out = new LinkedHashMap<>();
        put(out, "units", d.units());
        put(out, "requests", d.requests());
        put(out, "impressions", d.impressions());
        put(out, "clicks", d.clicks());
        put(out, "contacts", d.contacts());
        put(out, "bookings", d.bookings());
        put(out, "ratings_sum", d.ratingsSum());
        put(out, "ratings_count", d.ratingsCount());
        put(out, "booked_requests", d.bookedRequests());
        put(out, "clicked_pairs", d.clickedPairs());
        return out;
    }

    private static void put(Map<String, Double> out, String name, double v) {
        if (v != 0) {
            out.put(name, v);
        }
    }

    /** Rebuilds counts from field values. */
    static VariantCounts of(Map<String, Double> f) {
        return new VariantCounts(
                l(f, "units"),
                l(f, "requests"),
                l(f, "impressions"),
                l(f, "clicks"),
                l(f, "contacts"),
                l(f, "bookings"),
                f.getOrDefault("ratings_sum", 0.0),
                l(f, "ratings_count"),
                l(f, "booked_requests"),
                l(f, "clicked_pairs"));
    }

    private static long l(Map<String, Double> f, String name) {
        return Math.round(f.getOrDefault(name, 0.0));
    }
}
