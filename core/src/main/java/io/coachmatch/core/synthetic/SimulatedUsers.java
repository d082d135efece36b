package io.coachmatch.core.synthetic;

import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.features.FeatureExtractor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulated requesters: what a person does with the coaches an answer shows, from a latent preference that differs
 * from the rule score, so that a ranker that learned the preference has something real to win (offline, where
 * {@code coachmatch-train generate} writes its feedback with it, and online, where the serving tests run an A/B
 * experiment against it). It lives in core so that training and serving simulate the same people.
 *
 * <p>The requester's utility for a shown coach is, with the features of {@link FeatureExtractor} (the caller
 * computes them; the world's extractor, the same for every variant, so people do not change with the ranker):
 * <pre>
 *   u = 3.0 · tfidf_cosine                      topical fit of skills, title and bio to the request text
 *     + 2.5 · (shrunk_rating − 0.6)             trust in reviews, shrunk toward the prior
 *     − β(priority) · price_ratio               β = 1.6 low, 0.8 normal, 0.15 high: urgent requests ignore price
 *     + 1.0 · (response_speed − 0.5)            people prefer coaches who answer fast
 *     + 1.0 · repeat_client_rate
 *     + 0.3 · taste(requester, coach)           unobservable: a requester's liking for some coaches, ±1
 *     + ε,  ε ~ Normal(0, 0.25)
 * </pre>
 * The rules weigh none of tfidf, response speed, repeat clients or priority-dependent price. People choose among
 * what they are shown, so what counts is {@code d = u − mean(u over the list)}. Position bias: a requester looks at
 * position p with probability {@code p^−0.4} (1 at the top, 0.40 at 10, 0.30 at 20). A looked-at coach is clicked
 * with probability σ(5d − 1); a click becomes a contact with σ(3.75d + 0.5); a contact a booking with σ(3.75d),
 * else a decline half the time; a booking is rated 80% of the time with round(3.6 + 2d + Normal(0, 0.5)) stars,
 * clamped to 1..5.
 *
 * <p>Invariants: the events depend only on the request, the shown list and the random stream (drawn in a fixed
 * order: one noise draw per coach in list order, then each coach's choices in list order), so a seeded stream per
 * request gives the same events however many threads simulate. Every shown coach gets an {@code impression} at its
 * position (first, at {@code created_at} + 1 s); the other events follow in time order. Event ids are left null for
 * the caller to assign.
 */
public final class SimulatedUsers {

    /** Exponent of the examination probability {@code position^−POSITION_BIAS}. */
    public static final double POSITION_BIAS = 0.4;
    /** Standard deviation of the per-impression noise of the utility. */
    public static final double NOISE = 0.25;
    /** Slope of the click probability in the relative utility. */
    public static final double SLOPE = 5;
    /** Weight of the unobservable taste. */
    public static final double TASTE = 0.3;

    private static final int TFIDF = FeatureExtractor.FEATURES.indexOf("tfidf_cosine");
    private static final int RATING = FeatureExtractor.FEATURES.indexOf("shrunk_rating");
    private static final int PRICE = FeatureExtractor.FEATURES.indexOf("price_ratio");
    private static final int SPEED = FeatureExtractor.FEATURES.indexOf("response_speed");
    private static final int REPEAT = FeatureExtractor.FEATURES.indexOf("repeat_client_rate");

    /**
     * One coach as the requester saw it.
     *
     * @param position 1-based position in the answer
     * @param features the pair's features in {@link FeatureExtractor#FEATURES} order
     */
    public record Shown(String coachId, int position, double[] features) {

        public Shown {
            if (features == null || features.length < FeatureExtractor.SIZE) {
                throw new IllegalArgumentException(
                        "features of " + coachId + " must have " + FeatureExtractor.SIZE + " values");
            }
        }
    }

    private SimulatedUsers() {}

    /**
     * What the requester of {@code request} does with the coaches shown, as feedback events in time order.
     *
     * @param shown        the answer's coaches, in rank order
     * @param modelVersion written on every event (the version that answered)
     * @param variant      written on every event; null when there is none
     */
    public static List<FeedbackEvent> react(
            MatchingRequest request, List<Shown> shown, SplittableRandom random, String modelVersion, String variant) {
        double beta = priceSensitivity(request.effectivePriority());
        String requester = request.effectiveRequesterId();
        double[] u = new double[shown.size()];
        String[] coaches = new String[shown.size()];
        int[] positions = new int[shown.size()];
        for (int i = 0; i < u.length; i++) {
            Shown s = shown.get(i);
            u[i] = utility(s.features(), beta, taste(requester, s.coachId()));
            coaches[i] = s.coachId();
            positions[i] = s.position();
        }
        return react(request, coaches, positions, u, null, 0, 0, random, modelVersion, variant);
    }

    /**
     * The choice process of the class comment over utilities a world computed (see {@link World}): one noise draw
     * per coach in list order, then each coach's choices in list order. A coach's latent quality {@code q} adds
     * {@code bookingQuality · q} to the logit of turning a contact into a booking and {@code ratingQuality · q} to
     * the stars; with {@code quality} null this is exactly the classic process.
     *
     * @param utilities the requester's utility for each shown coach without its noise
     * @param quality   each shown coach's latent quality, or null for none
     */
    public static List<FeedbackEvent> react(
            MatchingRequest request,
            String[] coaches,
            int[] positions,
            double[] utilities,
            double[] quality,
            double bookingQuality,
            double ratingQuality,
            SplittableRandom random,
            String modelVersion,
            String variant) {
        Instant t0 = request.createdAt() == null ? Instant.EPOCH : request.createdAt();
        double[] u = new double[utilities.length];
        double mean = 0;
        for (int i = 0; i < u.length; i++) {
            u[i] = utilities[i] + NOISE * random.nextGaussian();
            mean += u[i];
        }
        mean /= Math.max(1, u.length);
        Events out = new Events(request, modelVersion, variant);
        List<FeedbackEvent> events = new ArrayList<>();
        List<FeedbackEvent> later = new ArrayList<>();
        for (int i = 0; i < u.length; i++) {
            int position = positions[i];
            String coach = coaches[i];
            double d = u[i] - mean;
            double q = quality == null ? 0 : quality[i];
            events.add(out.event(coach, FeedbackType.IMPRESSION, position, null, t0.plusSeconds(1)));
            if (random.nextDouble() >= examination(position)) {
                continue;
            }
            long at = 30 + random.nextInt(600);
            Outcome o = outcome(d, q, bookingQuality, ratingQuality, random);
            if (!o.clicked()) {
                continue;
            }
            later.add(out.event(coach, FeedbackType.CLICK, position, null, t0.plusSeconds(at)));
            if (!o.contacted()) {
                continue;
            }
            at += o.contactDelay();
            later.add(out.event(coach, FeedbackType.CONTACT, position, null, t0.plusSeconds(at)));
            at += o.bookingDelay();
            if (o.declined()) {
                later.add(out.event(coach, FeedbackType.DECLINED, position, null, t0.plusSeconds(at)));
                continue;
            }
            if (o.grade() < 2) {
                continue;
            }
            later.add(out.event(coach, FeedbackType.BOOKED, position, null, t0.plusSeconds(at)));
            if (o.stars() > 0) {
                later.add(out.event(
                        coach, FeedbackType.RATED, position, o.stars(), t0.plusSeconds(at + 86_400L * o.ratingDays())));
            }
        }
        later.sort(Comparator.comparing(FeedbackEvent::occurredAt));
        events.addAll(later);
        return events;
    }

    /**
     * What a requester who looked at a coach did, with the relative utility {@code d}: clicked, contacted, booked or
     * declined, and the stars given (0 for none). Draws in the classic order: click, contact (and its delay),
     * booking (and its delay), decline coin, rating coin and stars (and the day).
     *
     * @param grade the contract's grade of the pair: 3 booked and rated 4 or more, 2 booked, 1 clicked, else 0
     */
    public record Outcome(
            boolean clicked,
            boolean contacted,
            boolean declined,
            int grade,
            double stars,
            long contactDelay,
            long bookingDelay,
            long ratingDays) {}

    /** The outcome of a looked-at coach (see {@link Outcome}). */
    public static Outcome outcome(
            double d, double q, double bookingQuality, double ratingQuality, SplittableRandom random) {
        if (random.nextDouble() >= sigmoid(SLOPE * d - 1.0)) {
            return new Outcome(false, false, false, 0, 0, 0, 0, 0);
        }
        if (random.nextDouble() >= sigmoid(SLOPE * 0.75 * d + 0.5)) {
            return new Outcome(true, false, false, 1, 0, 0, 0, 0);
        }
        long contactDelay = 600 + random.nextInt(7200);
        long bookingDelay = 3600 + random.nextInt(86_400);
        if (random.nextDouble() >= sigmoid(SLOPE * 0.75 * d + bookingQuality * q)) {
            boolean declined = random.nextBoolean();
            return new Outcome(true, true, declined, declined ? 0 : 1, 0, contactDelay, bookingDelay, 0);
        }
        if (random.nextDouble() < 0.8) {
            double stars = Math.max(
                    1, Math.min(5, Math.round(3.6 + 2.0 * d + ratingQuality * q + 0.5 * random.nextGaussian())));
            long days = 1 + random.nextInt(14);
            return new Outcome(true, true, false, stars >= 4 ? 3 : 2, stars, contactDelay, bookingDelay, days);
        }
        return new Outcome(true, true, false, 2, 0, contactDelay, bookingDelay, 0);
    }

    /** β of the utility: how much a requester of this priority minds the price. */
    public static double priceSensitivity(Priority priority) {
        return switch (priority) {
            case LOW -> 1.6;
            case NORMAL -> 0.8;
            case HIGH -> 0.15;
        };
    }

    /** The utility without its noise (see the class comment), with {@code beta} from {@link #priceSensitivity}. */
    public static double utility(double[] x, double beta, double taste) {
        return 3.0 * x[TFIDF]
                + 2.5 * (x[RATING] - 0.6)
                - beta * x[PRICE]
                + 1.0 * (x[SPEED] - 0.5)
                + 1.0 * x[REPEAT]
                + TASTE * taste;
    }

    /** The probability that a requester looks at the coach at this 1-based position. */
    public static double examination(int position) {
        return Math.pow(position, -POSITION_BIAS);
    }

    /** A requester's fixed, unobservable liking for a coach, in [−1, 1]. */
    public static double taste(String requester, String coach) {
        long h = (requester.hashCode() * 0x9E3779B97F4A7C15L) ^ (coach.hashCode() * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    private static double sigmoid(double v) {
        return 1.0 / (1.0 + Math.exp(-v));
    }

    private record Events(MatchingRequest request, String modelVersion, String variant) {

        FeedbackEvent event(String coach, FeedbackType type, int position, Double rating, Instant at) {
            return new FeedbackEvent(
                    null,
                    request.requestId(),
                    request.requesterId(),
                    coach,
                    type,
                    position,
                    rating,
                    modelVersion,
                    variant,
                    at);
        }
    }
}
