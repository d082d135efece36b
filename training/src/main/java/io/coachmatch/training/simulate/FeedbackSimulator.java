package io.coachmatch.training.simulate;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.CoachTable;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.RequestSide;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.synthetic.SimulatedUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates what requesters did with answers ranked by the rules: each request is answered by the rules (the
 * catalog index, minimum score 0) with its top {@code shown} coaches, and core's {@link SimulatedUsers} (the latent
 * preference, position bias and choice process, documented there) turns the answer into feedback events, with the
 * features of the pairs computed by the given extractor.
 *
 * <p>Every request draws from its own random stream split from the seed, so the output depends only on the seed
 * and the inputs, not on how many threads simulate.
 */
public final class FeedbackSimulator {

    private final CatalogIndex catalog;
    private final FeatureExtractor extractor;
    private final CoachTable table;
    private final MatchingEngine engine;
    private final int shown;

    /** @param table the feature table of the catalog's coaches, indexed as the catalog */
    public FeedbackSimulator(
            CatalogIndex catalog, FeatureExtractor extractor, CoachTable table, MatchingSettings settings, int shown) {
        this.catalog = catalog;
        this.extractor = extractor;
        this.table = table;
        this.engine = new MatchingEngine(settings.withMinMatchScore(0.0));
        this.shown = shown;
    }

    /** The events of one request, in time order; {@code eventIds} are assigned by the caller. */
    public List<FeedbackEvent> simulate(MatchingRequest request, SplittableRandom random) {
        MatchingRequest capped = new MatchingRequest(
                request.requestId(),
                request.requesterId(),
                request.createdAt(),
                request.title(),
                request.description(),
                request.sessionType(),
                request.priority(),
                request.skillsRequired(),
                request.budgetConstraints(),
                request.availabilityRequirements(),
                request.languageRequirements(),
                request.participantsCount(),
                request.totalSessions(),
                shown);
        MatchQuery q = engine.compile(capped);
        MatchOutcome outcome = engine.match(q, catalog, null, null);
        RequestSide rs = extractor.request(q, table);
        List<ScoredCoach> top = outcome.top();
        List<SimulatedUsers.Shown> list = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            ScoredCoach sc = top.get(i);
            int index = catalog.indexOf(sc.coach().id()).orElseThrow();
            double[] x = new double[FeatureExtractor.SIZE];
            extractor.extract(rs, table, index, sc.rules(), x);
            list.add(new SimulatedUsers.Shown(sc.coach().id(), i + 1, x));
        }
        return SimulatedUsers.react(request, list, random, MatchingEngine.RULES_ONLY, null);
    }
}
