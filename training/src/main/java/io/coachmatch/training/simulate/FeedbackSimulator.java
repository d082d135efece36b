package io.coachmatch.training.simulate;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates what requesters did with answers ranked by the rules, from a latent preference that
 * differs from the rule score, so a learned ranker has something real to find.
 *
 * <p>Each request is answered by the rules (the catalog index, minimum score 0) with its top
 * {@code shown} coaches, each an {@code impression} at its position. The requester's utility for a
 * coach is, with the features of {@link FeatureExtractor}:
 * <pre>
 *   u = 3.0 · tfidf_cosine                      topical fit of skills, title and bio to the request text
 *     + 2.5 · (shrunk_rating − 0.6)             trust in reviews, shrunk toward the prior
 *     − β(priority) · price_ratio               β = 1.6 low, 0.8 normal, 0.15 high: urgent requests ignore price
 *     + 1.0 · (response_speed − 0.5)            people prefer coaches who answer fast
 *     + 1.0 · repeat_client_rate
 *     + 0.3 · taste(requester, coach)           unobservable: a requester's liking for some coaches, ±1
 *     + ε,  ε ~ Normal(0, 0.25)
 * </pre>
 * The rules weigh none of tfidf, response speed, repeat clients or priority-dependent price. People
 * choose among what they are shown, so what counts is {@code d = u − mean(u over the list)}.
 * Position bias: a requester looks at position p with probability {@code p^−0.4} (1 at the top,
 * 0.40 at 10, 0.30 at 20). A looked-at coach is clicked with probability σ(5d − 1); a click becomes
 * a contact with σ(3.75d + 0.5); a contact a booking with σ(3.75d), else a decline half the time; a booking is rated 80% of the time with
 * round(3.6 + 2d + Normal(0, 0.5)) stars, clamped to 1..5.
 *
 * <p>Every request draws from its own random stream split from the seed, so the output depends only
 * on the seed and the inputs, not on how many threads simulate.
 */
public final class FeedbackSimulator {

    static final double POSITION_BIAS = 0.4;
    static final double NOISE = 0.25;
    static final double SLOPE = 5;
    static final double TASTE = 0.3;

    private final CatalogIndex catalog;
    private final FeatureExtractor extractor;
    private final FeatureExtractor.CoachTable table;
    private final MatchingEngine engine;
    private final int shown;

    /** @param table the feature table of the catalog's coaches, indexed as the catalog */
    public FeedbackSimulator(CatalogIndex catalog, FeatureExtractor extractor, FeatureExtractor.CoachTable table,
            MatchingSettings settings, int shown) {
        this.catalog = catalog;
        this.extractor = extractor;
        this.table = table;
        this.engine = new MatchingEngine(settings.withMinMatchScore(0.0));
        this.shown = shown;
    }

    /** The events of one request, in time order; {@code eventIds} are assigned by the caller. */
    public List<FeedbackEvent> simulate(MatchingRequest request, SplittableRandom random) {
        MatchingRequest capped = new MatchingRequest(request.requestId(), request.requesterId(), request.createdAt(),
                request.title(), request.description(), request.sessionType(), request.priority(),
                request.skillsRequired(), request.budgetConstraints(), request.availabilityRequirements(),
                request.languageRequirements(), request.participantsCount(), request.totalSessions(), shown);
        MatchQuery q = engine.compile(capped);
        MatchOutcome outcome = engine.match(q, catalog, null, null);
        FeatureExtractor.RequestSide rs = extractor.request(q, table);
        double beta = switch (request.effectivePriority()) {
            case LOW -> 1.6;
            case NORMAL -> 0.8;
            case HIGH -> 0.15;
        };
        Instant t0 = request.createdAt() == null ? Instant.EPOCH : request.createdAt();
        List<FeedbackEvent> events = new ArrayList<>();
        List<FeedbackEvent> later = new ArrayList<>();
        double[] x = new double[FeatureExtractor.SIZE];
        List<ScoredCoach> top = outcome.top();
        double[] u = new double[top.size()];
        double mean = 0;
        String requester = request.effectiveRequesterId();
        for (int i = 0; i < u.length; i++) {
            ScoredCoach sc = top.get(i);
            int index = catalog.indexOf(sc.coach().id()).orElseThrow();
            extractor.extract(rs, table, index, sc.rules(), x);
            u[i] = utility(x, beta, taste(requester, sc.coach().id())) + NOISE * random.nextGaussian();
            mean += u[i];
        }
        mean /= Math.max(1, u.length);
        for (int i = 0; i < u.length; i++) {
            int position = i + 1;
            CoachProfile coach = top.get(i).coach();
            double d = u[i] - mean;
            events.add(event(request, coach, FeedbackType.IMPRESSION, position, null, t0.plusSeconds(1)));
            if (random.nextDouble() >= Math.pow(position, -POSITION_BIAS)) {
                continue;
            }
            long at = 30 + random.nextInt(600);
            if (random.nextDouble() >= sigmoid(SLOPE * d - 1.0)) {
                continue;
            }
            later.add(event(request, coach, FeedbackType.CLICK, position, null, t0.plusSeconds(at)));
            if (random.nextDouble() >= sigmoid(SLOPE * 0.75 * d + 0.5)) {
                continue;
            }
            at += 600 + random.nextInt(7200);
            later.add(event(request, coach, FeedbackType.CONTACT, position, null, t0.plusSeconds(at)));
            at += 3600 + random.nextInt(86_400);
            if (random.nextDouble() >= sigmoid(SLOPE * 0.75 * d)) {
                if (random.nextBoolean()) {
                    later.add(event(request, coach, FeedbackType.DECLINED, position, null, t0.plusSeconds(at)));
                }
                continue;
            }
            later.add(event(request, coach, FeedbackType.BOOKED, position, null, t0.plusSeconds(at)));
            if (random.nextDouble() < 0.8) {
                double stars = Math.max(1, Math.min(5, Math.round(3.6 + 2.0 * d + 0.5 * random.nextGaussian())));
                later.add(event(request, coach, FeedbackType.RATED, position, stars,
                        t0.plusSeconds(at + 86_400L * (1 + random.nextInt(14)))));
            }
        }
        later.sort((a, b) -> a.occurredAt().compareTo(b.occurredAt()));
        events.addAll(later);
        return events;
    }

    /** The observable part of the latent utility (see the class comment). */
    static double utility(double[] x, double beta, double taste) {
        return 3.0 * x[TFIDF]
                + 2.5 * (x[RATING] - 0.6)
                - beta * x[PRICE]
                + 1.0 * (x[SPEED] - 0.5)
                + 1.0 * x[REPEAT]
                + TASTE * taste;
    }

    private static final int TFIDF = FeatureExtractor.FEATURES.indexOf("tfidf_cosine");
    private static final int RATING = FeatureExtractor.FEATURES.indexOf("shrunk_rating");
    private static final int PRICE = FeatureExtractor.FEATURES.indexOf("price_ratio");
    private static final int SPEED = FeatureExtractor.FEATURES.indexOf("response_speed");
    private static final int REPEAT = FeatureExtractor.FEATURES.indexOf("repeat_client_rate");

    /** A requester's fixed, unobservable liking for a coach, in [−1, 1]. */
    static double taste(String requester, String coach) {
        long h = (requester.hashCode() * 0x9E3779B97F4A7C15L) ^ (coach.hashCode() * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    private static FeedbackEvent event(MatchingRequest r, CoachProfile c, FeedbackType type, int position,
            Double rating, Instant at) {
        return new FeedbackEvent(null, r.requestId(), r.requesterId(), c.id(), type, position, rating,
                MatchingEngine.RULES_ONLY, null, at);
    }

}
