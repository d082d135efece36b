package io.coachmatch.training.data;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import java.util.List;
import java.util.Map;

/**
 * Coaches, requests and what happened when requests were answered, joined into graded
 * (request, coach) pairs with the contract's scale: 3 booked and rated 4.0 or more, 2 booked,
 * 1 clicked or contacted, 0 shown only or declined.
 *
 * @param pairs    by request index (into {@code requests}), the coaches it showed with their grades;
 *                 requests without feedback have an empty list
 * @param counts   what was read and what was skipped, by name, for reports and the manifest
 * @param fingerprint SHA-256 over the three files' bytes
 * @param history  every feedback event of a known coach, by coach and time, for behaviour as of a moment
 */
public record DataSet(
        List<CoachProfile> coaches,
        List<MatchingRequest> requests,
        List<List<Pair>> pairs,
        Map<String, Long> counts,
        String fingerprint,
        EventHistory history) {

    /**
     * One graded pair. {@code position} is the 1-based position it was shown at, 0 when unknown.
     *
     * @param logged the feature vector serving scored for this pair, read from {@code features.jsonl}
     *               ({@link io.coachmatch.core.features.FeatureExtractor#FEATURES} order); null when none was logged
     */
    public record Pair(int coach, int grade, int position, double[] logged) {

        public Pair(int coach, int grade, int position) {
            this(coach, grade, position, null);
        }
    }

    public long pairCount() {
        long n = 0;
        for (List<Pair> p : pairs) {
            n += p.size();
        }
        return n;
    }
}
