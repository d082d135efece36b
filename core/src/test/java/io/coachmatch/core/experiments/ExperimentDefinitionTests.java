package io.coachmatch.core.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentDefinitionTests {

    /** The body of issue 5's PUT /admin/experiments/{name} example. */
    static final String ISSUE_BODY = """
            {"unit": "requester_id", "salt": "dec-2026", "variants": [
              {"name": "control", "model": "production", "share": 0.5},
              {"name": "treatment", "model": "v0004", "share": 0.5}]}""";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> fieldsOf(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidExperimentException e) {
            return e.details().stream().map(ErrorDetail::field).toList();
        }
        throw new AssertionError("expected an InvalidExperimentException");
    }

    static Experiment experiment(String name, String salt, double controlShare) {
        return Experiment.running(
                name,
                salt,
                List.of(
                        new Variant("control", "production", controlShare),
                        new Variant("treatment", "v0004", 1 - controlShare)));
    }

    @Nested
    class Parsing {

        @Test
        void readsTheAdminBodyOfTheIssueWithTheNameFromThePath() {
            Experiment e = Experiment.parse(utf8(ISSUE_BODY), "ranker-dec", null);
            assertThat(e)
                    .isEqualTo(new Experiment(
                            "ranker-dec",
                            "requester_id",
                            "dec-2026",
                            List.of(new Variant("control", "production", 0.5), new Variant("treatment", "v0004", 0.5)),
                            null,
                            null,
                            null));
            assertThat(e.control().name()).isEqualTo("control");
            assertThat(e.isRunning()).isTrue();
        }

        @Test
        void defaultsTheUnitToTheRequesterAndTakesTheFirstVariantAsControl() {
            Experiment e = Experiment.parse(utf8("""
                    {"name": "x", "salt": "s", "variants": [{"name": "a", "model": "rules", "share": 0.25},
                     {"name": "b", "model": "candidate", "share": 0.75}]}"""), null, null);
            assertThat(e.effectiveUnit()).isEqualTo("requester_id");
            assertThat(e.control().name()).isEqualTo("a");
        }

        @Test
        void namesEveryBadField() {
            String body = """
                    {"unit": "email", "variants": [
                      {"name": "control", "model": "v 4", "share": 0},
                      {"name": "control", "model": "v0004", "share": 0.5},
                      {"name": "x", "share": 0.5}]}""";
            assertThat(fieldsOf(() -> Experiment.parse(utf8(body), "bad name!", null)))
                    .containsExactly(
                            "name",
                            "unit",
                            "salt",
                            "variants[0].model",
                            "variants[0].share",
                            "variants[1].name",
                            "variants[2].model");
        }

        @Test
        void rejectsSharesThatDoNotSumToOne() {
            assertThatThrownBy(() -> Experiment.parse(utf8(ISSUE_BODY.replace("0.5}]", "0.4}]")), "e", null))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessage("experiment 'e': variants shares sum to 0.9; they must sum to 1");
            // within 1e-9 is a sum of one: 0.1 + 0.2 + 0.7 is 0.9999999999999999 in doubles
            assertThat(experimentOf(0.1, 0.2, 0.7).validate()).isEmpty();
        }

        @Test
        void rejectsAShareSmallerThanOneBucket() {
            assertThat(experimentOf(0.99999, 0.00001).validate())
                    .extracting(ErrorDetail::field)
                    .containsExactly("variants[1].share");
        }

        @Test
        void reportsWrongJsonTypesWithTheirPath() {
            assertThat(fieldsOf(() -> Experiment.parse(utf8("""
                    {"salt": 7, "variants": [{"name": "a", "model": "rules", "share": "half"}, 3],
                     "started_at": "yesterday"}"""), "e", null)))
                    .containsExactly("salt", "variants[0].share", "variants[1]", "started_at");
            assertThat(fieldsOf(() -> Experiment.parse(utf8("{\"salt\": "), "e", null)))
                    .containsExactly("$");
            assertThat(fieldsOf(() -> Experiment.parse(utf8("[]"), "e", null))).containsExactly("$");
        }

        @Test
        void refusesANameThatDiffersFromThePath() {
            assertThat(fieldsOf(() -> Experiment.parse(
                            utf8(ISSUE_BODY.replace("{\"unit\"", "{\"name\": \"other\", \"unit\"")),
                            "ranker-dec",
                            null)))
                    .containsExactly("name");
        }

        @Test
        void asksTheRegistryWhetherAModelExistsButNeverForRules() {
            Set<String> known = Set.of("production", "v0001");
            assertThat(fieldsOf(() -> Experiment.parse(utf8(ISSUE_BODY), "e", known::contains)))
                    .containsExactly("variants[1].model");
            assertThat(Experiment.parse(utf8(ISSUE_BODY.replace("v0004", "rules")), "e", known::contains))
                    .isNotNull();
        }

        @Test
        void writesSnakeCaseAndReadsBackEqual() {
            Experiment e = experiment("ranker-dec", "dec-2026", 0.5)
                    .withStatus(
                            ExperimentStatus.STOPPED,
                            Instant.parse("2026-11-28T10:00:00Z"),
                            Instant.parse("2026-11-29T10:00:00Z"));
            String json = Json.string(e);
            assertThat(json)
                    .contains(
                            "\"started_at\":\"2026-11-28T10:00:00Z\"",
                            "\"status\":\"stopped\"",
                            "\"unit\":\"requester_id\"")
                    .doesNotContain("running", "effective", "control\":");
            assertThat(Experiment.parse(utf8(json), null, null)).isEqualTo(e);
            assertThat(Json.read(json, Experiment.class)).isEqualTo(e);
        }

        private Experiment experimentOf(double... shares) {
            List<Variant> variants = new ArrayList<>();
            for (int i = 0; i < shares.length; i++) {
                variants.add(new Variant("v" + i, "production", shares[i]));
            }
            return Experiment.running("e", "s", variants);
        }
    }

    @Nested
    class File {

        static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
        static final Instant T1 = Instant.parse("2026-11-28T12:00:00Z");

        @TempDir
        Path dir;

        @Test
        void aMissingFileHasNoExperiments() {
            assertThat(ExperimentsFile.read(dir.resolve("models/experiments.json")))
                    .isEqualTo(ExperimentsFile.empty());
        }

        @Test
        void writesAtomicallyAndReadsBackEqual() throws Exception {
            Path file = dir.resolve("models").resolve(ExperimentsFile.FILE_NAME);
            ExperimentsFile one = ExperimentsFile.empty().put(experiment("a", "s1", 0.5), T0);
            one.write(file);
            ExperimentsFile two = one.stop("a", T1).orElseThrow().put(experiment("b", "s2", 0.7), T1);
            two.write(file);
            assertThat(ExperimentsFile.read(file)).isEqualTo(two);
            assertThat(Files.readString(file)).contains("\"experiments\"", "\"stopped_at\"");
            try (var listing = Files.list(file.getParent())) {
                assertThat(listing).containsExactly(file); // no temporary file left behind
            }
        }

        @Test
        void refusesAFileWithTwoRunningExperimentsNamingTheFileAndField() throws Exception {
            Path file = dir.resolve("experiments.json");
            Files.writeString(
                    file,
                    "{\"experiments\": [" + Json.string(experiment("a", "s", 0.5)) + ", "
                            + Json.string(experiment("b", "s", 0.5)) + "]}");
            assertThatThrownBy(() -> ExperimentsFile.read(file))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessageStartingWith(file.toString() + ": experiments[1].status 'b' and 'a' are both running");
        }

        @Test
        void namesTheExperimentOfABadFieldInTheFile() throws Exception {
            Path file = dir.resolve("experiments.json");
            Files.writeString(
                    file,
                    "{\"experiments\": ["
                            + Json.string(experiment("a", "s", 0.5)).replace("0.5", "2") + "]}");
            assertThat(fieldsOf(() -> ExperimentsFile.read(file)))
                    .containsExactly("experiments[0].variants[0].share", "experiments[0].variants[1].share");
        }

        @Test
        void startingASecondExperimentWhileOneRunsIsRefused() {
            ExperimentsFile running = ExperimentsFile.empty().put(experiment("a", "s", 0.5), T0);
            assertThatThrownBy(() -> running.put(experiment("b", "s", 0.5), T1))
                    .isInstanceOf(InvalidExperimentException.class)
                    .hasMessageContaining("experiment 'a' is running; stop it before starting 'b'");
        }

        @Test
        void changingSharesOfTheRunningExperimentKeepsItsStartButItsSaltMayNotChange() {
            ExperimentsFile running = ExperimentsFile.empty().put(experiment("a", "s", 0.5), T0);
            ExperimentsFile changed = running.put(experiment("a", "s", 0.7), T1);
            assertThat(changed.experiments()).hasSize(1);
            assertThat(changed.running().orElseThrow().startedAt()).isEqualTo(T0);
            assertThat(changed.running().orElseThrow().variant("control").share())
                    .isEqualTo(0.7);
            assertThat(fieldsOf(() -> running.put(experiment("a", "other-salt", 0.5), T1)))
                    .containsExactly("salt");
        }

        @Test
        void stoppingKeepsTheExperimentAndLetsAnotherStart() {
            ExperimentsFile stopped = ExperimentsFile.empty()
                    .put(experiment("a", "s", 0.5), T0)
                    .stop("a", T1)
                    .orElseThrow();
            assertThat(stopped.running()).isEmpty();
            Experiment a = stopped.find("a").orElseThrow();
            assertThat(a.status()).isEqualTo(ExperimentStatus.STOPPED);
            assertThat(a.startedAt()).isEqualTo(T0);
            assertThat(a.stoppedAt()).isEqualTo(T1);
            assertThat(stopped.stop("a", T1.plusSeconds(60))).contains(stopped);
            assertThat(stopped.stop("nope", T1)).isEmpty();
            assertThat(stopped.put(experiment("b", "s2", 0.5), T1)
                            .running()
                            .orElseThrow()
                            .name())
                    .isEqualTo("b");
        }
    }
}
