package io.coachmatch.core.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answer to a request on {@code matching-responses}. A request with no match is answered with
 * an empty {@code matches}, not with an error.
 *
 * @param totalMatches         coaches that passed the filters and the minimum score, before the cut to max_results
 * @param candidatesConsidered coaches in the catalog when the request was matched
 * @param filteredOut          coaches dropped by each hard filter, by reason
 */
public record MatchingResponse(
        String requestId,
        String status,
        List<Match> matches,
        int totalMatches,
        int candidatesConsidered,
        Map<String, Integer> filteredOut,
        long processingTimeMs,
        String modelVersion,
        String experiment,
        String variant,
        Instant servedAt,
        List<String> warnings) {

    public static final String STATUS_COMPLETED = "completed";

    /** A copy that names the experiment, variant and model version that produced it. */
    public MatchingResponse withExperiment(String newExperiment, String newVariant, String newModelVersion) {
        return new MatchingResponse(
                requestId,
                status,
                matches,
                totalMatches,
                candidatesConsidered,
                filteredOut,
                processingTimeMs,
                newModelVersion,
                newExperiment,
                newVariant,
                servedAt,
                warnings);
    }

    /** A copy with these warnings added to the ones it has. */
    public MatchingResponse withWarnings(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(warnings == null ? List.of() : warnings);
        for (String w : more) {
            if (!all.contains(w)) {
                all.add(w);
            }
        }
        return new MatchingResponse(
                requestId,
                status,
                matches,
                totalMatches,
                candidatesConsidered,
                filteredOut,
                processingTimeMs,
                modelVersion,
                experiment,
                variant,
                servedAt,
                List.copyOf(all));
    }

    /** A copy that keeps only the first {@code n} matches (ranks and {@code total_matches} unchanged). */
    public MatchingResponse withFirstMatches(int n) {
        List<Match> kept = matches == null || n >= matches.size() ? matches : List.copyOf(matches.subList(0, n));
        return new MatchingResponse(
                requestId,
                status,
                kept,
                totalMatches,
                candidatesConsidered,
                filteredOut,
                processingTimeMs,
                modelVersion,
                experiment,
                variant,
                servedAt,
                warnings);
    }

    /** A copy with another processing time (a cached answer keeps its original content otherwise). */
    public MatchingResponse withProcessingTimeMs(long ms) {
        return new MatchingResponse(
                requestId,
                status,
                matches,
                totalMatches,
                candidatesConsidered,
                filteredOut,
                ms,
                modelVersion,
                experiment,
                variant,
                servedAt,
                warnings);
    }
}
