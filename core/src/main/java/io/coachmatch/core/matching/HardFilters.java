package io.coachmatch.core.matching;

import static io.coachmatch.core.matching.FilterReason.AVAILABILITY;
import static io.coachmatch.core.matching.FilterReason.BUDGET;
import static io.coachmatch.core.matching.FilterReason.CAPACITY;
import static io.coachmatch.core.matching.FilterReason.INACTIVE;
import static io.coachmatch.core.matching.FilterReason.LANGUAGE;
import static io.coachmatch.core.matching.FilterReason.MANDATORY_SKILL;
import static io.coachmatch.core.matching.FilterReason.SESSION_TYPE;

import java.util.Arrays;
import java.util.Map;

/**
 * The hard filters of a {@link CatalogIndex}, 64 coaches at a time: each filter is a word of bits
 * (precomputed, or built for the few coaches a word-wide test cannot decide), applied in the order
 * of {@link FilterReason}, and a coach is counted under the first filter that clears its bit.
 * Immutable once built ({@link CatalogIndexBuilder}); the columns it shares with the index are not
 * copied.
 */
final class HardFilters {

    /** Participant counts the capacity bit sets are built for, ascending. */
    static final int[] CAPACITY_STEPS = {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 24, 25, 26, 28, 30, 35, 40, 45, 50,
        60, 70, 75, 80, 90, 100, 120, 150, 200, 250, 300, 400, 500, 750, 1000
    };

    /**
     * Rate buckets for the budget filter.
     *
     * @param threshold ascending rate thresholds (USD); the last is infinite
     * @param atMost    for each threshold, the coaches whose rate is not above it
     */
    record RateBuckets(double[] threshold, long[][] atMost) {}

    private final int size;
    private final int words;
    private final long[] activeBits;
    private final long[][] sessionBits;
    private final Map<String, long[]> languageBits;
    private final double[] rateUsd;
    private final int[] maxParticipants;
    private final int minCapacity;
    /** For each of {@link #CAPACITY_STEPS}, the coaches taking at least that many participants. */
    private final long[][] capacityAtLeast;
    /** Ascending rate thresholds (USD); the last is infinite. */
    private final double[] rateThreshold;
    /** For each threshold, the coaches whose rate is not above it. */
    private final long[][] rateAtMost;

    private final short[] zoneOf;
    /** Runs of available quarter hours, as (start, end) cell pairs, of coach c at [runOffset[c], runOffset[c+1]). */
    private final char[] runs;

    private final int[] runOffset;
    /** Per coach, six longs: the hours of the week (local time) with any quarter available, then those with all four. */
    private final long[] hours;

    HardFilters(
            int size,
            int words,
            long[] activeBits,
            long[][] sessionBits,
            Map<String, long[]> languageBits,
            double[] rateUsd,
            int[] maxParticipants,
            int minCapacity,
            long[][] capacityAtLeast,
            RateBuckets rates,
            short[] zoneOf,
            char[] runs,
            int[] runOffset,
            long[] hours) {
        this.size = size;
        this.words = words;
        this.activeBits = activeBits;
        this.sessionBits = sessionBits;
        this.languageBits = languageBits;
        this.rateUsd = rateUsd;
        this.maxParticipants = maxParticipants;
        this.minCapacity = minCapacity;
        this.capacityAtLeast = capacityAtLeast;
        this.rateThreshold = rates.threshold();
        this.rateAtMost = rates.atMost();
        this.zoneOf = zoneOf;
        this.runs = runs;
        this.runOffset = runOffset;
        this.hours = hours;
    }

    /**
     * Applies the filters to every coach not excluded. Leaves the coaches that pass in {@code s.pass},
     * adds the coaches each filter drops to {@code counts} (indexed by {@link FilterReason#ordinal()});
     * returns the number of coaches not excluded.
     */
    int apply(MatchQuery q, Scratch s, long[] excluded, int mandatoryCount, int[][] zonePrefix, int[] counts) {
        long[] langUnion = null;
        String[] langs = q.languages();
        if (langs.length > 0) {
            langUnion = s.langUnion;
            Arrays.fill(langUnion, 0L);
            for (String l : langs) {
                long[] bits = languageBits.get(l);
                if (bits != null) {
                    for (int i = 0; i < words; i++) {
                        langUnion[i] |= bits[i];
                    }
                }
            }
        }
        long[] session = sessionBits[q.sessionType().ordinal()];
        double budget = q.budgetUsd() + 1e-9;
        boolean hasBudget = budget < Double.POSITIVE_INFINITY;
        long[] sureRate = null;
        long[] nextRate = null;
        if (hasBudget) {
            int k = rateBucketAtMost(budget);
            sureRate = k < 0 ? null : rateAtMost[k];
            nextRate = rateAtMost[k + 1];
        }
        int participants = q.participants();
        boolean checkCapacity = participants > minCapacity;
        // coaches taking at least the next step up surely pass; those from the step below it are checked one by one
        long[] capacitySure = null;
        long[] capacityMaybe = null;
        if (checkCapacity && participants >= 1) {
            int k = 0;
            while (k < CAPACITY_STEPS.length && CAPACITY_STEPS[k] < participants) {
                k++;
            }
            if (k < CAPACITY_STEPS.length) {
                capacitySure = capacityAtLeast[k];
                capacityMaybe = CAPACITY_STEPS[k] == participants || k == 0 ? capacitySure : capacityAtLeast[k - 1];
            }
        }
        boolean strictAvailability = q.flexibility() == 0.0;
        int requestedCells = q.requestedCells();
        long[] mandatoryBits = s.mandatoryBits;
        long[] pass = s.pass;
        long[][] zoneHours = s.zoneHours;
        int alive = 0;
        for (int wi = 0; wi < words; wi++) {
            long bits = wi == words - 1 && (size & 63) != 0 ? (1L << (size & 63)) - 1 : -1L;
            if (excluded != null) {
                bits &= ~excluded[wi];
            }
            int before = Long.bitCount(bits);
            alive += before;
            bits &= activeBits[wi];
            int after = Long.bitCount(bits);
            counts[INACTIVE.ordinal()] += before - after;
            before = after;
            bits &= session[wi];
            after = Long.bitCount(bits);
            counts[SESSION_TYPE.ordinal()] += before - after;
            before = after;
            if (hasBudget && bits != 0) {
                long sure = sureRate == null ? 0L : sureRate[wi];
                long ok = bits & sure;
                long edge = bits & nextRate[wi] & ~sure;
                while (edge != 0) {
                    int c = (wi << 6) | Long.numberOfTrailingZeros(edge);
                    long bit = edge & -edge;
                    edge &= edge - 1;
                    if (!(rateUsd[c] > budget)) {
                        ok |= bit;
                    }
                }
                bits = ok;
                after = Long.bitCount(bits);
                counts[BUDGET.ordinal()] += before - after;
                before = after;
            }
            if (checkCapacity && bits != 0) {
                long scan = capacitySure == null ? bits : bits & capacityMaybe[wi] & ~capacitySure[wi];
                if (capacitySure != null) {
                    bits &= capacityMaybe[wi];
                }
                while (scan != 0) {
                    int c = (wi << 6) | Long.numberOfTrailingZeros(scan);
                    long bit = scan & -scan;
                    scan &= scan - 1;
                    if (maxParticipants[c] < participants) {
                        bits &= ~bit;
                    }
                }
                after = Long.bitCount(bits);
                counts[CAPACITY.ordinal()] += before - after;
                before = after;
            }
            if (langUnion != null) {
                bits &= langUnion[wi];
                after = Long.bitCount(bits);
                counts[LANGUAGE.ordinal()] += before - after;
                before = after;
            }
            if (mandatoryCount > 0) {
                bits &= mandatoryBits[wi];
                after = Long.bitCount(bits);
                counts[MANDATORY_SKILL.ordinal()] += before - after;
                before = after;
            }
            if (strictAvailability && bits != 0) {
                if (requestedCells == 0) {
                    bits = 0;
                } else {
                    long scan = bits;
                    while (scan != 0) {
                        int c = (wi << 6) | Long.numberOfTrailingZeros(scan);
                        long bit = scan & -scan;
                        scan &= scan - 1;
                        if (!overlapsAny(zoneHours[zoneOf[c]], zonePrefix[zoneOf[c]], c)) {
                            bits &= ~bit;
                        }
                    }
                }
                after = Long.bitCount(bits);
                counts[AVAILABILITY.ordinal()] += before - after;
            }
            pass[wi] = bits;
        }
        return alive;
    }

    /**
     * Whether the coach covers any requested quarter hour. Decided from hour masks where they can
     * (no hour in common: no; a requested hour the coach covers whole, or a coach hour the request
     * covers whole: yes), from the runs otherwise.
     */
    private boolean overlapsAny(long[] requestHours, int[] prefix, int c) {
        int o = c * 6;
        long a0 = hours[o];
        long a1 = hours[o + 1];
        long a2 = hours[o + 2];
        if (((a0 & requestHours[0]) | (a1 & requestHours[1]) | (a2 & requestHours[2])) == 0) {
            return false;
        }
        if (((hours[o + 3] & requestHours[0]) | (hours[o + 4] & requestHours[1]) | (hours[o + 5] & requestHours[2]))
                        != 0
                || ((a0 & requestHours[3]) | (a1 & requestHours[4]) | (a2 & requestHours[5])) != 0) {
            return true;
        }
        for (int r = runOffset[c] * 2, end = runOffset[c + 1] * 2; r < end; r += 2) {
            if (prefix[runs[r + 1]] != prefix[runs[r]]) {
                return true;
            }
        }
        return false;
    }

    /** The largest k with {@code rateThreshold[k] <= budget}, or -1. */
    private int rateBucketAtMost(double budget) {
        int lo = 0;
        int hi = rateThreshold.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rateThreshold[mid] <= budget) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Math.min(found, rateThreshold.length - 2);
    }
}
