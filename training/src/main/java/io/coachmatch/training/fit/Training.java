package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.features.TfIdf;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import io.coachmatch.training.data.Split;
import io.coachmatch.training.eval.Evaluation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One training run: fit the TF-IDF vocabulary on the coaches, take the features of every graded
 * pair from the logs where serving logged them and compute the others ({@link PairFeatures#compute}), split by time, fit the chosen algorithm on the oldest requests, calibrate its raw score to
 * [0, 1] (min-max over the 0.5th to 99.5th percentile of the training predictions), choose the
 * blend weight on the validation requests and report rules, model and blend on the test requests.
 * Deterministic: the same data and settings give the same definition, bit for bit.
 */
public final class Training {

    /** Vocabulary cap: the terms in the most coach documents. */
    public static final int DEFAULT_MAX_TERMS = 20_000;

    public enum Algorithm { LINEAR, GBT }

    public record Settings(Algorithm algorithm, long seed, double testShare, double validationShare, int maxTerms,
            LinearFitter.Settings linear, GbtFitter.Settings gbt) {
    }

    public record Result(ModelDefinition definition, Evaluation.Report test, Evaluation.Report validation,
            Map<String, Object> hyperparameters, String trainer, Map<String, Long> sliceCounts) {
    }

    private Training() {
    }

    /** A run that reports no progress. */
    public static Result run(DataSet data, Settings s, MatchingSettings matching) {
        return run(data, s, matching, ProgressListener.NONE);
    }

    /** A run that reports the progress of its long steps (features, fitting) to {@code progress}. */
    public static Result run(DataSet data, Settings s, MatchingSettings matching, ProgressListener progress) {
        FeatureExtractor extractor = PairFeatures.extractorFor(data.coaches(), s.maxTerms());
        PairFeatures.Coaches sides = PairFeatures.Coaches.of(data.coaches(), extractor, matching.rates());
        Split split = Split.byTime(data, s.testShare(), s.validationShare());
        if (split.train().isEmpty() || split.validation().isEmpty() || split.test().isEmpty()) {
            throw new IllegalArgumentException("too little feedback to split by time: " + split.train().size()
                    + " train, " + split.validation().size() + " validation, " + split.test().size()
                    + " test requests with feedback");
        }
        PairFeatures train = PairFeatures.compute(data, split.train(), extractor, sides, matching, "features (train)",
                progress);
        PairFeatures validation = PairFeatures.compute(data, split.validation(), extractor, sides, matching,
                "features (validation)", progress);
        PairFeatures test = PairFeatures.compute(data, split.test(), extractor, sides, matching, "features (test)",
                progress);

        TfIdf tfidf = extractor.tfidf();
        TextNormalizer n = extractor.documents().normalizer();
        ModelDefinition.Text text = new ModelDefinition.Text(extractor.documents().skillBoost(), n.synonyms(),
                List.copyOf(n.stopWords()), tfidf.vocabulary(), tfidf.idf());
        ModelDefinition.Calibration provisional = ModelDefinition.Calibration.minMax(0, 1);
        ModelDefinition uncalibrated;
        Map<String, Object> hyper;
        String trainer;
        if (s.algorithm() == Algorithm.LINEAR) {
            LinearFitter.Fit fit = LinearFitter.fit(train, s.linear(), progress);
            uncalibrated = new ModelDefinition(ModelDefinition.FORMAT_VERSION, ModelDefinition.LINEAR,
                    FeatureExtractor.FEATURES, text, fit.standardisation(), fit.linear(), null, provisional, 0.0);
            hyper = s.linear().asMap();
            trainer = "org.tribuo.regression.sgd.linear.LinearSGDTrainer";
        } else {
            ModelDefinition.Gbt gbt = GbtFitter.fit(train, s.gbt(), progress);
            uncalibrated = new ModelDefinition(ModelDefinition.FORMAT_VERSION, ModelDefinition.GBT,
                    FeatureExtractor.FEATURES, text, null, null, gbt, provisional, 0.0);
            hyper = s.gbt().asMap();
            trainer = "smile.regression.GradientTreeBoost";
        }
        ModelDefinition.Calibration calibration = calibrate(CompiledModel.of(uncalibrated, "new model"), train);
        ModelDefinition calibrated = new ModelDefinition(uncalibrated.formatVersion(), uncalibrated.algorithm(),
                uncalibrated.features(), text, uncalibrated.standardisation(), uncalibrated.linear(),
                uncalibrated.gbt(), calibration, 0.0);
        double[] valScores = Evaluation.modelScores(CompiledModel.of(calibrated, "new model"), validation);
        double blend = Evaluation.chooseBlend(validation, valScores);
        ModelDefinition definition = calibrated.withBlendWeight(blend);
        CompiledModel compiled = CompiledModel.of(definition, "new model");
        hyper.put("test_share", s.testShare());
        hyper.put("validation_share", s.validationShare());
        hyper.put("max_terms", s.maxTerms());
        hyper.put("blend_grid_steps", Evaluation.BLEND_STEPS);
        Map<String, Long> slices = new java.util.LinkedHashMap<>();
        slices.put("train_requests", (long) split.train().size());
        slices.put("train_pairs", (long) train.rows());
        slices.put("validation_requests", (long) split.validation().size());
        slices.put("validation_pairs", (long) validation.rows());
        slices.put("test_requests", (long) split.test().size());
        slices.put("test_pairs", (long) test.rows());
        slices.put("vocabulary_terms", (long) tfidf.vocabulary().size());
        slices.put("features_logged_rows", (long) (train.loggedRows() + validation.loggedRows() + test.loggedRows()));
        slices.put("features_computed_rows", (long) (train.rows() + validation.rows() + test.rows()
                - train.loggedRows() - validation.loggedRows() - test.loggedRows()));
        return new Result(definition, Evaluation.report(compiled, test), Evaluation.report(compiled, validation),
                hyper, trainer, slices);
    }

    static ModelDefinition.Calibration calibrate(CompiledModel model, PairFeatures train) {
        int f = FeatureExtractor.SIZE;
        double[] raw = new double[train.rows()];
        double[] row = new double[f];
        for (int i = 0; i < raw.length; i++) {
            System.arraycopy(train.x(), i * f, row, 0, f);
            raw[i] = model.raw(row);
        }
        Arrays.sort(raw);
        double lo = raw[(int) Math.floor(0.005 * (raw.length - 1))];
        double hi = raw[(int) Math.ceil(0.995 * (raw.length - 1))];
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return ModelDefinition.Calibration.minMax(lo, hi);
    }
}
