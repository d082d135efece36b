package io.coachmatch.serving.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.experiments.Assignment;
import io.coachmatch.core.experiments.ExperimentsFile;
import io.coachmatch.core.experiments.InvalidExperimentException;
import io.coachmatch.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsTests {

    /** Models without a registry: these names exist, each its own version, scored by the rules. */
    static VariantModels models(String... names) {
        Set<String> known = Set.of(names);
        return new VariantModels(null, null) {
            @Override
            public boolean known(String model) {
                return "rules".equals(model) || known.contains(model);
            }

            @Override
            public Resolved resolve(String model) {
                return new Resolved(model, model, null);
            }

            @Override
            public String versionOf(String model) {
                return model;
            }
        };
    }

    static Experiments experiments(Path file) {
        return new Experiments(
                new ExperimentStore.FileStore(file),
                models("v0002"),
                Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));
    }

    static byte[] definition(String unit) {
        return ("{\"unit\":\"" + unit + "\",\"salt\":\"s1\",\"variants\":[{\"name\":\"control\",\"model\":\"rules\","
                        + "\"share\":0.5},{\"name\":\"treatment\",\"model\":\"v0002\",\"share\":0.5}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static MatchingRequest request(String id, String requester) {
        return Json.read(
                "{\"request_id\":\"" + id + "\"" + (requester == null ? "" : ",\"requester_id\":\"" + requester + "\"")
                        + ",\"session_type\":\"group\",\"skills_required\":[{\"name\":\"Go\"}]}",
                MatchingRequest.class);
    }

    @Nested
    class Routing {

        @Test
        void outsideAnExperimentProductionServesWithoutExperimentFields(@TempDir Path dir) {
            Experiments e = experiments(dir.resolve("experiments.json"));
            e.refresh();
            var route = e.route(request("r1", "u1"), null);
            assertThat(route.experiment()).isNull();
            assertThat(route.variant()).isNull();
        }

        @Test
        void requesterUnitFallsBackToTheRequestIdWhenTheRequesterIsAbsent(@TempDir Path dir) {
            Experiments e = experiments(dir.resolve("experiments.json"));
            e.put("x", definition("requester_id"));
            Assignment a = Assignment.of(e.find("x").orElseThrow());
            for (int i = 0; i < 50; i++) {
                assertThat(e.route(request("req" + i, "user" + i), null).variant())
                        .isEqualTo(a.variantFor("user" + i).name());
                assertThat(e.route(request("req" + i, null), null).variant())
                        .isEqualTo(a.variantFor("req" + i).name());
            }
        }

        @Test
        void rulesVariantIsRulesByDesign(@TempDir Path dir) {
            Experiments e = experiments(dir.resolve("experiments.json"));
            e.put("x", definition("request_id"));
            for (int i = 0; i < 40; i++) {
                var route = e.route(request("req" + i, null), null);
                assertThat(route.rulesByDesign()).isEqualTo(route.variant().equals("control"));
            }
        }
    }

    @Nested
    class Changes {

        @Test
        void aSecondInstanceOnTheSameFileSeesStartAndStopAfterItsNextPoll(@TempDir Path dir) {
            Path file = dir.resolve("experiments.json");
            Experiments one = experiments(file);
            Experiments two = experiments(file);
            one.put("x", definition("requester_id"));
            assertThat(two.running()).isEmpty();
            two.refresh();
            assertThat(two.running())
                    .hasValueSatisfying(x -> assertThat(x.name()).isEqualTo("x"));
            one.stop("x");
            two.refresh();
            assertThat(two.running()).isEmpty();
            assertThat(ExperimentsFile.read(file).find("x").orElseThrow().stoppedAt())
                    .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        }

        @Test
        void refusesAnUnknownModelAndASecondRunningExperiment(@TempDir Path dir) {
            Experiments e = experiments(dir.resolve("experiments.json"));
            assertThatThrownBy(() -> e.put(
                            "x",
                            new String(definition("requester_id"), StandardCharsets.UTF_8)
                                    .replace("v0002", "v0009")
                                    .getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(InvalidExperimentException.class)
                    .satisfies(t -> assertThat(((InvalidExperimentException) t).details())
                            .anySatisfy(d -> assertThat(d.field()).isEqualTo("variants[1].model")));
            e.put("x", definition("requester_id"));
            assertThatThrownBy(() -> e.put("y", definition("requester_id")))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessageContaining("'x' is running");
        }

        @Test
        void aBrokenFileKeepsTheLastGoodDefinitions(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("experiments.json");
            Experiments e = experiments(file);
            e.put("x", definition("requester_id"));
            java.nio.file.Files.writeString(file, "{\"experiments\": [{\"name\": 1}]}");
            e.refresh();
            assertThat(e.running()).isPresent();
        }
    }
}
