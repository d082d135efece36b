package io.coachmatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.matching.Scores;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matcher skips coaches by the model's {@link ModelScorer.RequestScorer#upperBound}, so a bound
 * below the true score would silently lose matches. Checked over seeded synthetic catalogs and
 * requests for the shipped linear model, a stored gbt model, and hand-built models with a logistic
 * (one of them decreasing) calibration; and the index with each model must still answer exactly what
 * scoring every pair answers.
 */
class ModelBoundTests {

    private static final CurrencyRates RATES = CurrencyRates.defaults();
    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final List<CoachProfile> COACHES = SyntheticCatalog.coaches(31, 700);
    private static final CatalogIndex INDEX = CatalogIndex.build(COACHES, RATES);
    private static final List<CoachFacts> FACTS =
            COACHES.stream().map(c -> CoachFacts.of(c, RATES)).toList();

    static Stream<Arguments> models() throws Exception {
        Path golden = GoldenArtifactTests.golden().resolve("models");
        ModelDefinition lin = TestModels.linear(0.5);
        ModelDefinition decreasing = new ModelDefinition(
                lin.formatVersion(),
                lin.algorithm(),
                lin.features(),
                lin.text(),
                lin.standardisation(),
                lin.linear(),
                null,
                ModelDefinition.Calibration.logistic(-0.7, 0.2),
                0.45);
        return Stream.of(
                Arguments.of(
                        "shipped v0001 (linear)",
                        ModelRegistry.open(Path.of("..", "models")).load("v0001")),
                Arguments.of("golden v0002 (gbt)", ModelRegistry.open(golden).load("v0002")),
                Arguments.of("hand-built gbt, logistic", loaded(TestModels.gbt(0.7), ModelDefinition.GBT)),
                Arguments.of("hand-built linear, decreasing", loaded(decreasing, ModelDefinition.LINEAR)),
                Arguments.of(
                        "hand-built linear with learned tables",
                        loaded(TestModels.learnedLinear(0.6), ModelDefinition.LINEAR)));
    }

    /** Tree models whose trees read the learned features, scoring every candidate (no first phase). */
    static Stream<Arguments> learnedTrees() {
        ModelDefinition phased = TestModels.phasedTrees(0.7, 50);
        ModelDefinition full = new ModelDefinition(
                phased.formatVersion(),
                phased.algorithm(),
                phased.features(),
                phased.text(),
                null,
                null,
                phased.gbt(),
                phased.calibration(),
                phased.blendWeight(),
                phased.learned(),
                null);
        return Stream.of(
                Arguments.of("hand-built trees over learned features", loaded(full, ModelDefinition.LAMBDAMART)));
    }

    private static LoadedModel loaded(ModelDefinition d, String algorithm) {
        return new LoadedModel("t", TestModels.draft(algorithm), CompiledModel.of(d, "test"), RATES);
    }

    private static ScoreWeights weights(SplittableRandom random) {
        return random.nextBoolean()
                ? ScoreWeights.defaults()
                : new ScoreWeights(
                        random.nextDouble(),
                        random.nextDouble(),
                        random.nextDouble(),
                        random.nextDouble(),
                        0.01 + random.nextDouble());
    }

    /** Synthetic requests, some with no budget, no skills, a flexible schedule or several languages. */
    private static List<MatchingRequest> requests(long seed, int n) {
        return SyntheticCatalog.requests(seed, n, START);
    }

    @Nested
    class UpperBound {

        @ParameterizedTest(name = "{0}")
        @MethodSource({
            "io.coachmatch.core.artifact.ModelBoundTests#models",
            "io.coachmatch.core.artifact.ModelBoundTests#learnedTrees"
        })
        void isNeverBelowTheScoreOfAnyCoach(String name, LoadedModel model) {
            SplittableRandom random = new SplittableRandom(name.hashCode());
            int pairs = 0;
            double gap = 0;
            double narrowGap = 0;
            double trivialGap = 0;
            for (MatchingRequest r : requests(name.hashCode(), 30)) {
                MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
                ScoreWeights w = weights(random);
                ModelScorer.RequestScorer scorer = model.forRequest(q, INDEX);
                for (int c = 0; c < INDEX.size(); c++) {
                    RuleComponents rc = RuleScorer.score(q, FACTS.get(c), w);
                    double score = scorer.score(c, rc);
                    double bound = scorer.upperBound(c);
                    assertThat(bound)
                            .as(
                                    "%s: bound of coach %s for %s",
                                    name, COACHES.get(c).id(), r.requestId())
                            .isGreaterThanOrEqualTo(score);
                    // what the index knows before looking at the hours, and after
                    double atMost = rc.total() + random.nextDouble() * 0.05;
                    assertThat(scorer.upperBound(c, rc.skill(), atMost, Double.NaN))
                            .as(
                                    "%s: bound knowing skill and total of coach %s for %s",
                                    name, COACHES.get(c).id(), r.requestId())
                            .isGreaterThanOrEqualTo(score);
                    double knowing = scorer.upperBound(c, rc.skill(), rc.total(), rc.coverage());
                    assertThat(knowing)
                            .as(
                                    "%s: bound knowing the coverage of coach %s for %s",
                                    name, COACHES.get(c).id(), r.requestId())
                            .isGreaterThanOrEqualTo(score);
                    narrowGap += knowing - score;
                    pairs++;
                    gap += bound - score;
                    trivialGap += 1.0 - score;
                }
            }
            // a valid bound could be 1 everywhere; this one must also be useful
            assertThat(gap)
                    .as("%s: distance of the bound above the score, against that of the bound 1", name)
                    .isLessThan(0.75 * trivialGap);
            assertThat(narrowGap)
                    .as("%s: distance knowing the rule components, against that of the bound", name)
                    .isLessThan(0.6 * gap + 1e-6 * pairs);
        }
    }

    @Nested
    class LowerBound {

        @ParameterizedTest(name = "{0}")
        @MethodSource({
            "io.coachmatch.core.artifact.ModelBoundTests#models",
            "io.coachmatch.core.artifact.ModelBoundTests#learnedTrees"
        })
        void isNeverAboveTheScoreOfAnyCoachAndTightForALinearModel(String name, LoadedModel model) {
            SplittableRandom random = new SplittableRandom(31L * name.hashCode());
            boolean linear = model.definition().gbt() == null;
            double scores = 0;
            double gap = 0;
            for (MatchingRequest r : requests(31L * name.hashCode(), 30)) {
                MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
                ScoreWeights w = weights(random);
                ModelScorer.RequestScorer scorer = model.forRequest(q, INDEX);
                for (int c = 0; c < INDEX.size(); c++) {
                    RuleComponents rc = RuleScorer.score(q, FACTS.get(c), w);
                    double score = Scores.clamp(scorer.score(c, rc));
                    // what the index knows when it decides whether to count a coach without scoring it
                    double atLeast = rc.total() - random.nextDouble() * 0.05;
                    double atMost = rc.total() + random.nextDouble() * 0.05;
                    double low = Scores.clamp(scorer.lowerBound(c, rc.skill(), atLeast, atMost, rc.coverage()));
                    assertThat(low)
                            .as(
                                    "%s: lower bound of coach %s for %s",
                                    name, COACHES.get(c).id(), r.requestId())
                            .isLessThanOrEqualTo(score);
                    scores += score;
                    gap += score - low;
                }
            }
            if (linear) {
                assertThat(gap)
                        .as("%s: distance of the lower bound below the score, against that of the bound 0", name)
                        .isLessThan(0.5 * scores);
            } else {
                assertThat(gap).as("%s: trees give no lower bound", name).isEqualTo(scores);
            }
        }
    }

    @Nested
    class CurrencyTables {

        @ParameterizedTest(name = "{0}")
        @MethodSource({
            "io.coachmatch.core.artifact.ModelBoundTests#models",
            "io.coachmatch.core.artifact.ModelBoundTests#learnedTrees"
        })
        void theBoundHoldsWhenTheCatalogConvertsRatesWithItsOwnTable(String name, LoadedModel model) {
            CurrencyRates own = new CurrencyRates(java.util.Map.of("USD", 1.0, "EUR", 1.6, "GBP", 0.7));
            List<CoachProfile> coaches = COACHES.subList(0, 300);
            CatalogIndex index = CatalogIndex.build(coaches, own);
            for (MatchingRequest r : requests(77, 10)) {
                MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
                ModelScorer.RequestScorer scorer = model.forRequest(q, index);
                for (int c = 0; c < index.size(); c++) {
                    RuleComponents rc =
                            RuleScorer.score(q, CoachFacts.of(coaches.get(c), own), ScoreWeights.defaults());
                    assertThat(scorer.upperBound(c, rc.skill(), rc.total(), rc.coverage()))
                            .as(
                                    "%s: bound of coach %s for %s",
                                    name, coaches.get(c).id(), r.requestId())
                            .isGreaterThanOrEqualTo(scorer.score(c, rc));
                }
            }
        }
    }

    @Nested
    class IndexWithTheModel {

        @ParameterizedTest(name = "{0}")
        @MethodSource({
            "io.coachmatch.core.artifact.ModelBoundTests#models",
            "io.coachmatch.core.artifact.ModelBoundTests#learnedTrees"
        })
        void answersExactlyWhatScoringEveryPairAnswers(String name, LoadedModel model) {
            SplittableRandom random = new SplittableRandom(~name.hashCode());
            double b = model.blendWeight();
            int nonEmpty = 0;
            for (MatchingRequest r : requests(~name.hashCode(), 25)) {
                MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
                ScoreWeights w = weights(random);
                double minScore = random.nextInt(3) == 0 ? 0.0 : 0.3 + 0.4 * random.nextDouble();
                MatchOutcome actual = INDEX.match(q, w, minScore, model, null);

                ModelScorer.RequestScorer scorer = model.forRequest(q, INDEX);
                List<ScoredCoach> expected = new ArrayList<>();
                for (int c = 0; c < INDEX.size(); c++) {
                    if (RuleScorer.filter(q, FACTS.get(c)).isPresent()) {
                        continue;
                    }
                    RuleComponents rc = RuleScorer.score(q, FACTS.get(c), w);
                    double m = Scores.clamp(scorer.score(c, rc));
                    double score = Scores.quantize((1 - b) * rc.total() + b * m);
                    if (score >= minScore - 1e-9) {
                        expected.add(new ScoredCoach(COACHES.get(c), rc, m, score));
                    }
                }
                expected.sort(ScoredCoach.RANKING);
                List<ScoredCoach> top = expected.subList(0, Math.min(q.maxResults(), expected.size()));
                String what = name + " " + r.requestId() + " min " + minScore;
                assertThat(actual.totalMatches()).as("total_matches, %s", what).isEqualTo(expected.size());
                assertThat(actual.top())
                        .as("top list, %s", what)
                        .extracting(s -> s.coach().id())
                        .containsExactlyElementsOf(
                                top.stream().map(s -> s.coach().id()).toList());
                assertThat(actual.top())
                        .as("scores, %s", what)
                        .extracting(ScoredCoach::matchScore)
                        .containsExactlyElementsOf(
                                top.stream().map(ScoredCoach::matchScore).toList());
                nonEmpty += expected.isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty).as("requests with matches").isGreaterThan(5);
        }
    }

    @Nested
    class RecordedFeatures {

        /** Impression logs carry the recorded vectors, so they must be exactly what the model scored for the pair. */
        @ParameterizedTest(name = "{0}")
        @MethodSource({
            "io.coachmatch.core.artifact.ModelBoundTests#models",
            "io.coachmatch.core.artifact.ModelBoundTests#learnedTrees"
        })
        void areTheVectorsTheModelScoredForEachKeptCoach(String name, LoadedModel model) {
            int checked = 0;
            for (MatchingRequest r : requests(name.hashCode() * 31L, 15)) {
                MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
                MatchOutcome out = INDEX.match(q, ScoreWeights.defaults(), 0.0, model, null);
                for (ScoredCoach s : out.top()) {
                    assertThat(s.features())
                            .as("%s: features of %s", name, s.coach().id())
                            .hasSize(FeatureExtractor.SIZE);
                    double[] reference = model.compiled()
                            .extractor()
                            .extract(q, CoachFacts.of(s.coach(), RATES), ScoreWeights.defaults());
                    assertThat(s.features())
                            .as("%s: features of %s for %s", name, s.coach().id(), r.requestId())
                            .containsExactly(reference, within(1e-12));
                    assertThat(Scores.clamp(model.compiled().score(s.features())))
                            .as("%s: rescored", name)
                            .isCloseTo(s.modelScore(), within(1e-12));
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(50);
        }

        @org.junit.jupiter.api.Test
        void areAbsentWithoutAModel() {
            MatchingRequest r = requests(5, 1).get(0);
            MatchOutcome out = INDEX.match(
                    MatchQuery.compile(r, MatchingSettings.defaults(), START),
                    ScoreWeights.defaults(),
                    0.0,
                    null,
                    null);
            assertThat(out.top())
                    .isNotEmpty()
                    .allSatisfy(s -> assertThat(s.features()).isNull());
        }
    }
}
