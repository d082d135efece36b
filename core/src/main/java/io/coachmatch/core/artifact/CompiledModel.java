package io.coachmatch.core.artifact;

import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.CoachTable;
import io.coachmatch.core.features.Documents;
import io.coachmatch.core.features.FeatureBounds;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.LinearBound;
import io.coachmatch.core.features.RequestSide;
import io.coachmatch.core.features.SkillRelatedness;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.features.TfIdf;
import java.util.HashSet;
import java.util.List;

/**
 * A {@link ModelDefinition} turned into something fast to evaluate: the feature extractor with the
 * artifact's own vocabulary and synonyms, and the scoring function with the standardisation folded
 * into the weights or the trees flattened into arrays. Training evaluates through this same class,
 * so what was measured is what serving computes. Immutable and thread-safe.
 */
public final class CompiledModel {

    private final ModelDefinition definition;
    private final FeatureExtractor extractor;
    private final double[] weights;
    private final double bias;
    private final int[][] feature;
    private final double[][] threshold;
    private final int[][] left;
    private final int[][] right;
    private final double[][] value;
    private final double shrinkage;
    private final boolean linear;
    private final boolean minMax;
    private final double c0;
    private final double c1;
    /** Whether {@link #calibrate} is non-decreasing (else non-increasing): bounds then follow the raw maximum. */
    private final boolean increasing;

    /** The first phase of a tree model (a linear model over the same extractor), or null. */
    private final CompiledModel first;

    private CompiledModel(ModelDefinition d) {
        this(d, extractorOf(d));
    }

    private static FeatureExtractor extractorOf(ModelDefinition d) {
        ModelDefinition.Text t = d.text();
        TextNormalizer normalizer = new TextNormalizer(t.synonyms(), new HashSet<>(t.stopWords()));
        return new FeatureExtractor(
                new Documents(normalizer, t.skillBoost()),
                new TfIdf(t.vocabulary(), t.idf()),
                relatedness(d.learned()),
                behaviour(d.learned()));
    }

    private CompiledModel(ModelDefinition d, FeatureExtractor extractor) {
        this.definition = d;
        this.extractor = extractor;
        ModelDefinition.FirstPhase f = d.firstPhase();
        this.first = f == null
                ? null
                : new CompiledModel(
                        new ModelDefinition(
                                d.formatVersion(),
                                ModelDefinition.LINEAR,
                                d.features(),
                                d.text(),
                                f.standardisation(),
                                f.linear(),
                                null,
                                f.calibration(),
                                d.blendWeight(),
                                d.learned(),
                                null),
                        extractor);
        this.linear = ModelDefinition.LINEAR.equals(d.algorithm());
        if (linear) {
            int n = d.features().size();
            // an older format's model reads a prefix of the features: the others weigh nothing
            weights = new double[FeatureExtractor.SIZE];
            double b = d.linear().bias();
            for (int i = 0; i < n; i++) {
                double w = d.linear().weights()[i] / d.standardisation().scale()[i];
                weights[i] = w;
                b -= w * d.standardisation().mean()[i];
            }
            bias = b;
            feature = null;
            threshold = null;
            left = null;
            right = null;
            value = null;
            shrinkage = 0;
        } else {
            List<ModelDefinition.Tree> trees = d.gbt().trees();
            int k = trees.size();
            feature = new int[k][];
            threshold = new double[k][];
            left = new int[k][];
            right = new int[k][];
            value = new double[k][];
            for (int i = 0; i < k; i++) {
                ModelDefinition.Tree tree = trees.get(i);
                feature[i] = tree.feature().clone();
                threshold[i] = tree.threshold().clone();
                left[i] = tree.left().clone();
                right[i] = tree.right().clone();
                value[i] = tree.value().clone();
            }
            weights = null;
            bias = d.gbt().baseScore();
            shrinkage = d.gbt().shrinkage();
        }
        ModelDefinition.Calibration c = d.calibration();
        this.minMax = ModelDefinition.Calibration.MINMAX.equals(c.type());
        this.c0 = minMax ? c.low() : c.slope();
        this.c1 = minMax ? c.high() : c.intercept();
        this.increasing = minMax ? c1 >= c0 : c0 >= 0;
    }

    private static SkillRelatedness relatedness(ModelDefinition.Learned learned) {
        if (learned == null || learned.relatedness() == null) {
            return null;
        }
        ModelDefinition.Relatedness r = learned.relatedness();
        return new SkillRelatedness(r.skills(), r.from(), r.to(), r.value());
    }

    /** The artifact's behaviour table as live counts, the starting point of online updates. */
    private static CoachBehaviour behaviour(ModelDefinition.Learned learned) {
        if (learned == null || learned.behaviour() == null) {
            return null;
        }
        ModelDefinition.Behaviour b = learned.behaviour();
        CoachBehaviour live = new CoachBehaviour(
                b.propensity(),
                b.prior(),
                b.strength(),
                Math.max(CoachBehaviour.DEFAULT_MAX_COACHES, b.coaches().size()),
                b.countedUntil());
        for (int i = 0; i < b.coaches().size(); i++) {
            double[] e = new double[CoachBehaviour.COUNTS];
            e[CoachBehaviour.EXAMINED] = b.examined()[i];
            e[CoachBehaviour.IMPRESSIONS] = b.impressions()[i];
            e[CoachBehaviour.CLICKS] = b.clicks()[i];
            e[CoachBehaviour.CONTACTS] = b.contacts()[i];
            e[CoachBehaviour.BOOKINGS] = b.bookings()[i];
            e[CoachBehaviour.GOOD_RATINGS] = b.goodRatings()[i];
            e[CoachBehaviour.RATINGS] = b.ratings()[i];
            live.put(b.coaches().get(i), e);
        }
        return live;
    }

    /**
     * Validates and compiles a definition.
     *
     * @param where names the artifact in error messages
     * @throws ArtifactException when the definition is inconsistent or of an unknown format
     */
    public static CompiledModel of(ModelDefinition definition, String where) {
        definition.validate(where);
        return new CompiledModel(definition);
    }

    public ModelDefinition definition() {
        return definition;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    /** The linear first phase of a tree model, over the same extractor, or null when it has none. */
    public CompiledModel firstPhase() {
        return first;
    }

    /** How many candidates the trees rescore after the first phase (0 without a first phase). */
    public int rerankCount() {
        return definition.firstPhase() == null ? 0 : definition.firstPhase().rerankCount();
    }

    public double blendWeight() {
        return definition.blendWeight();
    }

    /** The uncalibrated score of a feature vector. */
    public double raw(double[] x) {
        if (linear) {
            double s = bias;
            for (int i = 0; i < weights.length; i++) {
                s += weights[i] * x[i];
            }
            return s;
        }
        double sum = 0;
        for (int t = 0; t < feature.length; t++) {
            int[] f = feature[t];
            double[] th = threshold[t];
            int[] l = left[t];
            int[] r = right[t];
            int node = 0;
            while (f[node] >= 0) {
                node = x[f[node]] <= th[node] ? l[node] : r[node];
            }
            sum += value[t][node];
        }
        return bias + shrinkage * sum;
    }

    /** The model score in [0, 1] of a feature vector. */
    public double score(double[] x) {
        return calibrate(raw(x));
    }

    /**
     * For a linear model, what bounding its score needs of one catalog table (built once per
     * catalog, see {@link LinearBound}); null for trees.
     */
    public LinearBound linearBound(CoachTable table) {
        return linear ? new LinearBound(table, weights) : null;
    }

    /**
     * Upper bounds of the model score of the coaches of one table against one request, valid for the
     * rule components the matcher computes for each pair (see {@link FeatureBounds#requestRanges}).
     *
     * @param linearBound {@link #linearBound} of the table (null for trees)
     */
    public Bound bound(RequestSide request, CoachTable table, LinearBound linearBound) {
        return new Bound(request, table, linearBound);
    }

    /**
     * A score bound for one request and table. Each feature is known to lie in a range {@code [lo, hi]}
     * (a point for the features of the coach and the cheap ones of the pair). A linear model takes,
     * per weight, the larger (or, under a decreasing calibration, the smaller) end, in O(1) per coach
     * ({@link LinearBound}). Trees descend the side a range falls on; at the first split a range
     * straddles they take the extreme leaf below it given the request alone (computed once per
     * request with the coach's features left free), so a coach costs one descent per tree. The raw bound is widened by a relative 1e-9
     * against rounding (the exact score sums in another order), then calibrated, which is monotone.
     * Not thread-safe: one per request and thread, like the scorer it serves.
     */
    public final class Bound {

        private final RequestSide request;
        private final CoachTable table;
        private final LinearBound.Request linearRequest;
        private final double[] baseLo = new double[FeatureExtractor.SIZE];
        private final double[] baseHi = new double[FeatureExtractor.SIZE];
        private final double[] lo = new double[FeatureExtractor.SIZE];
        private final double[] hi = new double[FeatureExtractor.SIZE];
        private final double[] x = new double[FeatureExtractor.SIZE];
        /** Trees: whether the bound follows the largest leaves (else the smallest). */
        private final boolean max;
        /**
         * Trees: for every node, the extreme leaf below it when only the request is known (the
         * features of the coach free), so that a coach's descent stops at the first split its
         * ranges straddle instead of exploring both sides.
         */
        private final double[][] subtree;

        private Bound(RequestSide request, CoachTable table, LinearBound linearBound) {
            this.request = request;
            this.table = table;
            if (linear) {
                if (linearBound == null) {
                    throw new IllegalArgumentException("a linear model needs its LinearBound of the table");
                }
                linearRequest = linearBound.forRequest(request, increasing);
                max = true;
                subtree = null;
            } else {
                linearRequest = null;
                FeatureBounds.requestRanges(request, baseLo, baseHi);
                max = increasing == shrinkage >= 0;
                System.arraycopy(baseLo, 0, lo, 0, lo.length);
                System.arraycopy(baseHi, 0, hi, 0, hi.length);
                for (int i : FeatureBounds.COACH_ONLY) {
                    lo[i] = Double.NEGATIVE_INFINITY;
                    hi[i] = Double.POSITIVE_INFINITY;
                }
                for (int i : FeatureBounds.COACH_EXACT) {
                    lo[i] = Double.NEGATIVE_INFINITY;
                    hi[i] = Double.POSITIVE_INFINITY;
                }
                subtree = new double[feature.length][];
                for (int t = 0; t < feature.length; t++) {
                    subtree[t] = new double[feature[t].length];
                    fill(t, 0);
                }
            }
        }

        /** Fills {@link #subtree} below a node with the current (request-only) ranges; returns the node's value. */
        private double fill(int t, int node) {
            int f = feature[t][node];
            double v;
            if (f < 0) {
                v = value[t][node];
            } else {
                double a = fill(t, left[t][node]);
                double b = fill(t, right[t][node]);
                double th = threshold[t][node];
                v = hi[f] <= th ? a : lo[f] > th ? b : max ? Math.max(a, b) : Math.min(a, b);
            }
            subtree[t][node] = v;
            return v;
        }

        /** A value the model score of coach {@code c} (for this request) is never above. */
        public double upper(int c) {
            return upper(c, false, 0, 0, Double.NaN);
        }

        /**
         * As {@link #upper(int)}, knowing the pair's rule skill component, a value its rule total is
         * not above and its coverage to within 1e-12 (NaN when unknown).
         */
        public double upper(int c, double skill, double totalAtMost, double coverage) {
            return upper(c, true, skill, totalAtMost, coverage);
        }

        /**
         * A value the model score of coach {@code c} is never below, knowing the pair's rule skill component, a
         * range its rule total lies in and its coverage: exact to rounding for the terms a linear model knows, the
         * other ends of the ranges for the rest. Trees give no lower bound: 0, below every score.
         */
        public double lower(int c, double skill, double totalAtLeast, double totalAtMost, double coverage) {
            if (!linear) {
                return 0.0;
            }
            double raw = bias + linearRequest.otherSum(c, skill, totalAtLeast, totalAtMost, coverage);
            double slack = 1e-9 * (1.0 + Math.abs(raw));
            return calibrate(increasing ? raw - slack : raw + slack);
        }

        private double upper(int c, boolean narrow, double skill, double totalAtMost, double coverage) {
            double raw;
            if (linear) {
                raw = bias + (narrow ? linearRequest.sum(c, skill, totalAtMost, coverage) : linearRequest.sum(c));
            } else {
                System.arraycopy(baseLo, 0, lo, 0, lo.length);
                System.arraycopy(baseHi, 0, hi, 0, hi.length);
                if (narrow) {
                    FeatureBounds.narrowToRules(request, skill, totalAtMost, coverage, lo, hi);
                }
                FeatureBounds.coachOnly(table, c, x);
                for (int i : FeatureBounds.COACH_ONLY) {
                    lo[i] = x[i];
                    hi[i] = x[i];
                }
                FeatureBounds.coachExact(request, table, c, x);
                for (int i : FeatureBounds.COACH_EXACT) {
                    lo[i] = x[i];
                    hi[i] = x[i];
                }
                double sum = 0;
                for (int t = 0; t < feature.length; t++) {
                    sum += extreme(t);
                }
                raw = bias + shrinkage * sum;
            }
            double slack = 1e-9 * (1.0 + Math.abs(raw));
            return calibrate(increasing ? raw + slack : raw - slack);
        }

        /**
         * Descends one tree as far as the coach's ranges decide the splits; at the first split they
         * straddle, the extreme leaf below it for the request alone.
         */
        private double extreme(int t) {
            int[] f = feature[t];
            double[] th = threshold[t];
            int node = 0;
            while (f[node] >= 0) {
                int k = f[node];
                if (hi[k] <= th[node]) {
                    node = left[t][node];
                } else if (lo[k] > th[node]) {
                    node = right[t][node];
                } else {
                    return subtree[t][node];
                }
            }
            return value[t][node];
        }
    }

    public double calibrate(double raw) {
        double v = minMax ? (raw - c0) / (c1 - c0) : 1.0 / (1.0 + Math.exp(-(c0 * raw + c1)));
        return v < 0 || Double.isNaN(v) ? 0.0 : Math.min(1.0, v);
    }
}
