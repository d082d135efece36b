package io.coachmatch.core.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What matching one request against a catalog produced, before it is explained and written.
 *
 * @param top                  the best matches, in ranking order, at most max_results
 * @param totalMatches         coaches that passed the filters and the minimum score
 * @param candidatesConsidered coaches in the catalog
 * @param filteredOut          coaches dropped, by the first filter each failed
 */
public record MatchOutcome(
        List<ScoredCoach> top, int totalMatches, int candidatesConsidered, Map<FilterReason, Integer> filteredOut) {

    public MatchOutcome {
        top = List.copyOf(top);
        EnumMap<FilterReason, Integer> copy = new EnumMap<>(FilterReason.class);
        for (FilterReason r : FilterReason.values()) {
            copy.put(r, filteredOut.getOrDefault(r, 0));
        }
        filteredOut = Collections.unmodifiableMap(copy);
    }

    /** {@code filtered_out} as the contract writes it: every reason, in filter order. */
    public Map<String, Integer> filteredOutByKey() {
        Map<String, Integer> out = new LinkedHashMap<>();
        filteredOut.forEach((r, n) -> out.put(r.key(), n));
        return out;
    }

    /**
     * Combines the outcomes of two disjoint catalogs (say a large index and a small overlay of
     * recent updates) as if they had been one.
     */
    public static MatchOutcome merge(MatchOutcome a, MatchOutcome b, int maxResults) {
        List<ScoredCoach> all = new ArrayList<>(a.top.size() + b.top.size());
        all.addAll(a.top);
        all.addAll(b.top);
        all.sort(ScoredCoach.RANKING);
        EnumMap<FilterReason, Integer> counts = new EnumMap<>(FilterReason.class);
        for (FilterReason r : FilterReason.values()) {
            counts.put(r, a.filteredOut.get(r) + b.filteredOut.get(r));
        }
        return new MatchOutcome(
                all.subList(0, Math.min(maxResults, all.size())),
                a.totalMatches + b.totalMatches,
                a.candidatesConsidered + b.candidatesConsidered,
                counts);
    }
}
