package io.coachmatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two stored artifacts (a linear model and a gbt model, trained by the training CLI on the shipped
 * data) must keep loading and ranking 200 stored coaches for 8 stored requests exactly as they did
 * when they were written, to 1e-7. The day this fails, a change to features, text normalisation or
 * the artifact reader was not compatible: raise the format version instead.
 *
 * <p>To rewrite the expectations after a deliberate, versioned format change, run with
 * {@code -Dgolden.write=true}.
 */
class GoldenArtifactTests {

    record Expected(String requestId, List<String> coachIds, List<Double> modelScores, List<Double> matchScores) {}

    static Path golden() throws Exception {
        return Path.of(GoldenArtifactTests.class.getResource("/golden").toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v0001", "v0002"})
    void storedArtifactsKeepLoadingAndRankingTheSame(String version) throws Exception {
        Path dir = golden();
        LoadedModel model = ModelRegistry.open(dir.resolve("models")).load(version);
        List<CoachProfile> coaches = new ArrayList<>();
        JsonLines.read(dir.resolve("coaches.jsonl"), CoachProfile.class, coaches::add, null, true);
        List<MatchingRequest> requests = new ArrayList<>();
        JsonLines.read(dir.resolve("requests.jsonl"), MatchingRequest.class, requests::add, null, true);
        MatchingSettings settings = MatchingSettings.defaults().withMinMatchScore(0.0);
        CatalogIndex catalog = CatalogIndex.build(coaches, settings.rates());

        List<Expected> actual = new ArrayList<>();
        for (MatchingRequest r : requests) {
            MatchQuery q = MatchQuery.compile(r, settings, Instant.EPOCH);
            MatchOutcome o = catalog.match(q, settings.weights(), 0.0, model, null);
            actual.add(new Expected(
                    r.requestId(),
                    o.top().stream().map(s -> s.coach().id()).toList(),
                    o.top().stream().map(ScoredCoach::modelScore).toList(),
                    o.top().stream().map(ScoredCoach::matchScore).toList()));
        }
        Path expectedFile = Path.of("src/test/resources/golden/expected-" + version + ".jsonl");
        if (Boolean.getBoolean("golden.write")) {
            try (JsonLines.LineWriter w = JsonLines.writer(expectedFile)) {
                for (Expected e : actual) {
                    w.write(e);
                }
            }
        }
        List<Expected> expected = new ArrayList<>();
        JsonLines.read(dir.resolve("expected-" + version + ".jsonl"), Expected.class, expected::add, null, true);
        if (Boolean.getBoolean("golden.write")) {
            expected = actual;
        }
        assertThat(actual).hasSameSizeAs(expected);
        int compared = 0;
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            Expected a = actual.get(i);
            assertThat(a.requestId()).isEqualTo(e.requestId());
            assertThat(a.coachIds()).as("ranking of %s", e.requestId()).isEqualTo(e.coachIds());
            for (int k = 0; k < e.modelScores().size(); k++) {
                assertThat(a.modelScores().get(k)).isCloseTo(e.modelScores().get(k), within(1e-7));
                assertThat(a.matchScores().get(k)).isCloseTo(e.matchScores().get(k), within(1e-7));
                compared++;
            }
        }
        assertThat(compared).as("scores compared").isGreaterThan(20);
        assertThat(Json.tree(Files.readAllBytes(dir.resolve("models/" + version + "/model.json")))
                        .get("format_version")
                        .asInt())
                .as("the golden artifacts are of format 1, which every later reader still reads")
                .isEqualTo(1);
        assertThat(Map.of("linear", "v0001", "gbt", "v0002"))
                .containsEntry(model.definition().algorithm(), version);
    }
}
