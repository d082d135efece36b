package io.coachmatch.training.eval;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.training.data.PairFeatures;

/** Scoring pairs with the rules, a model and their blend, and choosing the blend weight. */
public final class Evaluation {

    /** The blend weights tried on validation data. */
    public static final int BLEND_STEPS = 20;

    private Evaluation() {}

    /** The calibrated model score of every row. */
    public static double[] modelScores(CompiledModel model, PairFeatures data) {
        int f = FeatureExtractor.SIZE;
        double[] out = new double[data.rows()];
        double[] row = new double[f];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(data.x(), i * f, row, 0, f);
            out[i] = model.score(row);
        }
        return out;
    }

    public static double[] blend(double[] rule, double[] model, double b) {
        double[] out = new double[rule.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (1 - b) * rule[i] + b * model[i];
        }
        return out;
    }

    /** The blend weight in {0, 1/20, ..., 1} with the best NDCG@10 (the smallest among equals). */
    public static double chooseBlend(PairFeatures validation, double[] model) {
        double best = Double.NEGATIVE_INFINITY;
        double bestB = 0;
        for (int s = 0; s <= BLEND_STEPS; s++) {
            double b = s / (double) BLEND_STEPS;
            double v = RankingMetrics.of(validation, blend(validation.rule(), model, b))
                    .ndcgAt10();
            if (v > best + 1e-12) {
                best = v;
                bestB = b;
            }
        }
        return bestB;
    }

    /**
     * The blend weight of a listwise model: 1 (the model alone) when it ranks the validation requests at least as
     * well as the rules do, else the best of the grid ({@link #chooseBlend}). A listwise model sees the rule
     * components among its features, so blending them in again only helps when the model is weak; and the
     * validation lists, ranked by the rules when they were shown, cannot show what a ranker gains by lifting coaches
     * the rules never showed, so the grid underrates any ranker that differs from the rules.
     */
    public static double chooseListwiseBlend(PairFeatures validation, double[] model) {
        double rules = RankingMetrics.of(validation, validation.rule()).ndcgAt10();
        double alone = RankingMetrics.of(validation, model).ndcgAt10();
        return alone >= rules ? 1.0 : chooseBlend(validation, model);
    }

    /** Rules, model and blend metrics of one model on one slice. */
    public record Report(RankingMetrics rules, RankingMetrics model, RankingMetrics blend) {

        /** Relative NDCG@10 gain of the blend over the rules. */
        public double blendGain() {
            return blend.ndcgAt10() / rules.ndcgAt10() - 1;
        }
    }

    public static Report report(CompiledModel model, PairFeatures data) {
        double[] m = modelScores(model, data);
        return new Report(
                RankingMetrics.of(data, data.rule()),
                RankingMetrics.of(data, m),
                RankingMetrics.of(data, blend(data.rule(), m, model.blendWeight())));
    }
}
