package io.coachmatch.training.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.fit.Propensity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * What a data scientist reads about one model on one test slice, the numbers behind every chart of the evaluation
 * report ({@link ReportPage}), also written as JSON for notebooks:
 *
 * <ul>
 *   <li>NDCG@10, MRR and booked@3 of the rules, the model and the served blend, each with a percentile bootstrap 95%
 *       interval over requests ({@value #BOOTSTRAP_SAMPLES} resamples, seeded);
 *   <li>NDCG@10 by segment: session type, priority, number of skills asked for, and whether the request's best
 *       outcome went to a new coach (fewer than {@value #ESTABLISHED_REVIEWS} reviews) or an established one;
 *   <li>permutation importances: how much the model's NDCG@10 drops when one feature's values are shuffled among the
 *       slice's pairs (seeded; features the model cannot see drop nothing);
 *   <li>click-through (grade ≥ 1) and booking (grade ≥ 2) by position shown, with the examination propensities the
 *       model was trained with (or, for a model that stores none, estimated from these pairs as {@code train}
 *       estimates them);
 *   <li>calibration: the model's score in ten equal-count bins against the click-through and booking rates of the
 *       pairs in each.
 * </ul>
 *
 * @param title       the page's heading
 * @param model       the version evaluated
 * @param algorithm   its algorithm
 * @param blendWeight the weight of the model in the served blend
 * @param slice       what was evaluated ("test slice of data: 1536 requests, 23893 pairs")
 * @param seed        the seed of the bootstrap and the permutations
 */
public record EvaluationReport(
        String title,
        String model,
        String algorithm,
        double blendWeight,
        String slice,
        long seed,
        List<RankerRow> rankers,
        List<SegmentRow> segments,
        List<Importance> importances,
        List<PositionRow> positions,
        String propensitySource,
        List<CalibrationBin> calibration) {

    /** Resamples of each bootstrap interval. */
    public static final int BOOTSTRAP_SAMPLES = 1000;

    /** Reviews from which a coach counts as established in the segments. */
    public static final int ESTABLISHED_REVIEWS = 5;

    /** Positions the click-through curve shows. */
    public static final int POSITIONS = 20;

    /** Bins of the calibration chart. */
    public static final int CALIBRATION_BINS = 10;

    /** Requests the permutation importances are measured on at most (the most recent of the slice). */
    public static final int IMPORTANCE_REQUESTS = 2000;

    /** A mean with its 95% interval. */
    public record Interval(Double mean, Double low, Double high) {}

    /** One ranker's quality on the slice. {@code bookedRequests} counts the requests with a booking. */
    public record RankerRow(
            String ranker,
            int requests,
            @JsonProperty("ndcg_at_10") Interval ndcgAt10,
            Interval mrr,
            @JsonProperty("booked_at_3") Interval bookedAt3,
            int bookedRequests) {}

    /** One ranker's NDCG@10 within one segment. */
    public record SegmentRow(
            String dimension,
            String segment,
            String ranker,
            int requests,
            @JsonProperty("ndcg_at_10") Interval ndcgAt10) {}

    /** One feature's permutation importance: the drop of the model's NDCG@10 when it is shuffled. */
    public record Importance(String feature, double ndcgDrop) {}

    /** Outcomes at one position shown. */
    public record PositionRow(int position, long shown, double clickThrough, double bookingRate, double propensity) {}

    /** One equal-count bin of model scores. */
    public record CalibrationBin(
            double scoreLow, double scoreHigh, double meanScore, long pairs, double clickThrough, double bookingRate) {}

    /**
     * Everything one evaluation needs.
     *
     * @param title    the page's heading
     * @param slice    a description of the pairs
     * @param pairs    the slice's pairs with their features, grades and positions
     * @param requests the request of each of the slice's requests, by its index in {@code pairs}
     * @param model    the model
     * @param version  its version
     * @param algorithm its algorithm
     * @param seed     seeds the bootstrap and the permutations
     */
    public record Inputs(
            String title,
            String slice,
            PairFeatures pairs,
            IntFunction<MatchingRequest> requests,
            CompiledModel model,
            String version,
            String algorithm,
            long seed) {}

    public static EvaluationReport build(Inputs in) {
        PairFeatures d = in.pairs();
        double[] model = Evaluation.modelScores(in.model(), d);
        double b = in.model().blendWeight();
        Map<String, double[]> scores = new LinkedHashMap<>();
        scores.put("rules", d.rule());
        scores.put("model", model);
        scores.put(String.format(Locale.ROOT, "served (blend %.2f)", b), Evaluation.blend(d.rule(), model, b));

        List<RankerRow> rankers = new ArrayList<>();
        List<SegmentRow> segments = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(in.seed());
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            RankingMetrics.PerRequest per = RankingMetrics.perRequest(d, e.getValue());
            double[] booked =
                    Arrays.stream(per.booked()).filter(v -> !Double.isNaN(v)).toArray();
            rankers.add(new RankerRow(
                    e.getKey(),
                    per.size(),
                    bootstrap(per.ndcg(), random),
                    bootstrap(per.rr(), random),
                    bootstrap(booked, random),
                    booked.length));
            segments.addAll(segments(e.getKey(), per, d, in.requests(), random));
        }
        return new EvaluationReport(
                in.title(),
                in.version(),
                in.algorithm(),
                b,
                in.slice(),
                in.seed(),
                rankers,
                segments,
                importances(in.model(), d, model, in.seed()),
                positions(d, in.model().extractor().behaviour()),
                in.model().extractor().behaviour() != null
                        ? "the model's own (trained with it)"
                        : "estimated from these pairs, as train estimates them",
                calibration(d, model));
    }

    /** The mean of {@code v} with a percentile bootstrap 95% interval; NaNs when {@code v} is empty. */
    static Interval bootstrap(double[] v, SplittableRandom random) {
        int n = v.length;
        if (n == 0) {
            return new Interval(null, null, null);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        double[] means = new double[BOOTSTRAP_SAMPLES];
        for (int s = 0; s < BOOTSTRAP_SAMPLES; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += v[random.nextInt(n)];
            }
            means[s] = sum / n;
        }
        Arrays.sort(means);
        return new Interval(
                mean,
                means[(int) Math.floor(0.025 * (BOOTSTRAP_SAMPLES - 1))],
                means[(int) Math.ceil(0.975 * (BOOTSTRAP_SAMPLES - 1))]);
    }

    private static List<SegmentRow> segments(
            String ranker,
            RankingMetrics.PerRequest per,
            PairFeatures d,
            IntFunction<MatchingRequest> requests,
            SplittableRandom random) {
        Map<String, Map<String, List<Double>>> by = new LinkedHashMap<>();
        for (int i = 0; i < per.size(); i++) {
            int r = per.request()[i];
            MatchingRequest q = requests.apply(r);
            double v = per.ndcg()[i];
            add(
                    by,
                    "session type",
                    q.sessionType() == null ? "unknown" : q.sessionType().wire(),
                    v);
            add(by, "priority", q.priority() == null ? "unknown" : q.priority().wire(), v);
            int skills = q.skillsRequired() == null ? 0 : q.skillsRequired().size();
            add(by, "skills requested", skills >= 4 ? "4+" : Integer.toString(skills), v);
            add(by, "best outcome went to", bestCoachEstablished(d, r) ? "established coach" : "new coach", v);
        }
        List<SegmentRow> out = new ArrayList<>();
        by.forEach((dimension, values) -> values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(s -> {
                    double[] v = s.getValue().stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray();
                    out.add(new SegmentRow(dimension, s.getKey(), ranker, v.length, bootstrap(v, random)));
                }));
        return out;
    }

    private static void add(Map<String, Map<String, List<Double>>> by, String dimension, String segment, double v) {
        by.computeIfAbsent(dimension, k -> new LinkedHashMap<>())
                .computeIfAbsent(segment, k -> new ArrayList<>())
                .add(v);
    }

    /** Whether the request's highest-graded coach (the first shown among equals) had enough reviews. */
    private static boolean bestCoachEstablished(PairFeatures d, int r) {
        int best = -1;
        for (int i = d.offsets()[r]; i < d.offsets()[r + 1]; i++) {
            if (best < 0 || d.grade()[i] > d.grade()[best]) {
                best = i;
            }
        }
        return d.ratingCount()[best] >= ESTABLISHED_REVIEWS;
    }

    /**
     * Permutation importance of every feature of the model, most important first: the model's NDCG@10 on the slice's
     * most recent {@value #IMPORTANCE_REQUESTS} requests minus its NDCG@10 with that feature's column shuffled.
     */
    static List<Importance> importances(CompiledModel model, PairFeatures all, double[] scores, long seed) {
        PairFeatures d = last(all, IMPORTANCE_REQUESTS);
        int skip = all.rows() - d.rows();
        double base = RankingMetrics.of(d, Arrays.copyOfRange(scores, skip, scores.length))
                .ndcgAt10();
        int f = FeatureExtractor.SIZE;
        int rows = d.rows();
        int[] perm = new int[rows];
        for (int i = 0; i < rows; i++) {
            perm[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<String> names = model.definition().features();
        // one feature per task, on every core: the same permutation for each, so the result does not depend on them
        List<Importance> out = new ArrayList<>(IntStream.range(0, names.size())
                .parallel()
                .mapToObj(j -> {
                    if (!uses(model, j)) {
                        return new Importance(names.get(j), 0.0); // no tree splits on it: shuffling changes nothing
                    }
                    double[] row = new double[f];
                    double[] shuffled = new double[rows];
                    for (int i = 0; i < rows; i++) {
                        System.arraycopy(d.x(), i * f, row, 0, f);
                        row[j] = d.x()[perm[i] * f + j];
                        shuffled[i] = model.score(row);
                    }
                    return new Importance(
                            names.get(j), base - RankingMetrics.of(d, shuffled).ndcgAt10());
                })
                .toList());
        out.sort(Comparator.comparingDouble(Importance::ndcgDrop).reversed());
        return out;
    }

    /** Whether the model's score can depend on feature {@code j}: a tree model only on the features it splits on. */
    static boolean uses(CompiledModel model, int j) {
        ModelDefinition.Gbt gbt = model.definition().gbt();
        if (gbt == null) {
            return true;
        }
        for (ModelDefinition.Tree t : gbt.trees()) {
            for (int feature : t.feature()) {
                if (feature == j) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The last {@code n} requests of {@code d} (all of them when there are fewer). */
    private static PairFeatures last(PairFeatures d, int n) {
        int first = Math.max(0, d.requests() - n);
        if (first == 0) {
            return d;
        }
        int from = d.offsets()[first];
        int f = FeatureExtractor.SIZE;
        int[] offsets = new int[d.requests() - first + 1];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = d.offsets()[first + i] - from;
        }
        int to = d.rows();
        return new PairFeatures(
                offsets,
                Arrays.copyOfRange(d.x(), from * f, to * f),
                Arrays.copyOfRange(d.grade(), from, to),
                Arrays.copyOfRange(d.rule(), from, to),
                Arrays.copyOfRange(d.ratingCount(), from, to),
                Arrays.copyOfRange(d.coachId(), from, to),
                Arrays.copyOfRange(d.position(), from, to),
                0);
    }

    private static List<PositionRow> positions(PairFeatures d, CoachBehaviour behaviour) {
        long[] shown = new long[POSITIONS + 1];
        long[] clicked = new long[POSITIONS + 1];
        long[] booked = new long[POSITIONS + 1];
        for (int i = 0; i < d.rows(); i++) {
            int p = d.position()[i];
            if (p >= 1 && p <= POSITIONS) {
                shown[p]++;
                clicked[p] += d.grade()[i] >= 1 ? 1 : 0;
                booked[p] += d.grade()[i] >= RankingMetrics.BOOKED ? 1 : 0;
            }
        }
        Propensity estimated = Propensity.estimate(d);
        List<PositionRow> out = new ArrayList<>();
        for (int p = 1; p <= POSITIONS; p++) {
            if (shown[p] == 0) {
                continue;
            }
            double propensity = behaviour != null
                    ? behaviour.propensity(p)
                    : estimated.byPosition()[Math.min(p, estimated.byPosition().length - 1)];
            out.add(new PositionRow(
                    p, shown[p], clicked[p] / (double) shown[p], booked[p] / (double) shown[p], propensity));
        }
        return out;
    }

    private static List<CalibrationBin> calibration(PairFeatures d, double[] model) {
        int n = d.rows();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> model[i]));
        List<CalibrationBin> out = new ArrayList<>();
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            int from = (int) ((long) n * bin / CALIBRATION_BINS);
            int to = (int) ((long) n * (bin + 1) / CALIBRATION_BINS);
            if (to <= from) {
                continue;
            }
            double sum = 0;
            long clicked = 0;
            long booked = 0;
            for (int k = from; k < to; k++) {
                int i = order[k];
                sum += model[i];
                clicked += d.grade()[i] >= 1 ? 1 : 0;
                booked += d.grade()[i] >= RankingMetrics.BOOKED ? 1 : 0;
            }
            int count = to - from;
            out.add(new CalibrationBin(
                    model[order[from]],
                    model[order[to - 1]],
                    sum / count,
                    count,
                    clicked / (double) count,
                    booked / (double) count));
        }
        return out;
    }
}
