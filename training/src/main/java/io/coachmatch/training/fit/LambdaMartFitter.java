package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.Json;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import tools.jackson.databind.JsonNode;

/**
 * Fits LambdaMART with XGBoost4J: gradient-boosted trees under XGBoost's listwise {@code rank:ndcg} objective, one
 * group per request, with its unbiased variant ({@code lambdarank_unbiased}) estimating and removing position bias
 * (rows within each group are given in the order they were shown, which is how XGBoost reads positions), and early
 * stopping on the validation requests' NDCG@10. The trees are exported into the artifact's own format so that
 * serving scores them with core and never loads XGBoost's native library, and the export is checked against
 * XGBoost's own predictions on every validation pair before it is used ({@link #verify}).
 *
 * <p>XGBoost sends a row left when {@code (float) x < split}; the artifact sends it left when {@code x ≤ threshold}
 * over doubles. The exported threshold is the largest double whose float rounding is still below the split, so
 * both decide every double alike ({@link #threshold}). XGBoost sums leaves in single precision, so scores agree to
 * float rounding.
 */
public final class LambdaMartFitter {

    /** The trainer this fitter wraps, as the manifest names it. */
    public static final String TRAINER = XGBoost.class.getName() + " (rank:ndcg, lambdarank_unbiased)";

    /** The library of the trainer, as the manifest's libraries name it. */
    static final String LIBRARY = "xgboost4j";

    /** The largest difference allowed between an exported score and XGBoost's, relative to 1 + |score|. */
    static final double TOLERANCE = 1e-5;

    /**
     * The boosting settings.
     *
     * @param rounds        the most trees
     * @param earlyStopping stop when validation NDCG@10 has not improved for this many rounds
     * @param maxDepth      depth of each tree
     * @param eta           learning rate
     * @param minChildWeight smallest hessian sum of a leaf
     * @param subsample     share of rows per tree
     * @param colsample     share of features per tree
     * @param threads       XGBoost's threads (training with the hist method is deterministic for any count)
     * @param seed          XGBoost's seed
     * @param extra         further XGBoost parameters by name, over the ones above (for experiments)
     */
    public record Settings(
            int rounds,
            int earlyStopping,
            int maxDepth,
            double eta,
            double minChildWeight,
            double subsample,
            double colsample,
            int threads,
            long seed,
            Map<String, String> extra) {

        public Settings {
            extra = Map.copyOf(extra);
        }

        public static Settings defaults(long seed) {
            return new Settings(
                    400, 30, 6, 0.08, 1.0, 0.8, 0.8, Runtime.getRuntime().availableProcessors(), seed, Map.of());
        }

        /** The settings as the manifest records them: the rounds, then what XGBoost is given. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rounds", rounds);
            m.put("early_stopping_rounds", earlyStopping);
            m.putAll(model());
            return m;
        }

        /** What XGBoost is given: the model's parameters and how to run (threads, seed, silence). */
        Map<String, Object> params() {
            Map<String, Object> p = new HashMap<>(model());
            p.put("nthread", threads);
            p.put("seed", seed);
            p.put("verbosity", 0);
            return p;
        }

        /** The parameters that decide the model, the extra ones (in name order) over the named ones. */
        private Map<String, Object> model() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objective", "rank:ndcg");
            m.put("lambdarank_unbiased", true);
            m.put("max_depth", maxDepth);
            m.put("eta", eta);
            m.put("min_child_weight", minChildWeight);
            m.put("subsample", subsample);
            m.put("colsample_bytree", colsample);
            m.put("tree_method", "hist");
            m.put("eval_metric", "ndcg@10");
            m.putAll(new TreeMap<>(extra));
            return m;
        }
    }

    /**
     * What a fit produced.
     *
     * @param gbt          the exported trees
     * @param bestRound    the number of trees kept (the best validation round)
     * @param validationNdcg XGBoost's NDCG@10 on the validation requests at that round
     * @param importance   total gain of each feature's splits, by feature name
     */
    public record Fit(ModelDefinition.Gbt gbt, int bestRound, double validationNdcg, Map<String, Double> importance) {}

    private LambdaMartFitter() {}

    public static Fit fit(PairFeatures train, PairFeatures validation, Settings s, ProgressListener progress) {
        try (Trained t = train(train, validation, s, progress)) {
            ModelDefinition.Gbt gbt = export(t.booster(), t.rounds());
            verify(t.booster(), t.rounds(), gbt, t.validation(), validation);
            return new Fit(gbt, t.rounds(), t.validationNdcg(), importance(t.booster()));
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** A booster fresh from XGBoost, with its validation matrix; closing frees their native memory. */
    record Trained(Booster booster, int rounds, double validationNdcg, DMatrix train, DMatrix validation)
            implements AutoCloseable {

        @Override
        public void close() {
            booster.dispose();
            train.dispose();
            validation.dispose();
        }
    }

    /**
     * Trains with early stopping, one round at a time (so that progress shows and nothing is printed by the native
     * library); {@code rounds} is the number of trees up to the best validation round.
     */
    static Trained train(PairFeatures train, PairFeatures validation, Settings s, ProgressListener progress)
            throws XGBoostError {
        DMatrix dtrain = matrix(train);
        DMatrix dvalid = matrix(validation);
        Booster booster = XGBoost.train(dtrain, s.params(), 0, new HashMap<>(), null, null);
        DMatrix[] watched = {dvalid};
        String[] names = {"validation"};
        double best = Double.NEGATIVE_INFINITY;
        int bestRounds = 0;
        try (ProgressListener.Step p = progress.start(
                "fit lambdamart (up to " + s.rounds() + " trees, " + train.rows() + " pairs)", s.rounds(), "trees")) {
            for (int i = 0; i < s.rounds(); i++) {
                booster.update(dtrain, i);
                double ndcg = metric(booster.evalSet(watched, names, i));
                if (ndcg > best) {
                    best = ndcg;
                    bestRounds = i + 1;
                }
                p.stepTo(i + 1);
                if (i + 1 - bestRounds >= s.earlyStopping()) {
                    p.stepTo(s.rounds());
                    break;
                }
            }
        }
        return new Trained(booster, Math.max(1, bestRounds), best, dtrain, dvalid);
    }

    /** The value of the one metric in an evaluation line such as {@code [3]\tvalidation-ndcg@10:0.7498}. */
    static double metric(String evalLine) {
        int colon = evalLine.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalStateException("XGBoost gave no metric: " + evalLine);
        }
        return Double.parseDouble(evalLine.substring(colon + 1).strip());
    }

    /** The version of the trainer's library, as the build recorded it, for the manifest. */
    static String libraryVersion() {
        return TrainingProvenance.buildProperty("xgboost.version");
    }

    /** The row order XGBoost sees: each request's rows by the position they were shown at (unknown last). */
    static int[] shownOrder(PairFeatures d) {
        int[] order = new int[d.rows()];
        Integer[] rows = new Integer[d.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        for (int k = 0; k < d.requests(); k++) {
            int from = d.offsets()[k];
            int to = d.offsets()[k + 1];
            Arrays.sort(rows, from, to, (a, b) -> {
                int pa = d.position()[a] <= 0 ? Integer.MAX_VALUE : d.position()[a];
                int pb = d.position()[b] <= 0 ? Integer.MAX_VALUE : d.position()[b];
                return pa != pb ? Integer.compare(pa, pb) : Integer.compare(a, b);
            });
        }
        for (int i = 0; i < order.length; i++) {
            order[i] = rows[i];
        }
        return order;
    }

    static DMatrix matrix(PairFeatures d) throws XGBoostError {
        int f = FeatureExtractor.SIZE;
        int[] order = shownOrder(d);
        float[] x = new float[d.rows() * f];
        float[] label = new float[d.rows()];
        for (int i = 0; i < order.length; i++) {
            int row = order[i];
            for (int j = 0; j < f; j++) {
                x[i * f + j] = (float) d.x()[row * f + j];
            }
            label[i] = d.grade()[row];
        }
        DMatrix m = new DMatrix(x, d.rows(), f, Float.NaN);
        m.setLabel(label);
        int[] groups = new int[d.requests()];
        for (int k = 0; k < groups.length; k++) {
            groups[k] = d.offsets()[k + 1] - d.offsets()[k];
        }
        m.setGroup(groups);
        return m;
    }

    /** The first {@code rounds} trees of the booster, from its JSON model, in the artifact's pre-order arrays. */
    static ModelDefinition.Gbt export(Booster booster, int rounds) throws XGBoostError {
        JsonNode model = Json.mapper().readTree(booster.toByteArray("json"));
        JsonNode learner = model.path("learner");
        double base =
                baseScore(learner.path("learner_model_param").path("base_score").asString());
        JsonNode trees = learner.path("gradient_booster").path("model").path("trees");
        if (trees.size() < rounds) {
            throw new IllegalStateException("XGBoost's model holds " + trees.size() + " trees, fewer than " + rounds);
        }
        List<ModelDefinition.Tree> out = new ArrayList<>(rounds);
        for (int t = 0; t < rounds; t++) {
            out.add(tree(trees.get(t)));
        }
        return new ModelDefinition.Gbt(base, 1.0, out);
    }

    /** XGBoost writes the base score as a number or, since 3.0, as a one-element vector such as {@code [5E-1]}. */
    static double baseScore(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return Float.parseFloat(s);
    }

    private static ModelDefinition.Tree tree(JsonNode t) {
        int[] left = ints(t.path("left_children"));
        int[] right = ints(t.path("right_children"));
        int[] split = ints(t.path("split_indices"));
        double[] cond = doubles(t.path("split_conditions"));
        int n = left.length;
        int[] feature = new int[n];
        double[] threshold = new double[n];
        int[] l = new int[n];
        int[] r = new int[n];
        double[] value = new double[n];
        int[] count = {0};
        preorder(0, left, right, split, cond, feature, threshold, l, r, value, count);
        int m = count[0];
        return new ModelDefinition.Tree(
                Arrays.copyOf(feature, m),
                Arrays.copyOf(threshold, m),
                Arrays.copyOf(l, m),
                Arrays.copyOf(r, m),
                Arrays.copyOf(value, m));
    }

    /** Writes XGBoost's node {@code node} and its subtree in pre-order; returns the node's new id. */
    private static int preorder(
            int node,
            int[] left,
            int[] right,
            int[] split,
            double[] cond,
            int[] feature,
            double[] threshold,
            int[] l,
            int[] r,
            double[] value,
            int[] count) {
        int id = count[0]++;
        if (left[node] < 0) {
            // a leaf keeps its value, learning rate applied, in split_conditions
            feature[id] = -1;
            value[id] = (float) cond[node];
            return id;
        }
        feature[id] = split[node];
        threshold[id] = threshold((float) cond[node]);
        l[id] = preorder(left[node], left, right, split, cond, feature, threshold, l, r, value, count);
        r[id] = preorder(right[node], left, right, split, cond, feature, threshold, l, r, value, count);
        return id;
    }

    /**
     * The largest double {@code t} such that for every double {@code x}: {@code x ≤ t} exactly when
     * {@code (float) x < split}. Doubles below the midpoint of {@code split} and the float before it round below
     * {@code split}; the midpoint itself rounds to whichever of the two has an even significand.
     */
    static double threshold(float split) {
        if (Float.isInfinite(split) || Float.isNaN(split)) {
            return split == Float.POSITIVE_INFINITY ? Double.MAX_VALUE : Double.NEGATIVE_INFINITY;
        }
        float below = Math.nextDown(split);
        double mid = ((double) below + (double) split) / 2;
        return (float) mid < split ? mid : Math.nextDown(mid);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /**
     * The exported trees must score every pair of the validation slice as XGBoost's predictor does (to float
     * rounding), or the fit is refused.
     */
    static void verify(Booster booster, int rounds, ModelDefinition.Gbt gbt, DMatrix dvalid, PairFeatures valid)
            throws XGBoostError {
        float[][] expected = booster.predict(dvalid, true, rounds);
        int[] order = shownOrder(valid);
        int f = FeatureExtractor.SIZE;
        double[] x = new double[f];
        for (int i = 0; i < order.length; i++) {
            System.arraycopy(valid.x(), order[i] * f, x, 0, f);
            double actual = score(gbt, x);
            double want = expected[i][0];
            if (Math.abs(actual - want) > TOLERANCE * (1 + Math.abs(want))) {
                throw new IllegalStateException("exported trees score " + actual + " but XGBoost predicts " + want
                        + " for validation pair " + order[i] + " (coach " + valid.coachId()[order[i]] + ")");
            }
        }
    }

    /** The raw score of exported trees, as core's compiled model computes it. */
    static double score(ModelDefinition.Gbt gbt, double[] x) {
        double sum = 0;
        for (ModelDefinition.Tree t : gbt.trees()) {
            int node = 0;
            while (t.feature()[node] >= 0) {
                node = x[t.feature()[node]] <= t.threshold()[node] ? t.left()[node] : t.right()[node];
            }
            sum += t.value()[node];
        }
        return gbt.baseScore() + gbt.shrinkage() * sum;
    }

    /** Total gain of each feature's splits, by feature name (features never split on are absent). */
    private static Map<String, Double> importance(Booster booster) throws XGBoostError {
        String[] dumps = booster.getModelDump("", true);
        Map<String, Double> gain = new LinkedHashMap<>();
        for (String tree : dumps) {
            for (String line : tree.split("\n")) {
                int open = line.indexOf("[f");
                int gainAt = line.indexOf("gain=");
                if (open < 0 || gainAt < 0) {
                    continue;
                }
                int feature = Integer.parseInt(line.substring(open + 2, line.indexOf('<', open)));
                int end = line.indexOf(',', gainAt);
                double g = Double.parseDouble(line.substring(gainAt + 5, end < 0 ? line.length() : end));
                gain.merge(FeatureExtractor.FEATURES.get(feature), g, Double::sum);
            }
        }
        return gain;
    }
}
