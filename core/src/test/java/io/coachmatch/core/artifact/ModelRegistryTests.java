package io.coachmatch.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.core.money.CurrencyRates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTests {

    @TempDir
    Path dir;

    static MatchingRequest reactRequest() {
        return new MatchingRequest(
                "r1",
                null,
                Instant.parse("2026-11-02T10:00:00Z"),
                "React coaching",
                "Front end help with hooks",
                SessionType.INDIVIDUAL,
                null,
                List.of(new SkillRequirement("React", SkillLevel.ADVANCED, 1.0, false)),
                null,
                null,
                null,
                null,
                null,
                10);
    }

    @Nested
    class Publishing {

        @Test
        void publishedVersionsAreNumberedAndLoadWithTheirManifest() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            assertThat(reg.versions()).isEmpty();
            assertThat(reg.publish(TestModels.linear(0.4), TestModels.draft("linear")))
                    .isEqualTo("v0001");
            assertThat(reg.publish(TestModels.gbt(0.6), TestModels.draft("gbt")))
                    .isEqualTo("v0002");
            assertThat(reg.versions()).containsExactly("v0001", "v0002");

            LoadedModel m = reg.load("v0002");
            assertThat(m.version()).isEqualTo("v0002");
            assertThat(m.manifest().version()).isEqualTo("v0002");
            assertThat(m.manifest().sha256())
                    .isEqualTo(ModelRegistry.sha256(ModelRegistry.modelBytes(TestModels.gbt(0.6))));
            assertThat(m.blendWeight()).isEqualTo(0.6);
            assertThat(m.definition().algorithm()).isEqualTo("gbt");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("v0001", "v0002");
            }
        }

        @Test
        void theSameDefinitionAlwaysGivesTheSameBytes() {
            assertThat(ModelRegistry.modelBytes(TestModels.linear(0.4)))
                    .isEqualTo(ModelRegistry.modelBytes(TestModels.linear(0.4)));
        }

        @Test
        void aLoadedModelScoresLikeTheDefinitionItWasWrittenFrom() {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.5), TestModels.draft("linear"));
            LoadedModel loaded = reg.load("v0001");
            LoadedModel inMemory = new LoadedModel(
                    "mem", null, CompiledModel.of(TestModels.linear(0.5), "test"), CurrencyRates.defaults());
            CatalogIndex catalog = CatalogIndex.build(TestModels.coaches(), CurrencyRates.defaults());
            MatchingSettings settings = MatchingSettings.defaults().withMinMatchScore(0);
            MatchOutcome a = catalog.match(
                    MatchQuery.compile(reactRequest(), settings, Instant.EPOCH), settings.weights(), 0, loaded, null);
            MatchOutcome b = catalog.match(
                    MatchQuery.compile(reactRequest(), settings, Instant.EPOCH), settings.weights(), 0, inMemory, null);
            assertThat(a.top()).hasSize(4);
            assertThat(a.top().stream().map(ScoredCoach::matchScore).toList())
                    .isEqualTo(b.top().stream().map(ScoredCoach::matchScore).toList());
            assertThat(a.top().get(0).coach().id()).isIn("c1", "c2");
            assertThat(a.top()).allSatisfy(s -> assertThat(s.modelScore()).isBetween(0.0, 1.0));
        }
    }

    @Nested
    class Rejection {

        @Test
        void aTamperedModelIsRefusedNamingTheVersionAndTheChecksum() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            Path model = dir.resolve("v0001/model.json");
            String text = Files.readString(model).replace("\"blend_weight\":0.4", "\"blend_weight\":0.9");
            Files.writeString(model, text);
            assertThatThrownBy(() -> reg.load("v0001"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessageContaining("model.json of v0001 does not match its manifest");
        }

        @Test
        void anUnknownManifestFormatIsRefused() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            Path manifest = dir.resolve("v0001/manifest.json");
            Files.writeString(
                    manifest, Files.readString(manifest).replace("\"format_version\" : 2", "\"format_version\" : 7"));
            assertThatThrownBy(() -> reg.load("v0001"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessage("manifest.json of v0001 has format version 7; this reader supports versions 1 to 2");
        }

        @Test
        void anUnknownModelFormatIsRefusedEvenWithAMatchingChecksum() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            Path model = dir.resolve("v0001/model.json");
            byte[] changed = Files.readString(model)
                    .replace("\"format_version\":2", "\"format_version\":7")
                    .getBytes(StandardCharsets.UTF_8);
            Files.write(model, changed);
            Path manifest = dir.resolve("v0001/manifest.json");
            Manifest m = Json.read(Files.readAllBytes(manifest), Manifest.class);
            Files.write(manifest, Json.bytes(m.withVersionAndSha256("v0001", ModelRegistry.sha256(changed))));
            assertThatThrownBy(() -> reg.load("v0001"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessage("model.json of v0001 has format version 7; this reader supports versions 1 to 2");
        }

        @Test
        void aVersionDirectoryCopiedUnderAnotherNameIsRefused() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            Files.createDirectory(dir.resolve("v0002"));
            for (String f : List.of("model.json", "manifest.json")) {
                Files.copy(dir.resolve("v0001").resolve(f), dir.resolve("v0002").resolve(f));
            }
            assertThatThrownBy(() -> reg.load("v0002"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessageContaining("manifest.json of v0002 names version v0001");
        }

        @Test
        void aMissingVersionOrAliasIsNamed() {
            ModelRegistry reg = ModelRegistry.open(dir);
            assertThatThrownBy(() -> reg.load("production"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessageContaining("no model version or alias 'production'");
        }

        @Test
        void aModelWithOtherFeaturesIsRefused() {
            ModelDefinition d = TestModels.linear(0.4);
            ModelDefinition other = new ModelDefinition(
                    d.formatVersion(),
                    d.algorithm(),
                    d.features().subList(0, d.features().size() - 1),
                    d.text(),
                    d.standardisation(),
                    d.linear(),
                    null,
                    d.calibration(),
                    d.blendWeight());
            assertThatThrownBy(() -> CompiledModel.of(other, "model.json of v0009"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessageContaining("model.json of v0009 (format 2) was trained on features");
        }

        @Test
        void aTreeWhoseChildPointsBackIsRefused() {
            ModelDefinition d = TestModels.gbt(0.4);
            ModelDefinition.Tree loop = new ModelDefinition.Tree(
                    new int[] {0, -1}, new double[] {0.5, 0}, new int[] {0, 0}, new int[] {1, 0}, new double[] {0, 1});
            ModelDefinition bad = new ModelDefinition(
                    d.formatVersion(),
                    d.algorithm(),
                    d.features(),
                    d.text(),
                    null,
                    null,
                    new ModelDefinition.Gbt(0, 1, List.of(loop)),
                    d.calibration(),
                    d.blendWeight());
            assertThatThrownBy(() -> CompiledModel.of(bad, "x"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessageContaining("node 0 has children outside 1..1");
        }
    }

    @Nested
    class Aliases {

        @Test
        void promotePointsAnAliasAtAVersionAndResolveFollowsIt() {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            reg.publish(TestModels.linear(0.5), TestModels.draft("linear"));
            reg.promote("v0001", "production");
            reg.promote("v0002", "staging");
            assertThat(reg.aliases()).isEqualTo(Map.of("production", "v0001", "staging", "v0002"));
            reg.promote("v0002", "production");
            assertThat(reg.resolve("production")).contains("v0002");
            assertThat(reg.load("production").version()).isEqualTo("v0002");
            assertThat(reg.resolve("v0001")).contains("v0001");
            assertThat(reg.resolve("v0003")).isEmpty();
        }

        @Test
        void aVersionThatDoesNotLoadIsNeverPromoted() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            reg.publish(TestModels.linear(0.5), TestModels.draft("linear"));
            reg.promote("v0001", "production");
            Files.writeString(dir.resolve("v0002/model.json"), "{}");
            assertThatThrownBy(() -> reg.promote("v0002", "production")).isInstanceOf(ArtifactException.class);
            assertThatThrownBy(() -> reg.promote("v0009", "production")).isInstanceOf(ArtifactException.class);
            assertThat(reg.aliases()).isEqualTo(Map.of("production", "v0001"));
        }

        @Test
        void readersDuringPromotionSeeEitherTheOldOrTheNewAliasesNeverAPartialFile() throws Exception {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            reg.publish(TestModels.linear(0.5), TestModels.draft("linear"));
            reg.promote("v0001", "production");
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger reads = new AtomicInteger();
            AtomicInteger bad = new AtomicInteger();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try {
                        String v = reg.aliases().get("production");
                        if (!"v0001".equals(v) && !"v0002".equals(v)) {
                            bad.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        bad.incrementAndGet();
                    }
                    reads.incrementAndGet();
                }
            });
            reader.start();
            for (int i = 0; i < 200; i++) {
                reg.promote(i % 2 == 0 ? "v0002" : "v0001", "production");
            }
            done.set(true);
            reader.join();
            assertThat(reads.get()).isPositive();
            assertThat(bad.get()).isZero();
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("v0001", "v0002", "aliases.json");
            }
        }

        @Test
        void badAliasNamesAreRefused() {
            ModelRegistry reg = ModelRegistry.open(dir);
            reg.publish(TestModels.linear(0.4), TestModels.draft("linear"));
            assertThatThrownBy(() -> reg.promote("v0001", "../evil"))
                    .isInstanceOf(ArtifactException.class)
                    .hasMessageContaining("alias '../evil'");
        }
    }
}
