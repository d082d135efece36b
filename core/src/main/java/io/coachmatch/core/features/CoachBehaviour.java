package io.coachmatch.core.features;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each coach's engagement, turned into five features: position-debiased rates of click, contact and booking per
 * examination, the rate of good ratings (4 stars or more) per rating, each shrunk towards the population's rate by
 * its evidence (empirical Bayes), and the amount of history.
 *
 * <pre>
 *   examined          = Σ over impressions of propensity(position)
 *   click_rate        = clamp((clicks   + s₀·p₀) / (examined + s₀))
 *   contact_rate      = clamp((contacts + s₁·p₁) / (examined + s₁))
 *   booking_rate      = clamp((bookings + s₂·p₂) / (examined + s₂))
 *   good_rating_rate  = clamp((good     + s₃·p₃) / (ratings  + s₃))
 *   history_count     = min(1, ln(1 + impressions) / ln 1001)
 * </pre>
 * A coach with no history gets the priors and a {@code history_count} of 0. Training computes the same counts as of
 * each training request's time; serving starts from the counts a model shipped with and adds the feedback it
 * receives ({@link #record}), so a coach who starts being booked rises before the next retrain. Memory is bounded:
 * one entry of seven numbers per coach, coaches beyond {@code maxCoaches} are not tracked (they keep the priors).
 * Thread-safe: counts are updated under the entry's lock and read without one (a reader may see an update half
 * done, which moves a feature by one event at most).
 */
public final class CoachBehaviour {

    /** Where each count sits in an entry. */
    public static final int EXAMINED = 0;

    public static final int IMPRESSIONS = 1;
    public static final int CLICKS = 2;
    public static final int CONTACTS = 3;
    public static final int BOOKINGS = 4;
    public static final int GOOD_RATINGS = 5;
    public static final int RATINGS = 6;
    /** Numbers per entry. */
    public static final int COUNTS = 7;
    /** The features it writes, in {@link Feature} order from {@link Feature#CLICK_RATE}. */
    public static final int FEATURES = 5;

    /** The most coaches a table tracks unless told otherwise. */
    public static final int DEFAULT_MAX_COACHES = 200_000;

    /** A rating at or above this is good. */
    public static final double GOOD_RATING = 4.0;

    private static final double LN1001 = Math.log(1001);

    /** How many recent event ids {@link #record(FeedbackEvent)} remembers to count each event once. */
    public static final int REMEMBERED_EVENTS = 100_000;

    private final double[] propensity;
    private final double[] prior;
    private final double[] strength;
    private final int maxCoaches;
    private final Map<String, double[]> counts;
    private final Instant countedUntil;
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_EVENTS;
        }
    });
    private final AtomicLong updates = new AtomicLong();

    /**
     * @param propensity examination probability by 1-based position (index 0 unused; positions beyond the last take
     *                   the last)
     * @param prior      click, contact, booking and good-rating rates of the population
     * @param strength   the prior strength of each, in examinations (ratings for the last)
     * @param maxCoaches the most coaches tracked
     */
    public CoachBehaviour(double[] propensity, double[] prior, double[] strength, int maxCoaches) {
        this(propensity, prior, strength, maxCoaches, null);
    }

    /**
     * @param countedUntil the time of the last event the starting counts include; {@link #record(FeedbackEvent)}
     *                     ignores events at or before it (null: counts every event)
     */
    public CoachBehaviour(
            double[] propensity, double[] prior, double[] strength, int maxCoaches, Instant countedUntil) {
        this.countedUntil = countedUntil;
        this.propensity = propensity.clone();
        this.prior = prior.clone();
        this.strength = strength.clone();
        this.maxCoaches = maxCoaches;
        this.counts = new ConcurrentHashMap<>();
    }

    /** Starts a coach's counts (from a model's table); replaces what was there. */
    public void put(String coachId, double[] entry) {
        if (entry.length != COUNTS) {
            throw new IllegalArgumentException("an entry holds " + COUNTS + " counts");
        }
        if (counts.size() < maxCoaches || counts.containsKey(coachId)) {
            counts.put(coachId, entry.clone());
        }
    }

    /** The examination probability of a 1-based position. */
    public double propensity(int position) {
        if (position < 1) {
            return 1.0;
        }
        return propensity[Math.min(position, propensity.length - 1)];
    }

    public double[] propensities() {
        return propensity.clone();
    }

    public double[] priors() {
        return prior.clone();
    }

    public double[] strengths() {
        return strength.clone();
    }

    /**
     * Adds a feedback event from serving's stream: once per event id (among the last {@value #REMEMBERED_EVENTS}),
     * and only when it happened after the counts the table started from.
     *
     * @return whether the event was counted
     */
    public boolean record(FeedbackEvent e) {
        if (e == null || e.coachId() == null || e.type() == null) {
            return false;
        }
        if (countedUntil != null && e.occurredAt() != null && !e.occurredAt().isAfter(countedUntil)) {
            return false;
        }
        if (e.eventId() != null) {
            synchronized (seen) {
                if (!seen.add(e.eventId())) {
                    return false;
                }
            }
        }
        record(e.coachId(), e.type(), e.position(), e.rating());
        return true;
    }

    /** How many events have been recorded since the table was built: a cheap way to see whether it changed. */
    public long updates() {
        return updates.get();
    }

    /** The time of the last event the starting counts include, or null. */
    public Instant countedUntil() {
        return countedUntil;
    }

    /** Adds one feedback event to a coach's counts; other event types than the five counted are ignored. */
    public void record(String coachId, FeedbackType type, Integer position, Double rating) {
        double[] e = counts.get(coachId);
        if (e == null) {
            if (counts.size() >= maxCoaches) {
                return;
            }
            e = counts.computeIfAbsent(coachId, k -> new double[COUNTS]);
        }
        synchronized (e) {
            add(e, type, position, rating);
        }
        updates.incrementAndGet();
    }

    /** Adds one event to an entry of counts, with this table's propensities (training counts the same way). */
    public void add(double[] e, FeedbackType type, Integer position, Double rating) {
        switch (type) {
            case IMPRESSION -> {
                e[IMPRESSIONS] += 1;
                e[EXAMINED] += propensity(position == null ? 1 : position);
            }
            case CLICK -> e[CLICKS] += 1;
            case CONTACT -> e[CONTACTS] += 1;
            case BOOKED -> e[BOOKINGS] += 1;
            case RATED -> {
                if (rating != null) {
                    e[RATINGS] += 1;
                    if (rating >= GOOD_RATING) {
                        e[GOOD_RATINGS] += 1;
                    }
                }
            }
            default -> {}
        }
    }

    /** A copy of a coach's counts, or null when it has none. */
    public double[] counts(String coachId) {
        double[] e = counts.get(coachId);
        if (e == null) {
            return null;
        }
        synchronized (e) {
            return e.clone();
        }
    }

    /** The coaches with counts, in no particular order. */
    public List<String> coaches() {
        return new ArrayList<>(counts.keySet());
    }

    /** Writes a coach's five features into {@code out} from {@code offset}. */
    public void features(String coachId, double[] out, int offset) {
        features(counts.get(coachId), out, offset);
    }

    /** Writes the five features of an entry of counts (null for none) into {@code out} from {@code offset}. */
    public void features(double[] e, double[] out, int offset) {
        double examined = e == null ? 0 : e[EXAMINED];
        out[offset] = shrunk(e == null ? 0 : e[CLICKS], examined, 0);
        out[offset + 1] = shrunk(e == null ? 0 : e[CONTACTS], examined, 1);
        out[offset + 2] = shrunk(e == null ? 0 : e[BOOKINGS], examined, 2);
        out[offset + 3] = shrunk(e == null ? 0 : e[GOOD_RATINGS], e == null ? 0 : e[RATINGS], 3);
        out[offset + 4] = e == null ? 0 : Math.min(1.0, Math.log1p(e[IMPRESSIONS]) / LN1001);
    }

    private double shrunk(double events, double trials, int k) {
        double v = (events + strength[k] * prior[k]) / (trials + strength[k]);
        return v < 0 || Double.isNaN(v) ? 0 : Math.min(1.0, v);
    }
}
