package io.coachmatch.core.matching;

import static io.coachmatch.core.matching.CoachBuilder.coach;
import static io.coachmatch.core.matching.CoachBuilder.skill;
import static io.coachmatch.core.matching.CoachBuilder.slot;
import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.SharedExamples;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's request (React expert, mandatory; group of 5; at most 150 USD an hour; Monday to
 * Wednesday 09:00-17:00 at UTC-8) against a small hand-built catalog.
 *
 * <p>Expected order, and why:
 * <ol>
 * <li>{@code ada}: expert React with 10 years and two certifications (skill 1.0), and her slots in
 *     UTC-8 cover every requested hour (availability 1.0); total ≈ 0.912.</li>
 * <li>{@code grace} (the contract's example coach): stronger rating (4.8 over 132 reviews) and more
 *     experience than ada, but in Los Angeles she works Monday 08:00-16:00 and Wednesday 10:00-18:00,
 *     which covers 14 of the 24 requested hours (0.58), and she costs more; total ≈ 0.848.</li>
 * <li>{@code linus}: advanced rather than expert (skill 0.61) with 6 years of experience; available
 *     and cheap, still above the 0.6 minimum; total ≈ 0.708.</li>
 * </ol>
 * Six more coaches each fail exactly one hard filter; one is inactive.
 */
class SeedRequestTests {

    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    static List<CoachProfile> catalog() {
        CoachProfile grace = Json.read(SharedExamples.bytes("coach.json"), CoachProfile.class);
        CoachBuilder ada = coach("ada")
                .skills(skill("React", SkillLevel.EXPERT, 10, 2))
                .experience(12)
                .rating(4.6, 60)
                .metrics(150, 0.9)
                .rate(120, "USD")
                .maxParticipants(20)
                .timezone("UTC-8")
                .slots(
                        slot(1, "09:00", "17:00"),
                        slot(2, "09:00", "17:00"),
                        slot(3, "09:00", "17:00"),
                        slot(4, "09:00", "17:00"),
                        slot(5, "09:00", "17:00"));
        CoachBuilder linus = coach("linus")
                .skills(skill("React", SkillLevel.ADVANCED, 5, 0))
                .experience(6)
                .rating(4.9, 8)
                .metrics(20, 0.95)
                .rate(90, "USD")
                .timezone("America/Los_Angeles")
                .slots(slot(1, "08:00", "18:00"), slot(2, "08:00", "18:00"), slot(3, "08:00", "18:00"));
        return List.of(
                grace,
                ada.build(),
                linus.build(),
                copyOf(ada, "bob").types(SessionType.INDIVIDUAL).build(),
                copyOf(ada, "carol").rate(200, "USD").build(),
                copyOf(ada, "dave").maxParticipants(3).build(),
                copyOf(ada, "erin")
                        .skills(skill("Vue", SkillLevel.EXPERT, 10, 2))
                        .build(),
                copyOf(ada, "frank")
                        .slots(slot(4, "09:00", "17:00"), slot(5, "09:00", "17:00"))
                        .build(),
                copyOf(ada, "gina").inactive().build());
    }

    static CoachBuilder copyOf(CoachBuilder b, String id) {
        CoachBuilder c = coach(id);
        c.skills = b.skills;
        c.experience = b.experience;
        c.ratingAverage = b.ratingAverage;
        c.ratingCount = b.ratingCount;
        c.sessions = b.sessions;
        c.successRate = b.successRate;
        c.rate = b.rate;
        c.maxParticipants = b.maxParticipants;
        c.timezone = b.timezone;
        c.slots = b.slots;
        return c;
    }

    @Test
    void ranksTheSeedRequestInTheExplainedOrder() {
        MatchingRequest seed = Json.read(SharedExamples.bytes("seed-request.json"), MatchingRequest.class)
                .withRequestId("seed");
        MatchingEngine engine = new MatchingEngine(MatchingSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        CatalogIndex index = CatalogIndex.build(catalog(), CurrencyRates.defaults());

        MatchingResponse response = engine.respond(seed, index, null, null);

        assertThat(response.matches()).extracting(m -> m.coach().id()).containsExactly("ada", "coach_0001", "linus");
        assertThat(response.matches()).extracting(Match::rank).containsExactly(1, 2, 3);
        assertThat(response.matches().get(0).matchScore()).isBetween(0.90, 0.92);
        assertThat(response.matches().get(1).matchScore()).isBetween(0.84, 0.86);
        assertThat(response.matches().get(2).matchScore()).isBetween(0.70, 0.72);
        assertThat(response.matches().get(1).availabilityScore())
                .isEqualTo(14.0 / 24, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(response.totalMatches()).isEqualTo(3);
        assertThat(response.candidatesConsidered()).isEqualTo(9);
        assertThat(response.filteredOut())
                .containsEntry("inactive", 1)
                .containsEntry("session_type", 1)
                .containsEntry("budget", 1)
                .containsEntry("capacity", 1)
                .containsEntry("mandatory_skill", 1)
                .containsEntry("availability", 1)
                .containsEntry("language", 0);
        assertThat(response.modelVersion()).isEqualTo(MatchingEngine.RULES_ONLY);
        assertThat(response.requestId()).isEqualTo("seed");
        assertThat(response.status()).isEqualTo("completed");
        Match first = response.matches().get(0);
        assertThat(first.matchingSkills()).containsExactly("React");
        assertThat(first.missingSkills()).isEmpty();
        assertThat(first.recommendationReason()).startsWith("Expert React coach (10 years)");
        assertThat(first.matchScore()).isEqualTo(first.ruleScore());
    }
}
