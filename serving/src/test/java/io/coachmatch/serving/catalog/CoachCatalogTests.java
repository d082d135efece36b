package io.coachmatch.serving.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.serving.support.TestCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CoachCatalogTests {

    private static final MatchingEngine ENGINE = new MatchingEngine(
            MatchingSettings.defaults().withMinMatchScore(0.3),
            Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
    private static final String[] SKILLS = {"React", "TypeScript", "Python", "Java", "Kubernetes", "Go", "SQL"};

    private static CatalogSettings settings(int overlayLimit) {
        return new CatalogSettings("unused.jsonl", null, Duration.ofMinutes(30), overlayLimit, Duration.ofSeconds(1));
    }

    private static MatchingRequest request(String skill) {
        return Json.read("""
                {"request_id":"r","session_type":"individual","skills_required":[{"name":"%s","level":"advanced"}],
                 "availability_requirements":{"flexibility":0.5},"max_results":15}
                """.formatted(skill), MatchingRequest.class);
    }

    /** The same outcome, compared by what an answer shows. */
    private static List<String> ranking(MatchOutcome o) {
        List<String> out = new ArrayList<>();
        for (ScoredCoach s : o.top()) {
            out.add(s.coach().id() + "=" + s.matchScore());
        }
        out.add("total=" + o.totalMatches() + " considered=" + o.candidatesConsidered() + " " + o.filteredOut());
        return out;
    }

    private static void assertSameAsFullRebuild(CoachCatalog catalog, Map<String, CoachProfile> expected) {
        CatalogIndex rebuilt = CatalogIndex.build(expected.values(), CurrencyRates.defaults());
        CatalogSnapshot s = catalog.snapshot();
        assertThat(s.size()).isEqualTo(expected.size());
        for (String skill : SKILLS) {
            var q = ENGINE.compile(request(skill));
            assertThat(ranking(s.match(ENGINE, q, null)))
                    .as(skill)
                    .isEqualTo(ranking(ENGINE.match(q, rebuilt, null, null)));
        }
    }

    @Nested
    class Updates {

        @Test
        void seededUpsertsAndRemovalsMatchLikeAFullRebuild() {
            CoachCatalog catalog = new CoachCatalog(settings(10_000), CurrencyRates.defaults());
            List<CoachProfile> base = TestCatalog.coaches();
            catalog.replaceAll(base, "test");
            Map<String, CoachProfile> expected = new LinkedHashMap<>();
            base.forEach(c -> expected.put(c.id(), c));
            Random random = new Random(7);
            for (int step = 0; step < 60; step++) {
                int op = random.nextInt(3);
                CoachProfile source = base.get(random.nextInt(base.size()));
                if (op == 0) {
                    CoachProfile changed =
                            TestCatalog.variant(source, source.id(), SKILLS[random.nextInt(SKILLS.length)]);
                    catalog.upsert(changed);
                    expected.put(changed.id(), changed);
                } else if (op == 1) {
                    CoachProfile added =
                            TestCatalog.variant(source, "new_" + step, SKILLS[random.nextInt(SKILLS.length)]);
                    catalog.upsert(added);
                    expected.put(added.id(), added);
                } else {
                    catalog.remove(source.id());
                    expected.remove(source.id());
                }
                if (step % 10 == 9) {
                    assertSameAsFullRebuild(catalog, expected);
                }
            }
            assertThat(catalog.snapshot().overlaySize()).isPositive();
            assertThat(catalog.snapshot().excludedCount()).isPositive();
        }

        @Test
        void seededBatchesOfChangesMatchLikeAFullRebuild() {
            CoachCatalog catalog = new CoachCatalog(settings(10_000), CurrencyRates.defaults());
            List<CoachProfile> base = TestCatalog.coaches();
            catalog.replaceAll(base, "test");
            Map<String, CoachProfile> expected = new LinkedHashMap<>();
            base.forEach(c -> expected.put(c.id(), c));
            Random random = new Random(8);
            for (int batch = 0; batch < 15; batch++) {
                Map<String, CoachProfile> changes = new LinkedHashMap<>();
                int size = 1 + random.nextInt(8);
                for (int k = 0; k < size; k++) {
                    int op = random.nextInt(3);
                    CoachProfile source = base.get(random.nextInt(base.size()));
                    // The same coach may change twice in one batch (the last change wins), and a new coach may come and
                    // go.
                    String id = op == 1 ? "new_" + random.nextInt(6) : source.id();
                    CoachProfile changed = TestCatalog.variant(source, id, SKILLS[random.nextInt(SKILLS.length)]);
                    changes.remove(id);
                    if (op == 2) {
                        changes.put(id, null);
                        expected.remove(id);
                    } else {
                        changes.put(id, changed);
                        expected.put(id, changed);
                    }
                }
                catalog.applyAll(changes);
                if (batch % 3 == 2) {
                    assertSameAsFullRebuild(catalog, expected);
                }
            }
            assertThat(catalog.snapshot().excludedCount()).isPositive();
        }

        @Test
        void aRemovedCoachIsNeitherMatchedNorListed() {
            CoachCatalog catalog = new CoachCatalog(settings(100), CurrencyRates.defaults());
            catalog.replaceAll(TestCatalog.coaches(), "test");
            catalog.remove("coach_0001");
            assertThat(catalog.snapshot().find("coach_0001")).isNull();
            assertThat(catalog.snapshot().coaches())
                    .extracting(CoachProfile::id)
                    .doesNotContain("coach_0001");
            assertThat(catalog.snapshot().size()).isEqualTo(39);
        }

        @Test
        void topicChangesSurviveAFullReload() {
            CoachCatalog catalog = new CoachCatalog(settings(100), CurrencyRates.defaults());
            List<CoachProfile> base = TestCatalog.coaches();
            catalog.replaceAll(base, "test");
            catalog.remove("coach_0002");
            catalog.upsert(TestCatalog.variant(base.get(0), "coach_9999", "Elixir"));

            catalog.replaceAll(base, "reload");

            assertThat(catalog.snapshot().find("coach_0002")).isNull();
            assertThat(catalog.snapshot().find("coach_9999")).isNotNull();
            assertThat(catalog.snapshot().size()).isEqualTo(40);
        }
    }

    @Nested
    class Compaction {

        @Test
        void aFullOverlayIsFoldedIntoANewBaseInTheBackgroundWithTheSameAnswers() {
            CoachCatalog catalog = new CoachCatalog(settings(5), CurrencyRates.defaults());
            List<CoachProfile> base = TestCatalog.coaches();
            catalog.replaceAll(base, "test");
            Map<String, CoachProfile> expected = new LinkedHashMap<>();
            base.forEach(c -> expected.put(c.id(), c));
            for (int i = 0; i < 5; i++) {
                CoachProfile c = TestCatalog.variant(base.get(i), base.get(i).id(), SKILLS[i]);
                catalog.upsert(c);
                expected.put(c.id(), c);
            }

            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> catalog.snapshot().overlaySize() == 0);

            assertThat(catalog.snapshot().excludedCount()).isZero();
            assertSameAsFullRebuild(catalog, expected);
            catalog.close();
        }
    }
}
