package io.coachmatch.training.cli;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.Split;
import io.coachmatch.training.eval.Evaluation;
import io.coachmatch.training.eval.RankingMetrics;
import io.coachmatch.training.fit.Training;

/** Evaluates stored models (or the rules) on the test slice of a data set. */
final class ModelEvaluator {

    private final DataSet data;
    private final Split split;
    private final MatchingSettings settings = MatchingSettings.defaults();

    ModelEvaluator(DataSet data, double testShare, double validationShare) {
        this.data = data;
        this.split = Split.byTime(data, testShare, validationShare);
        if (split.test().isEmpty()) {
            throw new IllegalArgumentException("the data has no requests with feedback to test on");
        }
    }

    Split split() {
        return split;
    }

    /** The rules' metrics on the test slice. */
    RankingMetrics rules() {
        FeatureExtractor ex = Training.extractorFor(data.coaches(), 1);
        PairFeatures test = PairFeatures.compute(data, split.test(), ex,
                PairFeatures.Coaches.of(data.coaches(), ex, settings.rates()), settings, "features (test)", Progress::start);
        return RankingMetrics.of(test, test.rule());
    }

    /**
     * A stored model's rules, model and blend metrics on the test slice: logged vectors where the data has them, the
     * others computed with the model's own vocabulary.
     */
    Evaluation.Report model(ModelRegistry registry, String versionOrAlias) {
        CompiledModel m = registry.load(versionOrAlias).compiled();
        FeatureExtractor ex = m.extractor();
        PairFeatures test = PairFeatures.compute(data, split.test(), ex,
                PairFeatures.Coaches.of(data.coaches(), ex, settings.rates()), settings, "features (test)", Progress::start);
        return Evaluation.report(m, test);
    }
}
