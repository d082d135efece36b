package io.coachmatch.core.artifact;

import io.coachmatch.core.features.Feature;
import io.coachmatch.core.features.FeatureExtractor;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code model.json}: everything needed to score a pair, as plain data (never code,
 * never Java serialisation). A reader of format {@link #FORMAT_VERSION} understands exactly these
 * fields; a change that an old reader would misread must raise the format version.
 *
 * <pre>
 *   x      = the features of {@link FeatureExtractor}, in the order of {@code features}
 *   linear : raw = bias + Σ weights[i] · (x[i] − mean[i]) / scale[i]
 *   gbt, lambdamart : raw = base_score + shrinkage · Σ_trees leaf(tree, x)
 *            (a node goes to {@code left} when x[feature] ≤ threshold, else to {@code right};
 *             a node with feature −1 is a leaf holding {@code value})
 *   model  = calibration(raw) ∈ [0, 1]
 *   match  = (1 − blend_weight) · rule + blend_weight · model
 * </pre>
 *
 * @param formatVersion the artifact format, {@link #FORMAT_VERSION}
 * @param algorithm     {@code linear}, {@code gbt} or {@code lambdamart} (trees as gbt)
 * @param features      the feature names the model was trained on, in order
 * @param text          the TF-IDF vocabulary and the text normalisation it was built with
 * @param standardisation per-feature mean and scale (linear); null for gbt
 * @param linear        weights over standardised features and a bias; null for gbt
 * @param gbt           the trees; null for linear
 * @param calibration   maps the raw score to [0, 1]
 * @param blendWeight   in [0, 1], chosen on validation data
 * @param learned       format 2: what the model learned from history beside its weights (skill relatedness, coach
 *                      behaviour), versioned and checksummed with it; null when it learned none, and in format 1
 * @param firstPhase    format 2, trees only: a cheap linear score that ranks every candidate first, so that the
 *                      trees score only the best {@code rerank_count}; null to score every candidate with the trees
 */
public record ModelDefinition(
        int formatVersion,
        String algorithm,
        List<String> features,
        Text text,
        Standardisation standardisation,
        Linear linear,
        Gbt gbt,
        Calibration calibration,
        double blendWeight,
        Learned learned,
        FirstPhase firstPhase) {

    /** A definition without a first phase. */
    public ModelDefinition(
            int formatVersion,
            String algorithm,
            List<String> features,
            Text text,
            Standardisation standardisation,
            Linear linear,
            Gbt gbt,
            Calibration calibration,
            double blendWeight,
            Learned learned) {
        this(
                formatVersion,
                algorithm,
                features,
                text,
                standardisation,
                linear,
                gbt,
                calibration,
                blendWeight,
                learned,
                null);
    }

    /**
     * The first phase of a tree model: {@code calibration(bias + Σ weights[i]·(x[i] − mean[i])/scale[i])}, blended
     * with the rules as the trees are, ranks every candidate; the trees rescore the best {@code rerankCount}.
     *
     * @param rerankCount how many candidates the trees rescore, as training recommends it
     */
    public record FirstPhase(
            Standardisation standardisation, Linear linear, Calibration calibration, int rerankCount) {}

    /** A definition that learned nothing beside its weights. */
    public ModelDefinition(
            int formatVersion,
            String algorithm,
            List<String> features,
            Text text,
            Standardisation standardisation,
            Linear linear,
            Gbt gbt,
            Calibration calibration,
            double blendWeight) {
        this(
                formatVersion,
                algorithm,
                features,
                text,
                standardisation,
                linear,
                gbt,
                calibration,
                blendWeight,
                null,
                null);
    }

    /**
     * What a model learned from the history it was trained on beside its weights.
     *
     * @param relatedness how well a coach's skill serves a requested one, learned from bookings; null for none
     * @param behaviour   each coach's engagement counts at the end of the history; null for none
     */
    public record Learned(Relatedness relatedness, Behaviour behaviour) {}

    /**
     * A learned relatedness between skill names (as {@code TextNormalizer#skill} normalises them): pair
     * {@code k} says that a coach with skill {@code skills[to[k]]} serves a request for {@code skills[from[k]]}
     * with relatedness {@code value[k]} in (0, 1]. Pairs not listed are 0; a skill is 1 with itself.
     */
    public record Relatedness(List<String> skills, int[] from, int[] to, double[] value) {}

    /**
     * Each coach's engagement, as {@code CoachBehaviour} reads and updates it. Rates are position-debiased: an
     * impression at position p counts {@code propensity[p]} examinations (the last entry for positions beyond).
     *
     * @param propensity examination probability by 1-based position (index 0 unused)
     * @param prior      the population's click, contact, booking and good-rating rates
     * @param strength   the empirical-Bayes prior strength of each rate, in examinations (ratings for the last)
     * @param coaches    coach ids, parallel to the count arrays
     * @param countedUntil the time of the last event the counts include: serving adds only later events
     */
    public record Behaviour(
            Instant countedUntil,
            double[] propensity,
            double[] prior,
            double[] strength,
            List<String> coaches,
            double[] examined,
            double[] impressions,
            double[] clicks,
            double[] contacts,
            double[] bookings,
            double[] goodRatings,
            double[] ratings) {}

    /** The artifact format this code writes and reads. */
    public static final int FORMAT_VERSION = 2;
    /** The oldest format this code still reads. */
    public static final int OLDEST_FORMAT_VERSION = 1;

    public static final String LINEAR = "linear";
    public static final String GBT = "gbt";
    /** Trees like {@link #GBT}, fitted with a listwise ranking objective (LambdaMART). */
    public static final String LAMBDAMART = "lambdamart";

    /**
     * The text side: how words are normalised and the fitted TF-IDF vocabulary.
     *
     * @param skillBoost  weight of a skill's words against one word of free text
     * @param synonyms    variant to canonical name
     * @param stopWords   words dropped from free text
     * @param vocabulary  the terms, alphabetical
     * @param idf         one inverse document frequency per term
     */
    public record Text(
            double skillBoost,
            Map<String, String> synonyms,
            List<String> stopWords,
            List<String> vocabulary,
            double[] idf) {}

    public record Standardisation(double[] mean, double[] scale) {}

    public record Linear(double[] weights, double bias) {}

    /** Trees as parallel arrays in pre-order, so children always come after their parent. */
    public record Gbt(double baseScore, double shrinkage, List<Tree> trees) {}

    public record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {}

    /**
     * @param type {@code minmax}: clamp((raw − low)/(high − low)); {@code logistic}: 1/(1 + e^−(slope·raw + intercept))
     */
    public record Calibration(String type, Double low, Double high, Double slope, Double intercept) {

        public static final String MINMAX = "minmax";
        public static final String LOGISTIC = "logistic";

        public static Calibration minMax(double low, double high) {
            return new Calibration(MINMAX, low, high, null, null);
        }

        public static Calibration logistic(double slope, double intercept) {
            return new Calibration(LOGISTIC, null, null, slope, intercept);
        }
    }

    /** A copy with another blend weight. */
    public ModelDefinition withBlendWeight(double b) {
        return new ModelDefinition(
                formatVersion,
                algorithm,
                features,
                text,
                standardisation,
                linear,
                gbt,
                calibration,
                b,
                learned,
                firstPhase);
    }

    /**
     * Checks that the definition is complete and consistent, and that its features are the ones this
     * code computes.
     *
     * @param where names the artifact in messages, such as {@code "model.json of v0003"}
     * @throws ArtifactException naming the first problem
     */
    public void validate(String where) {
        if (formatVersion < OLDEST_FORMAT_VERSION || formatVersion > FORMAT_VERSION) {
            throw unsupported(where, formatVersion);
        }
        List<String> expected = formatVersion == 1
                ? FeatureExtractor.FEATURES.subList(0, Feature.FORMAT_1_COUNT)
                : FeatureExtractor.FEATURES;
        if (!expected.equals(features)) {
            throw new ArtifactException(where + " (format " + formatVersion + ") was trained on features " + features
                    + " but this reader computes " + expected + " for that format");
        }
        int n = features.size();
        if (text == null
                || text.vocabulary() == null
                || text.idf() == null
                || text.vocabulary().size() != text.idf().length) {
            throw new ArtifactException(where + ": text.vocabulary and text.idf are missing or differ in length");
        }
        if (text.synonyms() == null || text.stopWords() == null || !(text.skillBoost() > 0)) {
            throw new ArtifactException(
                    where + ": text.synonyms, text.stop_words and a positive text.skill_boost are required");
        }
        if (!(blendWeight >= 0 && blendWeight <= 1)) {
            throw new ArtifactException(where + ": blend_weight must be within [0, 1], was " + blendWeight);
        }
        checkCalibration(where, calibration);
        checkLearned(where);
        checkFirstPhase(where, n);
        if (LINEAR.equals(algorithm)) {
            if (linear == null || linear.weights() == null || linear.weights().length != n) {
                throw new ArtifactException(where + ": linear.weights must hold " + n + " numbers");
            }
            if (standardisation == null
                    || standardisation.mean() == null
                    || standardisation.scale() == null
                    || standardisation.mean().length != n
                    || standardisation.scale().length != n) {
                throw new ArtifactException(where + ": standardisation.mean and .scale must hold " + n + " numbers");
            }
            for (int i = 0; i < n; i++) {
                if (!(standardisation.scale()[i] > 0)
                        || !finite(standardisation.mean()[i])
                        || !finite(linear.weights()[i])) {
                    throw new ArtifactException(where + ": feature " + features.get(i)
                            + " has a non-finite weight or mean, or a scale that is not positive");
                }
            }
            if (!finite(linear.bias())) {
                throw new ArtifactException(where + ": linear.bias is not finite");
            }
        } else if (GBT.equals(algorithm) || LAMBDAMART.equals(algorithm)) {
            if (gbt == null || gbt.trees() == null || !finite(gbt.baseScore()) || !finite(gbt.shrinkage())) {
                throw new ArtifactException(where + ": gbt.base_score, gbt.shrinkage and gbt.trees are required");
            }
            for (int t = 0; t < gbt.trees().size(); t++) {
                checkTree(where + ": gbt.trees[" + t + "]", gbt.trees().get(t), n);
            }
        } else {
            throw new ArtifactException(
                    where + ": unknown algorithm '" + algorithm + "'; this reader knows linear, gbt, lambdamart");
        }
    }

    private void checkFirstPhase(String where, int n) {
        if (firstPhase == null) {
            return;
        }
        if (LINEAR.equals(algorithm) || formatVersion < 2) {
            throw new ArtifactException(where + ": first_phase belongs to tree models of format 2 or later");
        }
        FirstPhase f = firstPhase;
        if (f.linear() == null
                || f.linear().weights() == null
                || f.linear().weights().length != n
                || f.standardisation() == null
                || f.standardisation().mean() == null
                || f.standardisation().scale() == null
                || f.standardisation().mean().length != n
                || f.standardisation().scale().length != n
                || f.calibration() == null) {
            throw new ArtifactException(
                    where + ": first_phase needs " + n + " weights, means and scales, a bias and a calibration");
        }
        for (int i = 0; i < n; i++) {
            if (!(f.standardisation().scale()[i] > 0)
                    || !finite(f.standardisation().mean()[i])
                    || !finite(f.linear().weights()[i])) {
                throw new ArtifactException(where + ": first_phase feature " + features.get(i)
                        + " has a non-finite weight or mean, or a scale that is not positive");
            }
        }
        checkCalibration(where + ": first_phase", f.calibration());
        if (!finite(f.linear().bias()) || f.rerankCount() < 1) {
            throw new ArtifactException(where + ": first_phase needs a finite bias and a rerank_count of at least 1");
        }
    }

    private void checkLearned(String where) {
        if (learned == null) {
            return;
        }
        if (formatVersion < 2) {
            throw new ArtifactException(where + ": learned tables need format 2 or later");
        }
        Relatedness r = learned.relatedness();
        if (r != null) {
            if (r.skills() == null || r.from() == null || r.to() == null || r.value() == null) {
                throw new ArtifactException(where + ": learned.relatedness needs skills, from, to and value");
            }
            int m = r.from().length;
            if (r.to().length != m || r.value().length != m) {
                throw new ArtifactException(where + ": learned.relatedness from, to and value differ in length");
            }
            for (int k = 0; k < m; k++) {
                if (r.from()[k] < 0
                        || r.from()[k] >= r.skills().size()
                        || r.to()[k] < 0
                        || r.to()[k] >= r.skills().size()
                        || !(r.value()[k] > 0 && r.value()[k] <= 1)) {
                    throw new ArtifactException(where + ": learned.relatedness pair " + k
                            + " names an unknown skill or has a value outside (0, 1]");
                }
            }
        }
        Behaviour b = learned.behaviour();
        if (b != null) {
            if (b.propensity() == null
                    || b.propensity().length < 2
                    || b.prior() == null
                    || b.prior().length != 4
                    || b.strength() == null
                    || b.strength().length != 4
                    || b.coaches() == null) {
                throw new ArtifactException(
                        where + ": learned.behaviour needs a propensity, four priors, four strengths and coaches");
            }
            int n = b.coaches().size();
            for (double[] a : new double[][] {
                b.examined(), b.impressions(), b.clicks(), b.contacts(), b.bookings(), b.goodRatings(), b.ratings()
            }) {
                if (a == null || a.length != n) {
                    throw new ArtifactException(where + ": learned.behaviour counts must hold one number per coach");
                }
                for (double v : a) {
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new ArtifactException(where + ": learned.behaviour has a negative or non-finite count");
                    }
                }
            }
            for (int i = 0; i < 4; i++) {
                if (!(b.prior()[i] >= 0 && b.prior()[i] <= 1)
                        || !(b.strength()[i] > 0)
                        || Double.isInfinite(b.strength()[i])) {
                    throw new ArtifactException(
                            where + ": learned.behaviour priors must be in [0, 1], strengths positive");
                }
            }
            for (int p = 1; p < b.propensity().length; p++) {
                if (!(b.propensity()[p] > 0 && b.propensity()[p] <= 1)) {
                    throw new ArtifactException(where + ": learned.behaviour propensities must be in (0, 1]");
                }
            }
        }
    }

    private static void checkCalibration(String where, Calibration c) {
        if (c == null) {
            throw new ArtifactException(where + ": calibration is required");
        }
        if (Calibration.MINMAX.equals(c.type())) {
            if (c.low() == null || c.high() == null || !(c.high() > c.low()) || !finite(c.low()) || !finite(c.high())) {
                throw new ArtifactException(where + ": minmax calibration needs finite low < high");
            }
        } else if (Calibration.LOGISTIC.equals(c.type())) {
            if (c.slope() == null || c.intercept() == null || !finite(c.slope()) || !finite(c.intercept())) {
                throw new ArtifactException(where + ": logistic calibration needs finite slope and intercept");
            }
        } else {
            throw new ArtifactException(
                    where + ": unknown calibration type '" + c.type() + "'; this reader knows minmax, logistic");
        }
    }

    private static void checkTree(String where, Tree t, int nFeatures) {
        if (t == null
                || t.feature() == null
                || t.threshold() == null
                || t.left() == null
                || t.right() == null
                || t.value() == null) {
            throw new ArtifactException(where + ": feature, threshold, left, right and value are required");
        }
        int m = t.feature().length;
        if (m == 0
                || t.threshold().length != m
                || t.left().length != m
                || t.right().length != m
                || t.value().length != m) {
            throw new ArtifactException(where + ": the node arrays must be non-empty and of one length");
        }
        for (int i = 0; i < m; i++) {
            int f = t.feature()[i];
            if (f == -1) {
                if (!finite(t.value()[i])) {
                    throw new ArtifactException(where + ": leaf " + i + " has a non-finite value");
                }
                continue;
            }
            if (f < 0 || f >= nFeatures) {
                throw new ArtifactException(
                        where + ": node " + i + " splits on feature " + f + ", outside 0.." + (nFeatures - 1));
            }
            if (t.left()[i] <= i || t.left()[i] >= m || t.right()[i] <= i || t.right()[i] >= m) {
                throw new ArtifactException(
                        where + ": node " + i + " has children outside " + (i + 1) + ".." + (m - 1));
            }
            if (Double.isNaN(t.threshold()[i])) {
                throw new ArtifactException(where + ": node " + i + " has no threshold");
            }
        }
    }

    static ArtifactException unsupported(String where, int found) {
        return new ArtifactException(where + " has format version " + found + "; this reader supports versions "
                + OLDEST_FORMAT_VERSION + " to " + FORMAT_VERSION);
    }

    private static boolean finite(double v) {
        return Double.isFinite(v);
    }
}
