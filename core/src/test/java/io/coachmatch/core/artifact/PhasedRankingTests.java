package io.coachmatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.matching.AdjustedScorer;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.matching.Scores;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A tree model with a first phase: the linear phase ranks every candidate, the trees rescore its best. */
class PhasedRankingTests {

    private static final CurrencyRates RATES = CurrencyRates.defaults();
    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final List<CoachProfile> COACHES = SyntheticCatalog.coaches(41, 600);
    private static final CatalogIndex INDEX = CatalogIndex.build(COACHES, RATES);

    private static LoadedModel model(int rerank) {
        return new LoadedModel(
                "p",
                TestModels.draft(ModelDefinition.LAMBDAMART),
                CompiledModel.of(TestModels.phasedTrees(0.7, rerank), "test"),
                RATES);
    }

    /** The same model without its first phase: the trees score every candidate. */
    private static ModelScorer everyCandidate(LoadedModel m) {
        return new AdjustedScorer(m, m.blendWeight(), null, 0);
    }

    @Test
    void reranking_every_candidate_answers_what_scoring_every_candidate_with_the_trees_answers() {
        LoadedModel phased = model(10_000);
        assertThat(phased.firstPhase()).isNotNull();
        for (MatchingRequest r : SyntheticCatalog.requests(3, 30, START)) {
            MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
            MatchOutcome a = INDEX.match(q, ScoreWeights.defaults(), 0.0, phased, null);
            MatchOutcome b = INDEX.match(q, ScoreWeights.defaults(), 0.0, everyCandidate(phased), null);
            assertThat(a.top())
                    .extracting(s -> s.coach().id())
                    .isEqualTo(b.top().stream().map(s -> s.coach().id()).toList());
            assertThat(a.top())
                    .extracting(ScoredCoach::matchScore)
                    .isEqualTo(b.top().stream().map(ScoredCoach::matchScore).toList());
            assertThat(a.totalMatches()).as(r.requestId()).isEqualTo(b.totalMatches());
        }
    }

    @Test
    void the_trees_rescore_only_the_first_phases_best_and_answer_by_their_blend() {
        int rerank = 15;
        LoadedModel phased = model(rerank);
        int differing = 0;
        for (MatchingRequest r : SyntheticCatalog.requests(4, 40, START)) {
            MatchQuery q = MatchQuery.compile(r.withMaxResults(10), MatchingSettings.defaults(), START);
            MatchOutcome answer = INDEX.match(q, ScoreWeights.defaults(), 0.0, phased, null);
            MatchQuery wide = MatchQuery.compile(r.withMaxResults(rerank), MatchingSettings.defaults(), START);
            MatchOutcome first = INDEX.match(wide, ScoreWeights.defaults(), 0.0, phased.firstPhase(), null);
            Set<String> firstBest =
                    first.top().stream().map(s -> s.coach().id()).collect(Collectors.toSet());
            assertThat(answer.top())
                    .allSatisfy(s -> assertThat(firstBest).contains(s.coach().id()));
            assertThat(answer.top()).isSortedAccordingTo(ScoredCoach.RANKING);
            ModelScorer.RequestScorer trees = phased.forRequest(q, INDEX);
            for (ScoredCoach s : answer.top()) {
                int c = INDEX.indexOf(s.coach().id()).orElseThrow();
                double m = Scores.clamp(trees.score(c, s.rules()));
                assertThat(s.modelScore()).isEqualTo(m);
                assertThat(s.matchScore())
                        .isEqualTo(Scores.quantize((1 - 0.7) * s.rules().total() + 0.7 * m));
                assertThat(s.features()).isNotNull();
            }
            List<String> firstTen =
                    first.top().stream().limit(10).map(s -> s.coach().id()).toList();
            differing += firstTen.equals(
                            answer.top().stream().map(s -> s.coach().id()).toList())
                    ? 0
                    : 1;
        }
        // the trees change the order the first phase gave
        assertThat(differing).isGreaterThan(5);
    }

    @Test
    void aMinimumScoreHoldsForTheFinalScoreAndCountsOnlyWhatReachesIt() {
        LoadedModel phased = model(25);
        for (MatchingRequest r : SyntheticCatalog.requests(5, 30, START)) {
            MatchQuery q = MatchQuery.compile(r, MatchingSettings.defaults(), START);
            MatchOutcome some = INDEX.match(q, ScoreWeights.defaults(), 0.45, phased, null);
            MatchOutcome all = INDEX.match(q, ScoreWeights.defaults(), 0.0, phased, null);
            assertThat(some.top()).allSatisfy(s -> assertThat(s.matchScore()).isGreaterThanOrEqualTo(0.45));
            assertThat(some.totalMatches()).isLessThanOrEqualTo(all.totalMatches());
            assertThat(some.top().size()).isLessThanOrEqualTo(some.totalMatches());
        }
    }
}
