package io.coachmatch.training.eval;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.Feature;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.EventHistory;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import io.coachmatch.training.data.Split;
import java.util.Locale;

/** Evaluates stored models (or the rules) on the test slice of a data set, split by time as training splits it. */
public final class ModelEvaluator {

    private final DataSet data;
    private final Split split;
    private final double testShare;
    /** The version whose test features {@link #lastPairs} holds. */
    private String lastVersion;

    private PairFeatures lastPairs;
    private final ProgressListener progress;
    private final MatchingSettings settings = MatchingSettings.defaults();

    /** An evaluator that reports no progress. */
    public ModelEvaluator(DataSet data, double testShare, double validationShare) {
        this(data, testShare, validationShare, ProgressListener.NONE);
    }

    /**
     * @param progress told how far computing the test slice's features has got
     * @throws IllegalArgumentException when the test slice is empty
     */
    public ModelEvaluator(DataSet data, double testShare, double validationShare, ProgressListener progress) {
        this.data = data;
        this.split = Split.byTime(data, testShare, validationShare);
        this.testShare = testShare;
        this.progress = progress;
        if (split.test().isEmpty()) {
            throw new IllegalArgumentException("the data has no requests with feedback to test on");
        }
    }

    /**
     * Behaviour features as of each request's time, counted from the data's own events with the model's weights
     * (the model's shipped counts would include the test requests' outcomes); null for a model without behaviour.
     */
    private PairFeatures.BehaviourAsOf asOf(CoachBehaviour weights) {
        if (weights == null) {
            return null;
        }
        EventHistory.Counts counts = data.history().counts(weights);
        int at = Feature.CLICK_RATE.ordinal();
        return (coach, time, x) -> {
            double[] e = new double[CoachBehaviour.COUNTS];
            counts.at(coach, time, e);
            weights.features(e, x, at);
        };
    }

    /** The split whose test slice is evaluated. */
    public Split split() {
        return split;
    }

    /** The rules' metrics on the test slice. */
    public RankingMetrics rules() {
        FeatureExtractor ex = PairFeatures.extractorFor(data.coaches(), 1);
        PairFeatures test = PairFeatures.compute(
                data,
                split.test(),
                ex,
                PairFeatures.Coaches.of(data.coaches(), ex, settings.rates()),
                settings,
                "features (test)",
                progress);
        return RankingMetrics.of(test, test.rule());
    }

    /**
     * A stored model's rules, model and blend metrics on the test slice: logged vectors where the data has them, the
     * others computed with the model's own vocabulary.
     */
    public Evaluation.Report model(ModelRegistry registry, String versionOrAlias) {
        LoadedModel loaded = registry.load(versionOrAlias);
        return Evaluation.report(loaded.compiled(), testPairs(loaded));
    }

    /** The evaluation report ({@link EvaluationReport}) of a stored model on the test slice. */
    public EvaluationReport report(ModelRegistry registry, String versionOrAlias, long seed) {
        LoadedModel loaded = registry.load(versionOrAlias);
        PairFeatures test = testPairs(loaded);
        return EvaluationReport.build(new EvaluationReport.Inputs(
                "Evaluation of " + loaded.version(),
                String.format(
                        Locale.ROOT,
                        "the test slice (the latest %.0f%% of requests by time): %d requests, %d pairs",
                        100 * testShare,
                        test.requests(),
                        test.rows()),
                test,
                r -> data.requests().get(split.test().get(r)),
                loaded.compiled(),
                loaded.version(),
                loaded.manifest().algorithm(),
                seed));
    }

    /**
     * The test slice's features for a version's extractor, computed once: {@code evaluate --report} asks for the
     * metrics and the report of the same version.
     */
    private PairFeatures testPairs(LoadedModel loaded) {
        if (!loaded.version().equals(lastVersion)) {
            lastPairs = computeTestPairs(loaded.compiled());
            lastVersion = loaded.version();
        }
        return lastPairs;
    }

    private PairFeatures computeTestPairs(CompiledModel m) {
        FeatureExtractor ex = m.extractor();
        return PairFeatures.compute(
                data,
                split.test(),
                ex,
                PairFeatures.Coaches.of(data.coaches(), ex, settings.rates()),
                settings,
                asOf(ex.behaviour()),
                "features (test)",
                progress);
    }
}
