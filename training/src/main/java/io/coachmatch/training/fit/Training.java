package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.Feature;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.SkillRelatedness;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.features.TfIdf;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.EventHistory;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import io.coachmatch.training.data.Split;
import io.coachmatch.training.eval.Evaluation;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One training run: fit the TF-IDF vocabulary on the coaches, take the features of every graded
 * pair from the logs where serving logged them and compute the others ({@link PairFeatures#compute}), split by time, fit the chosen algorithm on the oldest requests, calibrate its raw score to
 * [0, 1] (min-max over the 0.5th to 99.5th percentile of the training predictions), choose the
 * blend weight on the validation requests and report rules, model and blend on the test requests. The run assembles
 * its model's {@link TrainingProvenance} (trainer, parameters, data fingerprint, seed, libraries).
 * Deterministic: the same data and settings give the same definition, bit for bit.
 */
public final class Training {

    /** Vocabulary cap: the terms in the most coach documents. */
    public static final int DEFAULT_MAX_TERMS = 20_000;

    /**
     * The algorithms a run can fit, each named as the artifact names it ({@link #toString}), which is also how the
     * command line spells it.
     */
    public enum Algorithm {
        /** {@link LinearFitter}: Tribuo's linear SGD over standardised features. */
        LINEAR(ModelDefinition.LINEAR),
        /** {@link GbtFitter}: Smile's gradient-boosted trees, exported to the artifact's trees. */
        GBT(ModelDefinition.GBT),
        /** {@link LambdaMartFitter}: XGBoost's unbiased LambdaMART, exported to the artifact's trees. */
        LAMBDAMART(ModelDefinition.LAMBDAMART);

        private final String artifactName;

        Algorithm(String artifactName) {
            this.artifactName = artifactName;
        }

        /** The algorithm's name in {@code model.json} and the manifest, such as {@code linear}. */
        public String artifactName() {
            return artifactName;
        }

        @Override
        public String toString() {
            return artifactName;
        }
    }

    /** What a run fits and how: the algorithm, the seed, the split, the vocabulary cap and each fitter's settings. */
    public record Settings(
            Algorithm algorithm,
            long seed,
            double testShare,
            double validationShare,
            int maxTerms,
            LinearFitter.Settings linear,
            GbtFitter.Settings gbt,
            LambdaMartFitter.Settings lambdamart,
            int rerankCount) {}

    /** The most first-phase candidates a tree model's trees rescore unless told otherwise. */
    public static final int DEFAULT_RERANK_COUNT = 300;

    /**
     * {@code rerankCount} asking training to recommend one ({@link RerankCount}): the smallest count up to
     * {@link #DEFAULT_RERANK_COUNT} that keeps the trees' own top ten.
     */
    public static final int AUTO_RERANK_COUNT = -1;

    /**
     * What a run produced.
     *
     * @param definition  the model, calibrated and with its blend weight
     * @param test        rules, model and blend on the test slice
     * @param validation  rules, model and blend on the validation slice
     * @param provenance  the trainer, its parameters, the data and the libraries the model came from
     * @param sliceCounts requests and pairs per slice, vocabulary size, logged and computed feature rows
     */
    public record Result(
            ModelDefinition definition,
            Evaluation.Report test,
            Evaluation.Report validation,
            TrainingProvenance provenance,
            Map<String, Long> sliceCounts) {

        /** The metrics the manifest records: rules, model and blend on the test slice, and the validation blend. */
        public Map<String, Map<String, Double>> metrics() {
            Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
            metrics.put("rules", test.rules().asMap());
            metrics.put("model", test.model().asMap());
            metrics.put("blend", test.blend().asMap());
            metrics.put("validation_blend", validation.blend().asMap());
            return metrics;
        }

        /**
         * The manifest of the model, before the registry names its version and checksums it.
         *
         * @param parent    the version in production when the model was trained, or null
         * @param createdAt when training finished
         */
        public Manifest manifest(String parent, Instant createdAt) {
            return provenance.manifest(parent, createdAt, metrics(), definition.blendWeight());
        }
    }

    private Training() {}

    /** A run that reports no progress. */
    public static Result run(DataSet data, Settings s, MatchingSettings matching) {
        return run(data, s, matching, ProgressListener.NONE);
    }

    /** A run that reports the progress of its long steps (features, fitting) to {@code progress}. */
    public static Result run(DataSet data, Settings s, MatchingSettings matching, ProgressListener progress) {
        FeatureExtractor base = PairFeatures.extractorFor(data.coaches(), s.maxTerms());
        Split split = Split.byTime(data, s.testShare(), s.validationShare());
        if (split.train().isEmpty()
                || split.validation().isEmpty()
                || split.test().isEmpty()) {
            throw new IllegalArgumentException(
                    "too little feedback to split by time: " + split.train().size()
                            + " train, " + split.validation().size() + " validation, "
                            + split.test().size()
                            + " test requests with feedback");
        }
        Learned learned = learn(data, split, base, matching);
        FeatureExtractor extractor = learned.extractor();
        PairFeatures.Coaches sides = PairFeatures.Coaches.of(data.coaches(), extractor, matching.rates());
        PairFeatures.BehaviourAsOf asOf = learned.asOf();
        PairFeatures train = PairFeatures.compute(
                data, split.train(), extractor, sides, matching, asOf, "features (train)", progress);
        PairFeatures validation = PairFeatures.compute(
                data, split.validation(), extractor, sides, matching, asOf, "features (validation)", progress);
        PairFeatures test =
                PairFeatures.compute(data, split.test(), extractor, sides, matching, asOf, "features (test)", progress);

        TfIdf tfidf = extractor.tfidf();
        TextNormalizer n = extractor.documents().normalizer();
        ModelDefinition.Text text = new ModelDefinition.Text(
                extractor.documents().skillBoost(),
                n.synonyms(),
                List.copyOf(n.stopWords()),
                tfidf.vocabulary(),
                tfidf.idf());
        ModelDefinition.Calibration provisional = ModelDefinition.Calibration.minMax(0, 1);
        ModelDefinition uncalibrated;
        Map<String, Object> hyper;
        String trainer;
        Map<String, String> libraries;
        if (s.algorithm() == Algorithm.LINEAR) {
            LinearFitter.Fit fit = LinearFitter.fit(train, s.linear(), progress);
            uncalibrated = new ModelDefinition(
                    ModelDefinition.FORMAT_VERSION,
                    Algorithm.LINEAR.artifactName(),
                    FeatureExtractor.FEATURES,
                    text,
                    fit.standardisation(),
                    fit.linear(),
                    null,
                    provisional,
                    0.0,
                    learned.tables());
            hyper = s.linear().asMap();
            trainer = LinearFitter.TRAINER;
            libraries = TrainingProvenance.libraries(LinearFitter.LIBRARY, LinearFitter.libraryVersion());
        } else if (s.algorithm() == Algorithm.LAMBDAMART) {
            LambdaMartFitter.Fit fit = LambdaMartFitter.fit(train, validation, s.lambdamart(), progress);
            uncalibrated = new ModelDefinition(
                    ModelDefinition.FORMAT_VERSION,
                    Algorithm.LAMBDAMART.artifactName(),
                    FeatureExtractor.FEATURES,
                    text,
                    null,
                    null,
                    fit.gbt(),
                    provisional,
                    0.0,
                    learned.tables());
            hyper = s.lambdamart().asMap();
            hyper.put("best_round", fit.bestRound());
            trainer = LambdaMartFitter.TRAINER;
            libraries = TrainingProvenance.libraries(LambdaMartFitter.LIBRARY, LambdaMartFitter.libraryVersion());
        } else {
            ModelDefinition.Gbt gbt = GbtFitter.fit(train, s.gbt(), progress);
            uncalibrated = new ModelDefinition(
                    ModelDefinition.FORMAT_VERSION,
                    Algorithm.GBT.artifactName(),
                    FeatureExtractor.FEATURES,
                    text,
                    null,
                    null,
                    gbt,
                    provisional,
                    0.0,
                    learned.tables());
            hyper = s.gbt().asMap();
            trainer = GbtFitter.TRAINER;
            libraries = TrainingProvenance.libraries(GbtFitter.LIBRARY, GbtFitter.libraryVersion());
        }
        ModelDefinition.Calibration calibration = calibrate(CompiledModel.of(uncalibrated, "new model"), train);
        ModelDefinition.FirstPhase firstPhase = null;
        if (s.algorithm() != Algorithm.LINEAR && s.rerankCount() != 0) {
            firstPhase = firstPhase(train, text, learned.tables(), s, progress);
        }
        ModelDefinition calibrated = new ModelDefinition(
                uncalibrated.formatVersion(),
                uncalibrated.algorithm(),
                uncalibrated.features(),
                text,
                uncalibrated.standardisation(),
                uncalibrated.linear(),
                uncalibrated.gbt(),
                calibration,
                0.0,
                learned.tables(),
                firstPhase);
        double[] valScores = Evaluation.modelScores(CompiledModel.of(calibrated, "new model"), validation);
        double blend = s.algorithm() == Algorithm.LAMBDAMART
                ? Evaluation.chooseListwiseBlend(validation, valScores)
                : Evaluation.chooseBlend(validation, valScores);
        ModelDefinition definition = calibrated.withBlendWeight(blend);
        if (definition.firstPhase() != null && s.rerankCount() == AUTO_RERANK_COUNT) {
            RerankCount.Choice choice =
                    RerankCount.choose(data, split.validation(), definition, matching, DEFAULT_RERANK_COUNT);
            ModelDefinition.FirstPhase f = definition.firstPhase();
            definition = new ModelDefinition(
                    definition.formatVersion(),
                    definition.algorithm(),
                    definition.features(),
                    definition.text(),
                    definition.standardisation(),
                    definition.linear(),
                    definition.gbt(),
                    definition.calibration(),
                    definition.blendWeight(),
                    definition.learned(),
                    new ModelDefinition.FirstPhase(f.standardisation(), f.linear(), f.calibration(), choice.count()));
            hyper.put("rerank_top10_recall", choice.recall());
        }
        hyper.put(
                "rerank_count",
                definition.firstPhase() == null ? 0 : definition.firstPhase().rerankCount());
        CompiledModel compiled = CompiledModel.of(definition, "new model");
        hyper.put("test_share", s.testShare());
        hyper.put("validation_share", s.validationShare());
        hyper.put("max_terms", s.maxTerms());
        hyper.put("blend_grid_steps", Evaluation.BLEND_STEPS);
        Map<String, Long> slices = new LinkedHashMap<>();
        slices.put("train_requests", (long) split.train().size());
        slices.put("train_pairs", (long) train.rows());
        slices.put("validation_requests", (long) split.validation().size());
        slices.put("validation_pairs", (long) validation.rows());
        slices.put("test_requests", (long) split.test().size());
        slices.put("test_pairs", (long) test.rows());
        slices.put("vocabulary_terms", (long) tfidf.vocabulary().size());
        slices.put("features_logged_rows", (long) (train.loggedRows() + validation.loggedRows() + test.loggedRows()));
        slices.put("features_computed_rows", (long) (train.rows()
                + validation.rows()
                + test.rows()
                - train.loggedRows()
                - validation.loggedRows()
                - test.loggedRows()));
        Map<String, Long> counts = new LinkedHashMap<>(data.counts());
        counts.putAll(slices);
        TrainingProvenance provenance = new TrainingProvenance(
                s.algorithm().artifactName(), trainer, hyper, s.seed(), data.fingerprint(), counts, libraries);
        return new Result(
                definition,
                Evaluation.report(compiled, test),
                Evaluation.report(compiled, validation),
                provenance,
                slices);
    }

    /**
     * What the run learned beside the weights, and the extractor that computes features with it.
     *
     * @param tables    the relatedness and the behaviour snapshot the artifact ships
     * @param extractor the base extractor with the learned relatedness and behaviour weights
     * @param asOf      behaviour features of a pair as of its request's time
     */
    record Learned(ModelDefinition.Learned tables, FeatureExtractor extractor, PairFeatures.BehaviourAsOf asOf) {}

    /**
     * Learns skill relatedness from the training requests, and the behaviour weights (propensities, priors and
     * prior strengths) from the events before the first validation request, so that nothing learned saw the
     * validation or test requests' outcomes; the shipped behaviour counts cover every event, as serving starts
     * from them.
     */
    static Learned learn(DataSet data, Split split, FeatureExtractor plain, MatchingSettings matching) {
        // the skill vocabulary bios are searched for: every skill a coach lists
        Set<String> names = new TreeSet<>();
        for (CoachProfile c : data.coaches()) {
            for (CoachSkill s : c.effectiveSkills()) {
                String key = plain.documents().normalizer().skill(s.name());
                if (!key.isEmpty()) {
                    names.add(key);
                }
            }
        }
        FeatureExtractor base =
                new FeatureExtractor(plain.documents(), plain.tfidf(), SkillRelatedness.vocabulary(names), null);
        PairFeatures.Coaches baseSides = PairFeatures.Coaches.of(data.coaches(), base, matching.rates());
        int n = 0;
        for (int r : split.train()) {
            n += data.pairs().get(r).size();
        }
        int[] positions = new int[n];
        int[] grades = new int[n];
        int i = 0;
        for (int r : split.train()) {
            for (DataSet.Pair p : data.pairs().get(r)) {
                positions[i] = p.position();
                grades[i] = p.grade();
                i++;
            }
        }
        Propensity propensity = Propensity.estimate(positions, grades);
        ModelDefinition.Relatedness relatedness = LearnedTables.relatedness(
                data, split.train(), baseSides.table(), base.documents().normalizer(), propensity);
        Instant trainEnd = split.validation().stream()
                .map(r -> data.requests().get(r).createdAt())
                .filter(t -> t != null)
                .min(Instant::compareTo)
                .orElse(null);
        CoachBehaviour weights = LearnedTables.behaviourWeights(data, propensity, trainEnd);
        ModelDefinition.Behaviour snapshot = LearnedTables.snapshot(data, weights);
        FeatureExtractor extractor = new FeatureExtractor(
                base.documents(),
                base.tfidf(),
                new SkillRelatedness(relatedness.skills(), relatedness.from(), relatedness.to(), relatedness.value()),
                weights);
        EventHistory.Counts counts = data.history().counts(weights);
        int at = Feature.CLICK_RATE.ordinal();
        PairFeatures.BehaviourAsOf asOf = (coach, time, x) -> {
            double[] e = new double[CoachBehaviour.COUNTS];
            counts.at(coach, time, e);
            weights.features(e, x, at);
        };
        return new Learned(new ModelDefinition.Learned(relatedness, snapshot), extractor, asOf);
    }

    /**
     * The linear first phase of a tree model: the linear fitter on the same training pairs, calibrated as the trees
     * are, recommending that the trees rescore the best {@code rerankCount} of it.
     */
    static ModelDefinition.FirstPhase firstPhase(
            PairFeatures train,
            ModelDefinition.Text text,
            ModelDefinition.Learned learned,
            Settings s,
            ProgressListener progress) {
        LinearFitter.Fit fit = LinearFitter.fit(train, s.linear(), progress);
        ModelDefinition linear = new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.LINEAR,
                FeatureExtractor.FEATURES,
                text,
                fit.standardisation(),
                fit.linear(),
                null,
                ModelDefinition.Calibration.minMax(0, 1),
                0.0,
                learned);
        ModelDefinition.Calibration calibration = calibrate(CompiledModel.of(linear, "first phase"), train);
        return new ModelDefinition.FirstPhase(
                fit.standardisation(),
                fit.linear(),
                calibration,
                s.rerankCount() == AUTO_RERANK_COUNT ? DEFAULT_RERANK_COUNT : s.rerankCount());
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
