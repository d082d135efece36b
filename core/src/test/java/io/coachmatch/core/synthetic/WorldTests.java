package io.coachmatch.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.contract.BudgetConstraints;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorldTests {

    private static final CurrencyRates RATES = MatchingSettings.defaults().rates();

    @Test
    void aWorldIsItsNameAndWorldsValueDifferentThings() {
        World a = World.named("atlas");
        assertThat(World.named("atlas").preferences()).isEqualTo(a.preferences());
        assertThat(World.named("boreal").preferences()).isNotEqualTo(a.preferences());
        assertThatThrownBy(() -> World.named("narnia"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classic");
    }

    @Test
    void relatednessIsSymmetricOneOnTheDiagonalAndEverySkillHasACloseRelative() {
        World w = World.named("cobalt");
        int n = w.skills().size();
        int withRelative = 0;
        for (int a = 0; a < n; a++) {
            assertThat(w.relatedness(a, a)).isEqualTo(1.0);
            double closest = 0;
            for (int b = 0; b < n; b++) {
                assertThat(w.relatedness(a, b)).isEqualTo(w.relatedness(b, a));
                if (a != b) {
                    assertThat(w.relatedness(a, b)).isBetween(0.0, 0.95);
                    closest = Math.max(closest, w.relatedness(a, b));
                }
            }
            withRelative += closest >= 0.75 ? 1 : 0;
        }
        // families have two to four members, so only a family of one (the remainder of a cluster) has no relative
        assertThat(withRelative).isGreaterThan(n * 9 / 10);
    }

    @Test
    void richWorldsNameSomeSkillsOnlyInBiosAndTheClassicWorldChangesNothing() {
        List<CoachProfile> coaches = SyntheticCatalog.coaches(5, 300);
        World rich = World.named("delta");
        World classic = World.named(World.CLASSIC);
        int withBioSkills = 0;
        for (CoachProfile c : coaches) {
            assertThat(classic.dress(c)).isSameAs(c);
            CoachProfile dressed = rich.dress(c);
            assertThat(dressed.skills()).isEqualTo(c.skills());
            World.Latent latent = rich.latent(c.id(), World.listed(c));
            assertThat(rich.latent(c.id(), World.listed(c)).quality()).isEqualTo(latent.quality());
            for (int s : latent.bioSkills()) {
                assertThat(dressed.bio()).contains(rich.skills().get(s));
                assertThat(World.listed(c)).doesNotContain(rich.skills().get(s));
            }
            withBioSkills += latent.bioSkills().length > 0 ? 1 : 0;
        }
        assertThat(withBioSkills).isBetween(60, 280);
    }

    @Test
    void aCloseRelativeServesARequestAndTheOtherFactorsCountOnlyWithFit() {
        World w = World.named("ember");
        // two skills of one family: the strongest relative of the first
        int a = w.skillIndex("React");
        int relative = -1;
        for (int b = 0; b < w.skills().size(); b++) {
            if (b != a && (relative < 0 || w.relatedness(a, b) > w.relatedness(a, relative))) {
                relative = b;
            }
        }
        int unrelated = w.skillIndex("Accounting");
        assertThat(w.relatedness(a, unrelated)).isLessThan(0.5);
        MatchQuery q = MatchQuery.compile(
                new MatchingRequest(
                        "r",
                        "u",
                        Instant.parse("2026-11-28T10:00:00Z"),
                        "React",
                        "React",
                        null,
                        null,
                        List.of(new SkillRequirement("React", SkillLevel.ADVANCED, null, false)),
                        new BudgetConstraints(500.0, "USD"),
                        null,
                        null,
                        null,
                        null,
                        null),
                MatchingSettings.defaults(),
                Instant.parse("2026-11-28T10:00:00Z"));
        World.Latent none = new World.Latent(0, new int[0], new int[0]);
        double exact = w.fit(q, facts(w.skills().get(a), 100), none, null);
        double related = w.fit(q, facts(w.skills().get(relative), 100), none, null);
        double far = w.fit(q, facts(w.skills().get(unrelated), 100), none, null);
        assertThat(exact).isEqualTo(1.0);
        assertThat(related).isGreaterThan(0.7).isLessThan(exact);
        assertThat(far).isLessThan(0.5);
        int[] best = new int[1];
        w.fit(q, facts(w.skills().get(relative), 100), none, best);
        assertThat(best[0]).isEqualTo(relative);

        // the price difference between a cheap and a dear coach matters far more for a fitting coach
        double fitGap = w.utility(q, facts(w.skills().get(a), 50), none)
                - w.utility(q, facts(w.skills().get(a), 450), none);
        double farGap = w.utility(q, facts(w.skills().get(unrelated), 50), none)
                - w.utility(q, facts(w.skills().get(unrelated), 450), none);
        assertThat(fitGap).isGreaterThan(0);
        assertThat(farGap).isLessThan(fitGap / 2);
    }

    @Test
    void latentQualityIsDrawnPerCoachAndCentredOnZero() {
        World w = World.named("fjord");
        SplittableRandom ids = new SplittableRandom(1);
        double sum = 0;
        double squares = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            double q = w.latent("coach_" + ids.nextLong(), List.of()).quality();
            sum += q;
            squares += q * q;
        }
        assertThat(sum / n).isBetween(-0.1, 0.1);
        assertThat(squares / n).isBetween(0.9, 1.1);
    }

    private static CoachFacts facts(String skill, double rate) {
        CoachProfile c = new CoachProfile(
                "c",
                "n",
                "t",
                null,
                "bio",
                List.of(new CoachSkill(skill, SkillLevel.EXPERT, 8.0, List.of())),
                10.0,
                List.of("en"),
                null,
                null,
                rate,
                "USD",
                "UTC",
                null,
                null,
                null,
                null,
                null);
        return CoachFacts.of(c, RATES);
    }
}
