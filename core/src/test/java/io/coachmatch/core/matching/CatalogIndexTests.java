package io.coachmatch.core.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The catalog index must give exactly what the per-pair reference gives: {@link RuleScorer#filter}
 * and {@link RuleScorer#score} applied to every coach, one by one. Same count per filter reason,
 * same total, same top list in the same order with the same scores, over many seeded synthetic
 * catalogs and requests, whatever shortcuts the index takes.
 */
class CatalogIndexTests {

    private static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
    private static final CurrencyRates RATES = CurrencyRates.defaults();
    private static final MatchingSettings SETTINGS = MatchingSettings.defaults();

    /** A catalog with its index and the facts the reference scores from. */
    private record Catalog(CatalogIndex index, List<CoachFacts> facts) {
        static Catalog of(long seed, int n) {
            List<CoachProfile> coaches = SyntheticCatalog.coaches(seed, n);
            List<CoachFacts> facts = new ArrayList<>(n);
            for (CoachProfile p : coaches) {
                facts.add(CoachFacts.of(p, RATES));
            }
            return new Catalog(CatalogIndex.build(coaches, RATES), facts);
        }
    }

    private static final Catalog SMALL = Catalog.of(11, 1_500);
    private static final Catalog MEDIUM = Catalog.of(12, 4_000);

    /** The answer computed the slow, obvious way. */
    private static MatchOutcome reference(
            Catalog catalog, MatchQuery q, ScoreWeights w, double minScore, ModelScorer model, long[] excluded) {
        EnumMap<FilterReason, Integer> counts = new EnumMap<>(FilterReason.class);
        for (FilterReason r : FilterReason.values()) {
            counts.put(r, 0);
        }
        double b = model == null ? 0.0 : model.blendWeight();
        ModelScorer.RequestScorer scorer = model == null ? null : model.forRequest(q, catalog.index());
        List<ScoredCoach> matches = new ArrayList<>();
        int considered = 0;
        for (int c = 0; c < catalog.facts().size(); c++) {
            if (excluded != null && (excluded[c >>> 6] & (1L << (c & 63))) != 0) {
                continue;
            }
            considered++;
            CoachFacts f = catalog.facts().get(c);
            Optional<FilterReason> reason = RuleScorer.filter(q, f);
            if (reason.isPresent()) {
                counts.merge(reason.get(), 1, Integer::sum);
                continue;
            }
            RuleComponents rc = RuleScorer.score(q, f, w);
            Double modelScore = null;
            double score = rc.total();
            if (scorer != null) {
                modelScore = Scores.clamp(scorer.score(c, rc));
                score = Scores.quantize((1 - b) * rc.total() + b * modelScore);
            }
            if (score >= minScore - 1e-9) {
                matches.add(new ScoredCoach(f.profile(), rc, modelScore, score));
            }
        }
        matches.sort(ScoredCoach.RANKING);
        return new MatchOutcome(
                matches.subList(0, Math.min(q.maxResults(), matches.size())), matches.size(), considered, counts);
    }

    private static void assertSame(MatchOutcome actual, MatchOutcome expected, String what) {
        assertThat(actual.filteredOut()).as("filtered_out of %s", what).isEqualTo(expected.filteredOut());
        assertThat(actual.totalMatches()).as("total_matches of %s", what).isEqualTo(expected.totalMatches());
        assertThat(actual.candidatesConsidered())
                .as("candidates of %s", what)
                .isEqualTo(expected.candidatesConsidered());
        assertThat(actual.top().stream().map(s -> s.coach().id()).toList())
                .as("top list of %s", what)
                .isEqualTo(expected.top().stream().map(s -> s.coach().id()).toList());
        for (int i = 0; i < actual.top().size(); i++) {
            ScoredCoach a = actual.top().get(i);
            ScoredCoach e = expected.top().get(i);
            assertThat(a.matchScore())
                    .as("score of %s in %s", e.coach().id(), what)
                    .isCloseTo(e.matchScore(), within(1e-9));
            assertThat(a.rules().skill()).isCloseTo(e.rules().skill(), within(1e-9));
            assertThat(a.rules().experience()).isCloseTo(e.rules().experience(), within(1e-9));
            assertThat(a.rules().rating()).isCloseTo(e.rules().rating(), within(1e-9));
            assertThat(a.rules().availability()).isCloseTo(e.rules().availability(), within(1e-9));
            assertThat(a.rules().price()).isCloseTo(e.rules().price(), within(1e-9));
            assertThat(a.rules().coverage()).isCloseTo(e.rules().coverage(), within(1e-9));
            if (e.modelScore() == null) {
                assertThat(a.modelScore()).isNull();
            } else {
                assertThat(a.modelScore()).isCloseTo(e.modelScore(), within(1e-9));
            }
        }
    }

    /** Matches every request, changed by {@code change}, against the index and the reference. */
    private static int checkAll(
            Catalog catalog,
            List<MatchingRequest> requests,
            UnaryOperator<MatchingRequest> change,
            ScoreWeights w,
            double minScore,
            ModelScorer model,
            long[] excluded) {
        int matched = 0;
        for (MatchingRequest original : requests) {
            MatchingRequest r = change.apply(original);
            MatchOutcome actual =
                    catalog.index().match(MatchQuery.compile(r, SETTINGS, START), w, minScore, model, excluded);
            MatchOutcome expected =
                    reference(catalog, MatchQuery.compile(r, SETTINGS, START), w, minScore, model, excluded);
            assertSame(actual, expected, r.requestId());
            matched += actual.totalMatches() > 0 ? 1 : 0;
        }
        return matched;
    }

    private static List<MatchingRequest> requests(long seed, int n) {
        return SyntheticCatalog.requests(seed, n, START);
    }

    private static MatchingRequest withFlexibility(MatchingRequest r, double flexibility) {
        AvailabilityRequirements a = r.availabilityRequirements();
        AvailabilityRequirements changed = a == null
                ? new AvailabilityRequirements(null, List.of("09:00-12:00"), "UTC", flexibility)
                : new AvailabilityRequirements(a.daysOfWeek(), a.timeSlots(), a.timezone(), flexibility);
        return copy(r, r.skillsRequired(), r.budgetConstraints(), changed, r.languageRequirements(), r.maxResults());
    }

    private static MatchingRequest copy(
            MatchingRequest r,
            List<SkillRequirement> skills,
            BudgetConstraints budget,
            AvailabilityRequirements availability,
            List<String> languages,
            Integer maxResults) {
        return new MatchingRequest(
                r.requestId(),
                r.requesterId(),
                r.createdAt(),
                r.title(),
                r.description(),
                r.sessionType(),
                r.priority(),
                skills,
                budget,
                availability,
                languages,
                r.participantsCount(),
                r.totalSessions(),
                maxResults);
    }

    private static long[] excludeAbout(CatalogIndex index, double share, long seed) {
        long[] bits = index.newBitSet();
        SplittableRandom random = new SplittableRandom(seed);
        for (int c = 0; c < index.size(); c++) {
            if (random.nextDouble() < share) {
                bits[c >>> 6] |= 1L << (c & 63);
            }
        }
        return bits;
    }

    @Nested
    class AgreesWithTheReference {

        @Test
        void onSyntheticRequestsAsGenerated() {
            int matched = checkAll(SMALL, requests(1, 300), r -> r, SETTINGS.weights(), 0.6, null, null);
            assertThat(matched).as("requests with at least one match").isGreaterThan(100);
            checkAll(MEDIUM, requests(2, 150), r -> r, SETTINGS.weights(), 0.6, null, null);
        }

        @Test
        void whenEveryRequestIsFlexible() {
            checkAll(SMALL, requests(3, 120), r -> withFlexibility(r, 0.5), SETTINGS.weights(), 0.6, null, null);
            checkAll(SMALL, requests(4, 60), r -> withFlexibility(r, 1.0), SETTINGS.weights(), 0.6, null, null);
        }

        @Test
        void whenNoRequestHasABudgetOrALanguage() {
            checkAll(
                    SMALL,
                    requests(5, 120),
                    r -> copy(r, r.skillsRequired(), null, r.availabilityRequirements(), null, r.maxResults()),
                    SETTINGS.weights(),
                    0.6,
                    null,
                    null);
        }

        @Test
        void whenRequestsNeedOtherLanguagesAndTightBudgets() {
            SplittableRandom random = new SplittableRandom(6);
            List<List<String>> languages = List.of(List.of("es"), List.of("de", "fr"), List.of("ja"), List.of("xx"));
            checkAll(
                    SMALL,
                    requests(6, 120),
                    r -> copy(
                            r,
                            r.skillsRequired(),
                            new BudgetConstraints(30.0 + random.nextInt(150), random.nextBoolean() ? "EUR" : "GBP"),
                            r.availabilityRequirements(),
                            languages.get(random.nextInt(languages.size())),
                            r.maxResults()),
                    SETTINGS.weights(),
                    0.6,
                    null,
                    null);
        }

        @Test
        void whenEverySkillIsMandatory() {
            checkAll(
                    SMALL,
                    requests(7, 120),
                    r -> copy(
                            r,
                            r.skillsRequired().stream()
                                    .map(s -> new SkillRequirement(s.name(), s.level(), s.weight(), true))
                                    .toList(),
                            r.budgetConstraints(),
                            r.availabilityRequirements(),
                            r.languageRequirements(),
                            r.maxResults()),
                    SETTINGS.weights(),
                    0.6,
                    null,
                    null);
        }

        @Test
        void whenAMandatorySkillIsUnknownToTheCatalog() {
            checkAll(
                    SMALL,
                    requests(8, 30),
                    r -> {
                        List<SkillRequirement> skills = new ArrayList<>(r.skillsRequired());
                        skills.add(new SkillRequirement("Underwater Basket Weaving", null, null, true));
                        return copy(
                                r,
                                skills,
                                r.budgetConstraints(),
                                r.availabilityRequirements(),
                                r.languageRequirements(),
                                r.maxResults());
                    },
                    SETTINGS.weights(),
                    0.6,
                    null,
                    null);
        }

        @Test
        void forOneResultAndForAHundred() {
            checkAll(
                    SMALL,
                    requests(9, 100),
                    r -> copy(
                            r,
                            r.skillsRequired(),
                            r.budgetConstraints(),
                            r.availabilityRequirements(),
                            r.languageRequirements(),
                            1),
                    SETTINGS.weights(),
                    0.6,
                    null,
                    null);
            checkAll(
                    SMALL,
                    requests(10, 100),
                    r -> withFlexibility(
                            copy(
                                    r,
                                    r.skillsRequired(),
                                    null,
                                    r.availabilityRequirements(),
                                    r.languageRequirements(),
                                    100),
                            0.3),
                    SETTINGS.weights(),
                    0.6,
                    null,
                    null);
        }

        @Test
        void whenSomeCoachesAreExcluded() {
            long[] excluded = excludeAbout(SMALL.index(), 0.1, 12);
            checkAll(SMALL, requests(12, 150), r -> r, SETTINGS.weights(), 0.6, null, excluded);
            checkAll(SMALL, requests(13, 50), r -> withFlexibility(r, 0.8), SETTINGS.weights(), 0.6, null, excluded);
        }

        @Test
        void withOtherWeightsAndMinimumScores() {
            ScoreWeights skillHeavy = new ScoreWeights(5, 1, 1, 1, 1);
            ScoreWeights availabilityHeavy = new ScoreWeights(1, 1, 1, 5, 0);
            checkAll(SMALL, requests(14, 80), r -> r, skillHeavy, 0.5, null, null);
            checkAll(SMALL, requests(15, 80), r -> withFlexibility(r, 0.4), availabilityHeavy, 0.7, null, null);
            checkAll(SMALL, requests(16, 40), r -> r, SETTINGS.weights(), 0.0, null, null);
            checkAll(SMALL, requests(17, 40), r -> r, SETTINGS.weights(), 0.8, null, null);
        }

        @Test
        void withABlendedModel() {
            ModelScorer model = new ModelScorer() {
                @Override
                public String version() {
                    return "test";
                }

                @Override
                public double blendWeight() {
                    return 0.4;
                }

                @Override
                public RequestScorer forRequest(MatchQuery query, CatalogIndex catalog) {
                    int salt = query.request().requestId().hashCode();
                    return (c, rules) -> 0.5 * rules.skill() + 0.5 * (Math.floorMod(c * 7919 + salt, 1000) / 999.0);
                }
            };
            checkAll(SMALL, requests(18, 100), r -> r, SETTINGS.weights(), 0.6, model, null);
            checkAll(
                    SMALL,
                    requests(19, 40),
                    r -> withFlexibility(r, 0.2),
                    SETTINGS.weights(),
                    0.6,
                    model,
                    excludeAbout(SMALL.index(), 0.05, 19));
        }

        @Test
        void whenTheSameIndexServesRequestsOneAfterAnother() {
            // the index reuses per-thread scratch space; a request must not see the previous one's state
            List<MatchingRequest> rs = requests(20, 40);
            for (int round = 0; round < 2; round++) {
                checkAll(MEDIUM, rs, r -> r, SETTINGS.weights(), 0.6, null, null);
            }
        }
    }
}
