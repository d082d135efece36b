package io.coachmatch.training.simulate;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.CoachTable;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.RequestSide;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.synthetic.SimulatedUsers;
import io.coachmatch.core.synthetic.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simulates what requesters of one {@link World} did with answers ranked by the rules: each request is answered by
 * the rules (the catalog index, minimum score 0) with its top {@code shown} coaches, and core's
 * {@link SimulatedUsers} turns the answer into feedback events: in the classic world from the pairs' features (as
 * documented there), in the others from the world's utility and its coaches' latent quality.
 *
 * <p>It also knows the truth the logs only hint at ({@link #truth}): how every candidate of a later request would
 * have served its requester, for judging a ranker on requests it never saw.
 *
 * <p>Every request draws from its own random stream split from the seed, so the output depends only on the seed
 * and the inputs, not on how many threads simulate.
 */
public final class FeedbackSimulator {

    /** Truth tiers: a candidate whose realised utility is within these of the best candidate's gets grade 3, 2, 1. */
    static final double[] TIERS = {0.5, 1.0, 1.5};

    /** The standard deviation of the noise of a realised utility in the truth. */
    static final double TRUTH_NOISE = 0.4;

    private final World world;
    private final CatalogIndex catalog;
    private final FeatureExtractor extractor;
    private final CoachTable table;
    private final List<CoachFacts> facts;
    private final World.Latent[] latent;
    private final MatchingEngine engine;
    private final MatchingSettings settings;
    private final int shown;

    /**
     * @param world   whose people react
     * @param catalog the world's coaches as it shows them ({@link World#dress})
     * @param table   the feature table of the catalog's coaches, indexed as the catalog (used by the classic world)
     */
    public FeedbackSimulator(
            World world,
            CatalogIndex catalog,
            FeatureExtractor extractor,
            CoachTable table,
            MatchingSettings settings,
            int shown) {
        this.world = world;
        this.catalog = catalog;
        this.extractor = extractor;
        this.table = table;
        this.settings = settings.withMinMatchScore(0.0);
        this.engine = new MatchingEngine(this.settings);
        this.shown = shown;
        this.facts = new ArrayList<>(catalog.size());
        this.latent = new World.Latent[catalog.size()];
        for (int i = 0; i < catalog.size(); i++) {
            facts.add(CoachFacts.of(catalog.coach(i), settings.rates()));
            latent[i] = world.latent(catalog.coach(i).id(), World.listed(catalog.coach(i)));
        }
    }

    /** The events of one request, in time order; {@code eventIds} are assigned by the caller. */
    public List<FeedbackEvent> simulate(MatchingRequest request, SplittableRandom random) {
        MatchQuery q = engine.compile(request.withMaxResults(shown));
        MatchOutcome outcome = engine.match(q, catalog, null, null);
        List<ScoredCoach> top = outcome.top();
        if (world.classic()) {
            RequestSide rs = extractor.request(q, table);
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
        int n = top.size();
        String[] ids = new String[n];
        int[] positions = new int[n];
        double[] u = new double[n];
        double[] quality = new double[n];
        for (int i = 0; i < n; i++) {
            int index = catalog.indexOf(top.get(i).coach().id()).orElseThrow();
            ids[i] = top.get(i).coach().id();
            positions[i] = i + 1;
            u[i] = utility(q, null, index);
            quality[i] = latent[index].quality();
        }
        World.Preferences p = world.preferences();
        return SimulatedUsers.react(
                request,
                ids,
                positions,
                u,
                quality,
                p.bookingQuality(),
                p.ratingQuality(),
                random,
                MatchingEngine.RULES_ONLY,
                null);
    }

    /**
     * How every candidate of a request (every coach passing its hard filters) would have served its requester:
     * the realised utility {@code z = u + Normal(0, TRUTH_NOISE)} of each, graded 3, 2 or 1 when within
     * {@link #TIERS} of the best candidate's noise-free utility, else 0; and the ten candidates of highest
     * noise-free utility (what a ranker that knew the world, latent quality included, would show), and the ten a
     * ranker knowing every observable field but nothing latent (quality, taste) would show.
     */
    public Truth truth(MatchingRequest request, SplittableRandom random) {
        MatchQuery q = MatchQuery.compile(
                request, settings, request.createdAt() == null ? Instant.EPOCH : request.createdAt());
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            if (RuleScorer.filter(q, facts.get(i)).isEmpty()) {
                candidates.add(i);
            }
        }
        int n = candidates.size();
        double[] u = new double[n];
        RequestSide rs = world.classic() ? extractor.request(q, table) : null;
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            u[k] = utility(q, rs, candidates.get(k));
            best = Math.max(best, u[k]);
        }
        Map<String, Integer> grades = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            double z = u[k] + TRUTH_NOISE * random.nextGaussian();
            int grade = z >= best - TIERS[0] ? 3 : z >= best - TIERS[1] ? 2 : z >= best - TIERS[2] ? 1 : 0;
            if (grade > 0) {
                grades.put(catalog.coach(candidates.get(k)).id(), grade);
            }
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(u[b], u[a]));
        List<String> oracle = new ArrayList<>();
        for (int k = 0; k < Math.min(10, n); k++) {
            oracle.add(catalog.coach(candidates.get(order[k])).id());
        }
        // what a ranker knowing every observable field but nothing latent (quality, taste) would show
        double weight = world.preferences().quality();
        double[] seen = new double[n];
        for (int k = 0; k < n; k++) {
            int c = candidates.get(k);
            seen[k] = u[k]
                    - weight * latent[c].quality() * gate(q, c)
                    - world.preferences().taste()
                            * SimulatedUsers.taste(
                                    q.request().effectiveRequesterId(),
                                    catalog.coach(c).id());
        }
        Arrays.sort(order, (a, b) -> Double.compare(seen[b], seen[a]));
        List<String> observable = new ArrayList<>();
        for (int k = 0; k < Math.min(10, n); k++) {
            observable.add(catalog.coach(candidates.get(order[k])).id());
        }
        return new Truth(request.requestId(), n, grades, oracle, observable);
    }

    /**
     * The noise-free utility (taste included) of a coach of the catalog for a compiled request; {@code rs} is the
     * request's side of the features (classic world only, else null).
     */
    private double utility(MatchQuery q, RequestSide rs, int index) {
        double taste = SimulatedUsers.taste(
                q.request().effectiveRequesterId(), catalog.coach(index).id());
        if (world.classic()) {
            double[] x = new double[FeatureExtractor.SIZE];
            extractor.extract(rs, table, index, RuleScorer.score(q, facts.get(index), settings.weights()), x);
            return SimulatedUsers.utility(
                    x, SimulatedUsers.priceSensitivity(q.request().effectivePriority()), taste);
        }
        return world.utility(q, facts.get(index), latent[index])
                + world.preferences().taste() * taste;
    }

    /**
     * The truth of one later request: {@code grades} names the candidates of grade 1 to 3 (every other candidate is
     * 0), {@code oracle} the ten a ranker knowing the world would show.
     */
    public record Truth(
            String requestId,
            int candidates,
            Map<String, Integer> grades,
            List<String> oracle,
            List<String> observableOracle) {}

    private double gate(MatchQuery q, int index) {
        if (world.classic()) {
            return 0;
        }
        World.Preferences p = world.preferences();
        double fit = world.fit(q, facts.get(index), latent[index], null);
        return 1.0 / (1.0 + Math.exp(-p.gateSlope() * (fit - p.gateCentre())));
    }
}
