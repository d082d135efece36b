package io.coachmatch.core.synthetic;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Realistic synthetic coaches and matching requests, generated from a seed.
 *
 * <p>Invariants: the output depends only on the arguments (one {@link SplittableRandom} per seed,
 * split once per item, so {@code coaches(s, n)} is a prefix of {@code coaches(s, n + k)}); every
 * coach and request is valid under the contract (known enums, currencies and timezones, values in
 * range, non-empty slots), so it can be indexed and compiled without validation errors.
 *
 * <p>The shape follows what a coaching marketplace looks like: skills come in related clusters
 * ({@link #skillClusters()}) and a coach lists 2-7 skills mostly from one or two clusters; levels,
 * years, certifications and rates grow with experience; English dominates but the language follows
 * the coach's region, as do timezone and currency; review counts are long-tailed (most coaches have
 * a handful, a few have thousands); about 3% of coaches are inactive. Requests ask for 1-4 skills
 * mostly from one cluster, about half with one mandatory skill, with or without a budget, in many
 * timezones and with varied flexibility.
 */
public final class SyntheticCatalog {

    /** How often {@link #coaches(long, int, IntConsumer)} reports progress. */
    public static final int PROGRESS_STEP = 100_000;

    private SyntheticCatalog() {}

    /**
     * The skill clusters, most popular first within each cluster: skills in one cluster are related
     * (a coach or a request mostly draws from one), so a latent preference over clusters makes
     * plausible feedback.
     */
    public static List<List<String>> skillClusters() {
        return SyntheticVocabulary.skillClusters();
    }

    /** The name of each cluster, parallel to {@link #skillClusters()}, such as {@code frontend}. */
    public static List<String> clusterNames() {
        return SyntheticVocabulary.clusterNames();
    }

    /**
     * {@code n} coaches with ids {@code coach_000001} ... {@code coach_<n>}.
     *
     * @param seed any value; equal seeds give equal catalogs
     */
    public static List<CoachProfile> coaches(long seed, int n) {
        return coaches(seed, n, done -> {});
    }

    /**
     * {@link #coaches(long, int)}, telling {@code progress} how many coaches are done every
     * {@value #PROGRESS_STEP} coaches and at the end, for callers that generate millions.
     */
    public static List<CoachProfile> coaches(long seed, int n, IntConsumer progress) {
        return SyntheticCoaches.coaches(seed, n, progress);
    }

    /**
     * {@code n} requests with ids {@code req_000001} ..., created one after another from {@code start}
     * (strictly increasing {@code created_at}), by requesters drawn with repeats from a pool.
     *
     * @param seed any value; equal seeds give equal requests
     */
    public static List<MatchingRequest> requests(long seed, int n, Instant start) {
        return SyntheticRequests.requests(seed, n, start);
    }
}
