package io.coachmatch.training.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.CompiledModel;
import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.cli.Cli;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import io.coachmatch.training.data.Split;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaMartFitterTests {

    @TempDir
    static Path dir;

    static PairFeatures train;
    static PairFeatures validation;
    static FeatureExtractor extractor;

    @BeforeAll
    static void data() {
        Cli.Run g = Cli.run(
                "generate",
                "--world",
                "boreal",
                "--seed",
                "11",
                "--coaches",
                "300",
                "--requests",
                "1500",
                "--out",
                dir.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        MatchingSettings settings = MatchingSettings.defaults();
        DataSet d = new DataLoader(settings.rates(), true, line -> {}).load(dir);
        extractor = PairFeatures.extractorFor(d.coaches(), 2000);
        PairFeatures.Coaches sides = PairFeatures.Coaches.of(d.coaches(), extractor, settings.rates());
        Split split = Split.byTime(d, 0.2, 0.2);
        train = PairFeatures.compute(d, split.train(), extractor, sides, settings, "t", ProgressListener.NONE);
        validation =
                PairFeatures.compute(d, split.validation(), extractor, sides, settings, "v", ProgressListener.NONE);
    }

    @Test
    void coreScoresEveryValidationPairAsXgboostsOwnPredictorDoes() throws Exception {
        LambdaMartFitter.Settings s = new LambdaMartFitter.Settings(60, 10, 5, 0.1, 1.0, 0.8, 0.8, 2, 7, Map.of());
        try (LambdaMartFitter.Trained t = LambdaMartFitter.train(train, validation, s, ProgressListener.NONE)) {
            ModelDefinition.Gbt gbt = LambdaMartFitter.export(t.booster(), t.rounds());
            assertThat(gbt.trees()).hasSize(t.rounds());
            ModelDefinition def = new ModelDefinition(
                    ModelDefinition.FORMAT_VERSION,
                    ModelDefinition.LAMBDAMART,
                    FeatureExtractor.FEATURES,
                    text(),
                    null,
                    null,
                    gbt,
                    ModelDefinition.Calibration.minMax(0, 1),
                    0.5);
            CompiledModel compiled = CompiledModel.of(def, "test");
            float[][] expected = t.booster().predict(t.validation(), true, t.rounds());
            int[] order = LambdaMartFitter.shownOrder(validation);
            int f = FeatureExtractor.SIZE;
            double[] x = new double[f];
            double worst = 0;
            for (int i = 0; i < order.length; i++) {
                System.arraycopy(validation.x(), order[i] * f, x, 0, f);
                worst = Math.max(worst, Math.abs(compiled.raw(x) - expected[i][0]) / (1 + Math.abs(expected[i][0])));
            }
            assertThat(order).hasSize(validation.rows());
            assertThat(worst).isLessThanOrEqualTo(LambdaMartFitter.TOLERANCE);
            // the trees say something: scores differ between pairs
            assertThat(Arrays.stream(expected).mapToDouble(v -> v[0]).distinct().count())
                    .isGreaterThan(10);
        }
    }

    @Test
    void theFitIsReproducibleAndNamesTheFeaturesItSplitOn() {
        LambdaMartFitter.Settings s = new LambdaMartFitter.Settings(40, 10, 4, 0.1, 1.0, 0.8, 0.8, 2, 3, Map.of());
        LambdaMartFitter.Fit a = LambdaMartFitter.fit(train, validation, s, ProgressListener.NONE);
        LambdaMartFitter.Fit b = LambdaMartFitter.fit(train, validation, s, ProgressListener.NONE);
        assertThat(b.bestRound()).isEqualTo(a.bestRound());
        for (int t = 0; t < a.gbt().trees().size(); t++) {
            assertThat(b.gbt().trees().get(t).threshold())
                    .isEqualTo(a.gbt().trees().get(t).threshold());
            assertThat(b.gbt().trees().get(t).value())
                    .isEqualTo(a.gbt().trees().get(t).value());
        }
        assertThat(a.importance()).isNotEmpty();
        assertThat(FeatureExtractor.FEATURES).containsAll(a.importance().keySet());
        assertThat(a.validationNdcg()).isBetween(0.0, 1.0);
    }

    @Test
    void anExportedThresholdDecidesEveryDoubleAsXgboostsFloatComparisonDoes() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            float split = (float) (r.nextDouble() * 4 - 2);
            double t = LambdaMartFitter.threshold(split);
            float below = Math.nextDown(split);
            double mid = ((double) below + (double) split) / 2;
            for (double x : new double[] {
                t,
                Math.nextUp(t),
                Math.nextDown(t),
                mid,
                Math.nextUp(mid),
                Math.nextDown(mid),
                split,
                below,
                split + r.nextGaussian() * 1e-6
            }) {
                assertThat(x <= t).as("x=%s split=%s", x, split).isEqualTo((float) x < split);
            }
        }
    }

    private static ModelDefinition.Text text() {
        return new ModelDefinition.Text(
                extractor.documents().skillBoost(),
                extractor.documents().normalizer().synonyms(),
                List.copyOf(extractor.documents().normalizer().stopWords()),
                extractor.tfidf().vocabulary(),
                extractor.tfidf().idf());
    }
}
