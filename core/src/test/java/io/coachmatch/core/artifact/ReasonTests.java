package io.coachmatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The answer's reason says what stands in for a requested skill a coach does not list, when the model knows. */
class ReasonTests {

    private static final CurrencyRates RATES = CurrencyRates.defaults();

    @Test
    void aLearnedRelativeOrABioMentionStandsInForAMissingSkill() {
        CatalogIndex catalog = CatalogIndex.build(
                List.of(
                        TestModels.coach("next", "Next.js", SkillLevel.EXPERT, 6, 100, 4.6, 30, "Server rendering"),
                        TestModels.coach("bio", "Go", SkillLevel.ADVANCED, 5, 90, 4.4, 20, "Also works with React."),
                        TestModels.coach("none", "Accounting", SkillLevel.EXPERT, 9, 80, 4.8, 40, "Ledgers")),
                RATES);
        MatchingRequest request = new MatchingRequest(
                "r1",
                "u1",
                Instant.parse("2026-11-28T10:00:00Z"),
                "React help",
                "React",
                SessionType.INDIVIDUAL,
                null,
                List.of(new SkillRequirement("React", SkillLevel.ADVANCED, null, false)),
                null,
                null,
                null,
                null,
                null,
                null);
        MatchingEngine engine = new MatchingEngine(MatchingSettings.defaults().withMinMatchScore(0.0));
        LoadedModel learned = new LoadedModel(
                "t",
                TestModels.draft(ModelDefinition.LINEAR),
                CompiledModel.of(TestModels.learnedLinear(0.5), "test"),
                RATES);
        Map<String, Match> byCoach = byCoach(engine.respond(request, catalog, learned, null));
        assertThat(byCoach.get("next").recommendationReason()).endsWith("; no React listed, strong in Next.js");
        assertThat(byCoach.get("bio").recommendationReason()).endsWith("; no React listed, names React in its bio");
        assertThat(byCoach.get("none").recommendationReason()).endsWith("; lacks React");
        assertThat(byCoach.get("next").missingSkills()).containsExactly("React");

        // a model without learned tables, or the rules alone, only say what is lacking
        Map<String, Match> rules = byCoach(engine.respond(request, catalog, null, null));
        assertThat(rules.get("next").recommendationReason()).endsWith("; lacks React");
    }

    private static Map<String, Match> byCoach(MatchingResponse response) {
        return response.matches().stream()
                .collect(Collectors.toMap(m -> m.coach().id(), Function.identity()));
    }
}
