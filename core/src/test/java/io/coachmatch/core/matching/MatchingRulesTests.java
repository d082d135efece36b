package io.coachmatch.core.matching;

import static io.coachmatch.core.matching.CoachBuilder.coach;
import static io.coachmatch.core.matching.CoachBuilder.skill;
import static io.coachmatch.core.matching.CoachBuilder.slot;
import static io.coachmatch.core.matching.RequestBuilder.need;
import static io.coachmatch.core.matching.RequestBuilder.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatchingRulesTests {

    static final MatchingSettings SETTINGS = MatchingSettings.defaults();
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static MatchQuery query(RequestBuilder r) {
        return MatchQuery.compile(r.build(), SETTINGS, NOW);
    }

    static CoachFacts facts(CoachBuilder c) {
        return CoachFacts.of(c.build(), CurrencyRates.defaults());
    }

    static RuleComponents score(RequestBuilder r, CoachBuilder c) {
        return RuleScorer.score(query(r), facts(c), SETTINGS.weights());
    }

    static MatchOutcome match(RequestBuilder r, CoachBuilder... coaches) {
        List<CoachProfile> list =
                java.util.Arrays.stream(coaches).map(CoachBuilder::build).toList();
        CatalogIndex index = CatalogIndex.build(list, CurrencyRates.defaults());
        return index.match(query(r), SETTINGS.weights(), SETTINGS.minMatchScore(), null, null);
    }

    @Nested
    class HardFilters {

        void assertDropped(RequestBuilder r, CoachBuilder c, FilterReason reason) {
            assertDropped(r, c, reason, coach("ok"));
        }

        /** The coach is dropped for the reason, while {@code ok}, which differs in that respect, is kept. */
        void assertDropped(RequestBuilder r, CoachBuilder c, FilterReason reason, CoachBuilder ok) {
            assertThat(RuleScorer.filter(query(r), facts(c))).contains(reason);
            MatchOutcome out = match(r, c, ok);
            assertThat(out.filteredOut().get(reason)).isEqualTo(1);
            assertThat(out.top()).extracting(s -> s.coach().id()).containsExactly("ok");
            assertThat(out.candidatesConsidered()).isEqualTo(2);
        }

        @Test
        void dropsInactiveCoaches() {
            assertDropped(request(), coach("x").inactive(), FilterReason.INACTIVE);
        }

        @Test
        void dropsCoachesWhoDoNotOfferTheSessionType() {
            assertDropped(
                    request().type(SessionType.MENTORING),
                    coach("x").types(SessionType.GROUP),
                    FilterReason.SESSION_TYPE,
                    coach("ok").types(SessionType.MENTORING));
        }

        @Test
        void dropsCoachesAboveBudgetAfterConversion() {
            // 100 GBP = 127 USD; 115 EUR = 124.20 USD
            assertDropped(request().budget(115, "EUR"), coach("x").rate(100, "GBP"), FilterReason.BUDGET);
            // 120 EUR = 129.60 USD
            assertThat(RuleScorer.filter(
                            query(request().budget(120, "EUR")),
                            facts(coach("x").rate(100, "GBP"))))
                    .isEmpty();
        }

        @Test
        void keepsACoachExactlyAtTheBudget() {
            assertThat(RuleScorer.filter(
                            query(request().budget(100, "USD")),
                            facts(coach("x").rate(100, "USD"))))
                    .isEmpty();
        }

        @Test
        void dropsCoachesWithTooSmallGroups() {
            assertDropped(request().participants(6), coach("x").maxParticipants(5), FilterReason.CAPACITY);
        }

        @Test
        void dropsCoachesWithNoCommonLanguageComparingCaseInsensitively() {
            assertDropped(
                    request().languages("de", "fr"),
                    coach("x").languages("en", "es"),
                    FilterReason.LANGUAGE,
                    coach("ok").languages("FR"));
            assertThat(RuleScorer.filter(
                            query(request().languages("ES")), facts(coach("x").languages("en", "es"))))
                    .isEmpty();
        }

        @Test
        void dropsCoachesMissingAMandatorySkillButNotAMissingLevel() {
            RequestBuilder r = request().skills(need("Go", SkillLevel.EXPERT, 1, true));
            assertDropped(
                    r,
                    coach("x"),
                    FilterReason.MANDATORY_SKILL,
                    coach("ok").skills(skill("Go", SkillLevel.EXPERT, 9, 2)));
            assertThat(RuleScorer.filter(query(r), facts(coach("x").skills(skill("go", SkillLevel.BEGINNER, 0, 0)))))
                    .as("a mandatory skill needs the name, not the level")
                    .isEmpty();
        }

        @Test
        void dropsCoachesWithNoOverlapWhenTheRequestIsNotFlexible() {
            RequestBuilder r = request().availability(List.of(6), List.of("10:00-12:00"), "UTC", 0.0);
            assertDropped(r, coach("x"), FilterReason.AVAILABILITY, coach("ok").slots(slot(6, "11:00", "13:00")));
        }

        @Test
        void keepsCoachesWithNoOverlapWhenTheRequestIsFlexible() {
            RequestBuilder r = request().availability(List.of(6), List.of("10:00-12:00"), "UTC", 0.8);
            assertThat(RuleScorer.filter(query(r), facts(coach("x")))).isEmpty();
            assertThat(score(r, coach("x")).availability()).isCloseTo(0.4, within(1e-12));
        }

        @Test
        void countsACoachFailingSeveralFiltersOnceUnderTheFirst() {
            CoachBuilder both = coach("x").rate(500, "USD").languages("ja").inactive();
            MatchOutcome out = match(request().budget(100, "USD").languages("en"), both);
            assertThat(out.filteredOut())
                    .containsEntry(FilterReason.INACTIVE, 1)
                    .containsEntry(FilterReason.BUDGET, 0)
                    .containsEntry(FilterReason.LANGUAGE, 0);
        }

        @Test
        void reportsEveryReasonInTheAnswerEvenWhenZero() {
            assertThat(match(request(), coach("a")).filteredOutByKey().keySet())
                    .containsExactly(
                            "inactive",
                            "session_type",
                            "budget",
                            "capacity",
                            "language",
                            "mandatory_skill",
                            "availability");
        }
    }

    @Nested
    class Components {

        @Test
        void skillWeighsLevelYearsAndCertifications() {
            // 0.60·1 + 0.25·min(1, 8/6) + 0.15·min(1, 1/2)
            assertThat(score(request(), coach("x").skills(skill("React", SkillLevel.EXPERT, 8, 1)))
                            .skill())
                    .isCloseTo(0.925, within(1e-12));
            // one level short: L = 1 − 1/3; 3 of 6 years; no certificate
            assertThat(score(request(), coach("x").skills(skill("react", SkillLevel.ADVANCED, 3, 0)))
                            .skill())
                    .isCloseTo(0.6 * (2.0 / 3) + 0.25 * 0.5, within(1e-12));
        }

        @Test
        void skillAveragesRequiredSkillsByWeight() {
            RequestBuilder r = request()
                    .skills(need("React", SkillLevel.EXPERT, 2, false), need("Go", SkillLevel.BEGINNER, 1, false));
            assertThat(score(r, coach("x")).skill()).isCloseTo(2 * 0.85 / 3, within(1e-12));
        }

        @Test
        void skillCountsEverySkillEquallyWhenAllWeightsAreZero() {
            RequestBuilder r = request()
                    .skills(need("React", SkillLevel.EXPERT, 0, false), need("Go", SkillLevel.BEGINNER, 0, false));
            assertThat(score(r, coach("x")).skill()).isCloseTo(0.85 / 2, within(1e-12));
        }

        @Test
        void experienceReachesOneAtTwiceTheRequiredYears() {
            assertThat(score(request(), coach("x").experience(10)).experience()).isCloseTo(0.8875, within(1e-12));
            assertThat(score(request(), coach("x").experience(4)).experience()).isCloseTo(0.425, within(1e-12));
            assertThat(score(request(), coach("x").experience(16)).experience()).isEqualTo(1.0);
            assertThat(score(request(), coach("x").experience(40)).experience()).isEqualTo(1.0);
        }

        @Test
        void ratingShrinksTheAverageTowardThePrior() {
            // shrunk = (40·4.5 + 10·3.5)/50 = 4.3; quality 0.825; sessions ln(101)/ln(201); success 0.9
            double expected = 0.6 * 0.825 + 0.2 * Math.log(101) / Math.log(201) + 0.2 * 0.9;
            assertThat(score(request(), coach("x")).rating()).isCloseTo(expected, within(1e-12));
            double oneFiveStar = score(request(), coach("x").rating(5.0, 1)).rating();
            double manyGood = score(request(), coach("x").rating(4.8, 100)).rating();
            assertThat(manyGood).isGreaterThan(oneFiveStar);
        }

        @Test
        void ratingOfAnUnreviewedCoachWithNoMetricsUsesThePriors() {
            assertThat(score(request(), coach("x").rating(null, 0).metrics(null, null))
                            .rating())
                    .isCloseTo(0.6 * 0.625 + 0.2 * 0.5, within(1e-12));
        }

        @Test
        void availabilityIsTheShareOfRequestedHoursCovered() {
            // Monday to Friday, all day, out of the whole week
            assertThat(score(request(), coach("x")).availability()).isCloseTo(5.0 / 7, within(1e-12));
            RequestBuilder r = request().availability(List.of(1), List.of("08:00-12:00"), "UTC", 0.0);
            CoachBuilder c = coach("x").slots(slot(1, "10:00", "18:00"));
            assertThat(score(r, c).availability()).isCloseTo(0.5, within(1e-12));
        }

        @Test
        void flexibilityRaisesPartialOverlap() {
            RequestBuilder r = request().availability(List.of(1), List.of("08:00-12:00"), "UTC", 0.5);
            CoachBuilder c = coach("x").slots(slot(1, "10:00", "18:00"));
            assertThat(score(r, c).availability()).isCloseTo(0.5 + 0.5 * 0.5 / 2, within(1e-12));
        }

        @Test
        void priceRewardsFitWithinBudgetAndValue() {
            double quality = 0.825;
            assertThat(score(request().budget(200, "USD"), coach("x")).price())
                    .isCloseTo(0.7 * 0.75 + 0.3 * quality * 0.5, within(1e-12));
            assertThat(score(request(), coach("x")).price())
                    .isCloseTo(0.7 * (1 - 0.5 / 3) + 0.3 * quality * 0.5, within(1e-12));
            assertThat(score(request().budget(200, "USD"), coach("x").rate(50, "USD"))
                            .price())
                    .isGreaterThan(
                            score(request().budget(200, "USD"), coach("x")).price());
        }

        @Test
        void totalIsTheWeightedSum() {
            RuleComponents c = score(request(), coach("x"));
            double expected = 0.30 * c.skill()
                    + 0.25 * c.experience()
                    + 0.20 * c.rating()
                    + 0.15 * c.availability()
                    + 0.10 * c.price();
            assertThat(c.total()).isCloseTo(expected, within(1e-6));
            assertThat(c.total()).isCloseTo(0.824535, within(1e-5));
        }

        @Test
        void weightsAreRenormalised() {
            ScoreWeights w = new ScoreWeights(3, 2.5, 2, 1.5, 1);
            assertThat(w).isEqualTo(ScoreWeights.defaults());
            ScoreWeights skillOnly = new ScoreWeights(1, 0, 0, 0, 0);
            RuleComponents c = RuleScorer.score(query(request()), facts(coach("x")), skillOnly);
            assertThat(c.total()).isCloseTo(0.85, within(1e-6));
        }
    }

    @Nested
    class Ranking {

        @Test
        void dropsMatchesBelowTheMinimumScoreAndCountsTheRest() {
            MatchOutcome out = match(
                    request(),
                    coach("good"),
                    coach("weak").skills().experience(0).rating(1.0, 50));
            assertThat(out.top()).extracting(s -> s.coach().id()).containsExactly("good");
            assertThat(out.totalMatches()).isEqualTo(1);
        }

        @Test
        void breaksTiesByReviewCountThenCoachId() {
            MatchOutcome sameAll = match(request(), coach("b"), coach("a"), coach("c"));
            assertThat(sameAll.top()).extracting(s -> s.coach().id()).containsExactly("a", "b", "c");
            assertThat(sameAll.top())
                    .extracting(ScoredCoach::matchScore)
                    .containsOnly(sameAll.top().get(0).matchScore());

            // with the skill alone weighted, reviews do not change the score, so they only break the tie
            List<CoachProfile> list = List.of(
                    coach("a").rating(4.0, 5).build(),
                    coach("b").rating(4.0, 50).build(),
                    coach("c").rating(4.0, 50).build());
            CatalogIndex index = CatalogIndex.build(list, CurrencyRates.defaults());
            MatchOutcome out = index.match(query(request()), new ScoreWeights(1, 0, 0, 0, 0), 0.6, null, null);
            assertThat(out.top()).extracting(s -> s.coach().id()).containsExactly("b", "c", "a");
        }

        @Test
        void cutsToMaxResultsButCountsEveryMatch() {
            MatchOutcome out = match(request().maxResults(2), coach("a"), coach("b"), coach("c"), coach("d"));
            assertThat(out.top()).hasSize(2);
            assertThat(out.totalMatches()).isEqualTo(4);
        }

        @Test
        void ranksHigherScoresFirst() {
            MatchOutcome out = match(
                    request(), coach("junior").experience(3), coach("senior").experience(20));
            assertThat(out.top()).extracting(s -> s.coach().id()).containsExactly("senior", "junior");
            assertThat(out.top().get(0).matchScore())
                    .isGreaterThan(out.top().get(1).matchScore());
        }
    }

    @Test
    void explainsTheScoresInPlainWords() {
        MatchQuery q = query(request()
                .skills(need("React", SkillLevel.EXPERT, 1, true), need("Vue", SkillLevel.BEGINNER, 0.5, false))
                .budget(150, "USD"));
        CatalogIndex index =
                CatalogIndex.build(List.of(coach("a").rating(4.8, 132).build()), CurrencyRates.defaults());
        ScoredCoach sc =
                index.match(q, SETTINGS.weights(), 0.0, null, null).top().get(0);
        var match = new Explainer(SETTINGS).explain(q, sc, 1);
        assertThat(match.matchingSkills()).containsExactly("React");
        assertThat(match.missingSkills()).containsExactly("Vue");
        assertThat(match.recommendationReason())
                .startsWith("Expert React coach (8 years), ")
                .endsWith("; lacks Vue")
                .contains("rated 4.8 over 132 reviews");
        assertThat(match.confidenceLevel()).isBetween(0.0, 1.0);
        assertThat(match.rank()).isEqualTo(1);
        assertThat(match.modelScore()).isNull();
        assertThat(Map.of("s", match.skillScore()))
                .allSatisfy((k, v) -> assertThat(v).isBetween(0.0, 1.0));
    }
}
