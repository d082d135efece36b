package io.coachmatch.core.matching;

import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a validated request against a catalog index: compile, match, explain, write the
 * contract's response. Serving adds its own fields (experiment, variant, warnings) afterwards.
 * Thread-safe; one engine serves every request of one configuration.
 */
public final class MatchingEngine {

    /** The model_version of answers ranked by the rules alone. */
    public static final String RULES_ONLY = "rules";

    private final MatchingSettings settings;
    private final Explainer explainer;
    private final Clock clock;

    public MatchingEngine(MatchingSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public MatchingEngine(MatchingSettings settings, Clock clock) {
        this.settings = settings;
        this.explainer = new Explainer(settings);
        this.clock = clock;
    }

    public MatchingSettings settings() {
        return settings;
    }

    /** Compiles a request with this engine's settings and clock. */
    public MatchQuery compile(MatchingRequest request) {
        return MatchQuery.compile(request, settings, clock.instant());
    }

    /** Matches without explaining: what batch ranking and evaluation need. */
    public MatchOutcome match(MatchQuery query, CatalogIndex catalog, ModelScorer model, long[] excluded) {
        return catalog.match(query, settings.weights(), settings.minMatchScore(), model, excluded);
    }

    /**
     * The full answer to a request.
     *
     * @param model    null for rules only
     * @param excluded coaches of the index to ignore, or null
     */
    public MatchingResponse respond(MatchingRequest request, CatalogIndex catalog, ModelScorer model, long[] excluded) {
        long startNanos = System.nanoTime();
        MatchQuery query = compile(request);
        MatchOutcome outcome = match(query, catalog, model, excluded);
        return toResponse(query, outcome, model, startNanos);
    }

    /** Writes an outcome (possibly merged from several catalogs) as the contract's response. */
    public MatchingResponse toResponse(MatchQuery query, MatchOutcome outcome, ModelScorer model, long startNanos) {
        List<Match> matches = new ArrayList<>(outcome.top().size());
        int rank = 1;
        for (ScoredCoach sc : outcome.top()) {
            matches.add(explainer.explain(query, sc, rank++, model == null ? null : model.skillEvidence()));
        }
        Instant served = clock.instant();
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        return new MatchingResponse(
                query.request().requestId(),
                MatchingResponse.STATUS_COMPLETED,
                matches,
                outcome.totalMatches(),
                outcome.candidatesConsidered(),
                outcome.filteredOutByKey(),
                ms,
                model == null ? RULES_ONLY : model.version(),
                null,
                null,
                served,
                List.of());
    }
}
