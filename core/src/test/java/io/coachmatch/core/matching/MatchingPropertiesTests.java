package io.coachmatch.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties that hold for any valid catalog and request, checked over seeded random cases
 * ({@link RandomCases}); a failing seed reproduces exactly.
 */
class MatchingPropertiesTests {

    static final MatchingSettings SETTINGS = MatchingSettings.defaults();
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    static MatchQuery compile(MatchingRequest r) {
        return MatchQuery.compile(r, SETTINGS, NOW);
    }

    /** A stand-in model: a fixed function of the coach id and rule total, to exercise blending. */
    static ModelScorer model(double blend) {
        return new ModelScorer() {
            public String version() {
                return "test";
            }

            public double blendWeight() {
                return blend;
            }

            public RequestScorer forRequest(MatchQuery query, CatalogIndex catalog) {
                return (c, rules) -> (Math.abs(catalog.coach(c).id().hashCode() % 1000) / 1000.0 + rules.total()) / 2;
            }
        };
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyScoreLiesInTheUnitInterval(long seed) {
        RandomCases cases = new RandomCases(seed);
        List<CoachProfile> coaches = cases.coaches(60, "c");
        for (int i = 0; i < 10; i++) {
            MatchQuery q = compile(cases.request("r" + i));
            for (CoachProfile c : coaches) {
                RuleComponents r = RuleScorer.score(q, CoachFacts.of(c, CurrencyRates.defaults()), SETTINGS.weights());
                assertThat(List.of(
                                r.skill(),
                                r.experience(),
                                r.rating(),
                                r.availability(),
                                r.price(),
                                r.total(),
                                r.coverage()))
                        .as("seed %d coach %s", seed, c.id())
                        .allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
            }
            CatalogIndex index = CatalogIndex.build(coaches, CurrencyRates.defaults());
            for (ScoredCoach s :
                    index.match(q, SETTINGS.weights(), 0.0, model(0.4), null).top()) {
                assertThat(s.matchScore()).isBetween(0.0, 1.0);
                assertThat(s.modelScore()).isBetween(0.0, 1.0);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void rankingIsDeterministicWhateverTheCatalogOrder(long seed) {
        RandomCases cases = new RandomCases(seed);
        List<CoachProfile> coaches = cases.coaches(200, "c");
        List<CoachProfile> shuffled = new ArrayList<>(coaches);
        Collections.shuffle(shuffled, new Random(seed));
        CatalogIndex a = CatalogIndex.build(coaches, CurrencyRates.defaults());
        CatalogIndex b = CatalogIndex.build(shuffled, CurrencyRates.defaults());
        for (int i = 0; i < 10; i++) {
            MatchingRequest r = cases.request("r" + i);
            MatchOutcome first = a.match(compile(r), SETTINGS.weights(), 0.3, null, null);
            MatchOutcome again = a.match(compile(r), SETTINGS.weights(), 0.3, null, null);
            MatchOutcome other = b.match(compile(r), SETTINGS.weights(), 0.3, null, null);
            assertThat(again).isEqualTo(first);
            assertThat(other).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void addingACoachWhoFailsAHardFilterNeverChangesTheResult(long seed) {
        RandomCases cases = new RandomCases(seed);
        List<CoachProfile> coaches = cases.coaches(150, "c");
        CatalogIndex base = CatalogIndex.build(coaches, CurrencyRates.defaults());
        int checked = 0;
        for (int i = 0; i < 20; i++) {
            MatchQuery q = compile(cases.request("r" + i));
            List<CoachProfile> extra = new ArrayList<>(coaches);
            int added = 0;
            for (CoachProfile c : cases.coaches(30, "x" + i + "_")) {
                Optional<FilterReason> reason = RuleScorer.filter(q, CoachFacts.of(c, CurrencyRates.defaults()));
                if (reason.isPresent()) {
                    extra.add(c);
                    added++;
                }
            }
            MatchOutcome before = base.match(q, SETTINGS.weights(), 0.3, null, null);
            MatchOutcome after = CatalogIndex.build(extra, CurrencyRates.defaults())
                    .match(compile(q.request()), SETTINGS.weights(), 0.3, null, null);
            assertThat(after.top()).isEqualTo(before.top());
            assertThat(after.totalMatches()).isEqualTo(before.totalMatches());
            assertThat(after.candidatesConsidered()).isEqualTo(before.candidatesConsidered() + added);
            checked += added;
        }
        assertThat(checked).as("the property was exercised").isPositive();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theIndexWithAModelAgreesWithScoringEveryPair(long seed) {
        RandomCases cases = new RandomCases(seed);
        List<CoachProfile> coaches = cases.coaches(120, "c");
        CatalogIndex index = CatalogIndex.build(coaches, CurrencyRates.defaults());
        ModelScorer model = model(0.35);
        for (int i = 0; i < 8; i++) {
            MatchQuery q = compile(cases.request("r" + i));
            MatchOutcome out = index.match(q, SETTINGS.weights(), 0.45, model, null);
            ModelScorer.RequestScorer scorer = model.forRequest(q, index);
            List<ScoredCoach> expected = new ArrayList<>();
            for (int c = 0; c < index.size(); c++) {
                CoachFacts f = CoachFacts.of(index.coach(c), CurrencyRates.defaults());
                if (RuleScorer.filter(q, f).isPresent()) {
                    continue;
                }
                RuleComponents rc = RuleScorer.score(q, f, SETTINGS.weights());
                double m = scorer.score(c, rc);
                double score = Scores.quantize(0.65 * rc.total() + 0.35 * m);
                if (score >= 0.45 - 1e-9) {
                    expected.add(new ScoredCoach(index.coach(c), rc, m, score));
                }
            }
            expected.sort(ScoredCoach.RANKING);
            assertThat(out.totalMatches()).isEqualTo(expected.size());
            assertThat(out.top())
                    .extracting(s -> s.coach().id())
                    .containsExactlyElementsOf(expected.subList(0, Math.min(q.maxResults(), expected.size())).stream()
                            .map(s -> s.coach().id())
                            .toList());
        }
    }
}
