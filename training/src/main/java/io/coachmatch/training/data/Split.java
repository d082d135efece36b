package io.coachmatch.training.data;

import io.coachmatch.core.contract.MatchingRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time-based split: requests with feedback, ordered by {@code created_at} (then id), the most
 * recent {@code testShare} for testing, the {@code validationShare} just before it for choosing the
 * blend weight, the rest for fitting. Never random, so the model is always judged on the future.
 *
 * @param train      request indices to fit on, oldest first
 * @param validation request indices to choose the blend on
 * @param test       request indices to report on
 */
public record Split(List<Integer> train, List<Integer> validation, List<Integer> test) {

    public static Split byTime(DataSet data, double testShare, double validationShare) {
        List<Integer> withFeedback = new ArrayList<>();
        for (int i = 0; i < data.requests().size(); i++) {
            if (!data.pairs().get(i).isEmpty()) {
                withFeedback.add(i);
            }
        }
        List<MatchingRequest> rs = data.requests();
        withFeedback.sort(Comparator.<Integer, Instant>comparing(i -> rs.get(i).createdAt() == null
                        ? Instant.EPOCH
                        : rs.get(i).createdAt())
                .thenComparing(i -> rs.get(i).requestId()));
        int n = withFeedback.size();
        int testN = (int) Math.round(n * testShare);
        int valN = (int) Math.round(n * validationShare);
        int trainEnd = Math.max(0, n - testN - valN);
        return new Split(
                List.copyOf(withFeedback.subList(0, trainEnd)),
                List.copyOf(withFeedback.subList(trainEnd, n - testN)),
                List.copyOf(withFeedback.subList(n - testN, n)));
    }
}
