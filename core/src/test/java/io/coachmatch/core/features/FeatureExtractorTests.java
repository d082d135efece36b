package io.coachmatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.AvailabilityRequirements;
import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.contract.Rating;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FeatureExtractorTests {

    static final Instant MONDAY = Instant.parse("2026-11-30T08:00:00Z");

    static CoachProfile coach() {
        return new CoachProfile(
                "c1",
                "Ada",
                "Frontend lead",
                null,
                "Teaches React hooks and testing",
                List.of(
                        new CoachSkill("React", SkillLevel.ADVANCED, 5.0, List.of("Meta")),
                        new CoachSkill("Go", SkillLevel.EXPERT, 3.0, List.of())),
                9.0,
                List.of("en", "de"),
                List.of(SessionType.INDIVIDUAL, SessionType.GROUP),
                8,
                100.0,
                "EUR",
                "UTC",
                List.of(new AvailabilitySlot(1, "10:00", "18:00")),
                new Rating(4.5, 30),
                new CoachMetrics(100, 0.8, 12.0, 0.25),
                true,
                null);
    }

    static MatchingRequest request(Priority priority, boolean kubernetesMandatory) {
        return new MatchingRequest(
                "r1",
                null,
                MONDAY,
                "Frontend help",
                "React hooks for my team",
                SessionType.INDIVIDUAL,
                priority,
                List.of(
                        new SkillRequirement("ReactJS", SkillLevel.EXPERT, 2.0, false),
                        new SkillRequirement("Kubernetes", SkillLevel.BEGINNER, 1.0, kubernetesMandatory)),
                new BudgetConstraints(200.0, "USD"),
                new AvailabilityRequirements(List.of(1), List.of("09:00-13:00"), "UTC", 0.5),
                List.of("en", "fr"),
                4,
                1,
                10);
    }

    private final FeatureExtractor extractor = new FeatureExtractor(
            new Documents(TextNormalizer.defaults(), Documents.DEFAULT_SKILL_BOOST),
            TfIdf.fit(
                    List.of(
                            new Documents(TextNormalizer.defaults(), 2.0).coach(coach()),
                            java.util.Map.of("python", 1.0)),
                    1000));

    private double[] features(Priority priority, boolean mandatory) {
        MatchQuery q = MatchQuery.compile(request(priority, mandatory), MatchingSettings.defaults(), MONDAY);
        return extractor.extract(q, CoachFacts.of(coach(), CurrencyRates.defaults()), ScoreWeights.defaults());
    }

    private static double f(double[] x, String name) {
        return x[FeatureExtractor.FEATURES.indexOf(name)];
    }

    @Test
    void theFeatureListIsFixedAndNamed() {
        assertThat(FeatureExtractor.FEATURES).hasSize(FeatureExtractor.SIZE).doesNotHaveDuplicates();
        assertThat(FeatureExtractor.FEATURES.subList(0, 7))
                .containsExactly(
                        "rule_skill",
                        "rule_experience",
                        "rule_rating",
                        "rule_availability",
                        "rule_price",
                        "rule_total",
                        "tfidf_cosine");
    }

    @Test
    void ruleFeaturesAreTheRuleScorersComponents() {
        MatchQuery q = MatchQuery.compile(request(Priority.NORMAL, false), MatchingSettings.defaults(), MONDAY);
        RuleComponents rc =
                RuleScorer.score(q, CoachFacts.of(coach(), CurrencyRates.defaults()), ScoreWeights.defaults());
        double[] x = features(Priority.NORMAL, false);
        assertThat(new double[] {x[0], x[1], x[2], x[3], x[4], x[5]})
                .containsExactly(rc.skill(), rc.experience(), rc.rating(), rc.availability(), rc.price(), rc.total());
    }

    @Nested
    class Skills {

        @Test
        void synonymsCountAsTheSameSkillAndLevelsAreCompared() {
            double[] x = features(Priority.NORMAL, false);
            // ReactJS (weight 2, expert) is the coach's React (advanced); Kubernetes (weight 1) is missing.
            assertThat(f(x, "skill_coverage")).isCloseTo(2.0 / 3, within(1e-12));
            assertThat(f(x, "mandatory_coverage")).isEqualTo(1.0);
            assertThat(f(x, "level_shortfall")).isCloseTo((2 * (1 / 3.0) + 1 * 1.0) / 3, within(1e-12));
            assertThat(f(x, "level_surplus")).isZero();
            assertThat(f(x, "skill_years")).isCloseTo(2 * 0.5 / 3, within(1e-12));
            assertThat(f(x, "skill_certifications")).isCloseTo(2 * 0.5 / 3, within(1e-12));
            assertThat(f(x, "skill_breadth")).isCloseTo(2 / 12.0, within(1e-12));
            assertThat(f(x, "tfidf_cosine")).isBetween(0.3, 1.0);
        }

        @Test
        void aMissingMandatorySkillLowersMandatoryCoverage() {
            assertThat(f(features(Priority.NORMAL, true), "mandatory_coverage")).isZero();
        }
    }

    @Test
    void trackRecordFeaturesComeFromTheProfile() {
        double[] x = features(Priority.NORMAL, false);
        assertThat(f(x, "experience_log")).isCloseTo(Math.log(10) / Math.log(41), within(1e-12));
        assertThat(f(x, "review_count_log")).isCloseTo(Math.log(31) / Math.log(1001), within(1e-12));
        assertThat(f(x, "shrunk_rating")).isCloseTo(((30 * 4.5 + 35) / 40.0 - 1) / 4, within(1e-12));
        assertThat(f(x, "success_rate")).isEqualTo(0.8);
        assertThat(f(x, "response_speed")).isCloseTo(1 / 1.5, within(1e-12));
        assertThat(f(x, "repeat_client_rate")).isEqualTo(0.25);
    }

    @Test
    void priceIsComparedWithTheBudgetInDollarsPerPriority() {
        double[] low = features(Priority.LOW, false);
        double[] high = features(Priority.HIGH, false);
        // 100 EUR = 108 USD against a 200 USD budget.
        assertThat(f(low, "price_ratio")).isCloseTo(0.54, within(1e-12));
        assertThat(f(low, "price_ratio_low")).isCloseTo(0.54, within(1e-12));
        assertThat(f(low, "price_ratio_high")).isZero();
        assertThat(f(high, "price_ratio_low")).isZero();
        assertThat(f(high, "price_ratio_high")).isCloseTo(0.54, within(1e-12));
        assertThat(f(low, "has_budget")).isEqualTo(1.0);
    }

    @Test
    void availabilityLanguageSessionAndCapacityFit() {
        double[] x = features(Priority.NORMAL, false);
        // Monday 09:00-13:00 requested, coach free 10:00-18:00: three of four hours.
        assertThat(f(x, "availability_coverage")).isCloseTo(0.75, within(1e-12));
        assertThat(f(x, "overlap_hours_log")).isCloseTo(Math.log(4) / Math.log(169), within(1e-12));
        assertThat(f(x, "language_fit")).isEqualTo(0.5);
        assertThat(f(x, "language_breadth")).isEqualTo(0.5);
        assertThat(f(x, "session_type_fit")).isEqualTo(1.0);
        assertThat(f(x, "session_type_breadth")).isEqualTo(0.5);
        assertThat(f(x, "capacity_headroom")).isEqualTo(0.5);
        assertThat(f(x, "flexibility")).isEqualTo(0.5);
    }
}
