package io.coachmatch.training.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.artifact.Manifest;
import io.coachmatch.core.artifact.ModelRegistry;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.MatchingResponse;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.json.Json;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.TrainCli;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.Sha256;
import io.coachmatch.training.eval.Evaluation;
import io.coachmatch.training.eval.EvaluationReport;
import io.coachmatch.training.eval.ModelEvaluator;
import io.coachmatch.training.eval.PairLabels;
import io.coachmatch.training.fit.Training;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TrainCliTests {

    @TempDir
    static Path shared;

    static Path data;

    @BeforeAll
    static void generate() {
        data = shared.resolve("data");
        Cli.Run r =
                Cli.run("generate", "--seed", "7", "--coaches", "400", "--requests", "1500", "--out", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("feedback.jsonl").contains("generated");
    }

    static Cli.Run train(Path registry, String... extra) {
        List<String> args =
                new ArrayList<>(List.of("train", "--data", data.toString(), "--registry", registry.toString()));
        args.addAll(List.of(extra));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    @Nested
    class Worlds {

        private static double ndcg(String table, String ranker) {
            for (String line : table.split("\n")) {
                String[] cells = line.split("\\|");
                if (cells.length > 2 && cells[1].trim().equals(ranker)) {
                    return Double.parseDouble(cells[2].trim());
                }
            }
            throw new AssertionError("no row " + ranker + " in\n" + table);
        }

        @Test
        void aRichWorldWritesLaterRequestsWithTheirTruthAndEvaluateScoresRankersAgainstIt(@TempDir Path dir)
                throws Exception {
            Path a = dir.resolve("a");
            Cli.Run g = Cli.run(
                    "generate",
                    "--world",
                    "atlas",
                    "--seed",
                    "3",
                    "--coaches",
                    "400",
                    "--requests",
                    "1200",
                    "--holdout",
                    "150",
                    "--out",
                    a.toString());
            assertThat(g.exitCode()).as(g.err()).isZero();
            assertThat(g.out()).contains("world atlas");
            List<MatchingRequest> later = new ArrayList<>();
            JsonLines.read(a.resolve("holdout/requests.jsonl"), MatchingRequest.class, later::add, e -> {}, true);
            List<MatchingRequest> history = new ArrayList<>();
            JsonLines.read(a.resolve("requests.jsonl"), MatchingRequest.class, history::add, e -> {}, true);
            assertThat(later).hasSize(150);
            assertThat(history).hasSize(1200);
            assertThat(later.get(0).createdAt())
                    .isAfter(history.get(history.size() - 1).createdAt());
            assertThat(Files.readAllLines(a.resolve("holdout/truth.jsonl"))).hasSize(150);

            Cli.Run e = Cli.run(
                    "evaluate",
                    "--data",
                    a.toString(),
                    "--truth",
                    a.resolve("holdout").toString(),
                    "--model",
                    "rules");
            assertThat(e.exitCode()).as(e.err()).isZero();
            double rules = ndcg(e.out(), "rules");
            double observable = ndcg(e.out(), "oracle (observable fields)");
            double oracle = ndcg(e.out(), "oracle");
            assertThat(rules).isBetween(0.3, 0.9);
            assertThat(observable).isGreaterThan(rules);
            assertThat(oracle).isGreaterThan(observable).isLessThan(1.0);

            // a world is reproducible from its name and seed, and another world's people behave otherwise
            Path again = dir.resolve("again");
            Cli.run(
                    "generate",
                    "--world",
                    "atlas",
                    "--seed",
                    "3",
                    "--coaches",
                    "400",
                    "--requests",
                    "1200",
                    "--holdout",
                    "150",
                    "--out",
                    again.toString());
            assertThat(Sha256.ofFiles(again.resolve("feedback.jsonl"), again.resolve("holdout/truth.jsonl")))
                    .isEqualTo(Sha256.ofFiles(a.resolve("feedback.jsonl"), a.resolve("holdout/truth.jsonl")));
            Path other = dir.resolve("other");
            Cli.run(
                    "generate",
                    "--world",
                    "boreal",
                    "--seed",
                    "3",
                    "--coaches",
                    "400",
                    "--requests",
                    "1200",
                    "--out",
                    other.toString());
            assertThat(Sha256.ofFiles(other.resolve("feedback.jsonl")))
                    .isNotEqualTo(Sha256.ofFiles(a.resolve("feedback.jsonl")));
        }

        @Test
        void anUnknownWorldIsRefusedNamingTheKnownOnes(@TempDir Path dir) {
            Cli.Run g = Cli.run("generate", "--world", "narnia", "--out", dir.toString());
            assertThat(g.exitCode()).isNotZero();
            assertThat(g.err()).contains("narnia").contains("classic").contains("atlas");
        }
    }

    @Nested
    class Generate {

        /**
         * The user model moved from training's FeedbackSimulator into core's SimulatedUsers; the feedback of this seed
         * (digest taken before the move) must not change, or the shipped data and model would no longer reproduce.
         */
        @Test
        void theSimulatedFeedbackOfASeedIsUnchangedByteForByte() throws Exception {
            assertThat(Sha256.ofFiles(data.resolve("feedback.jsonl")))
                    .isEqualTo("257daece1d9afd46bba238040fa763c836a2db3524d8e829b9c38443b0867284");
            assertThat(Sha256.ofFiles(data.resolve("requests.jsonl")))
                    .isEqualTo("7acde057700ee9b34daa34e366c48d24aa3836cf2792dbcf335b201f23bdd51c");
        }
    }

    @Nested
    class Train {

        @Test
        void writesAVersionWhoseManifestRecordsProvenanceAndMetrics(@TempDir Path registry) throws Exception {
            Cli.Run r = train(registry, "--promote", "production");
            assertThat(r.out().strip()).endsWith("v0001");
            assertThat(r.out()).contains("NDCG@10").contains("rules").contains("blend");
            ModelRegistry reg = ModelRegistry.open(registry);
            Manifest m = reg.load("v0001").manifest();
            assertThat(m.sha256())
                    .isEqualTo(ModelRegistry.sha256(Files.readAllBytes(registry.resolve("v0001/model.json"))));
            assertThat(m.trainer())
                    .as("the default algorithm")
                    .contains("XGBoost")
                    .contains("rank:ndcg");
            assertThat(m.algorithm()).isEqualTo("lambdamart");
            assertThat(m.seed()).isEqualTo(42L);
            assertThat(m.parent()).isNull();
            assertThat(m.dataFingerprint()).hasSize(64);
            assertThat(m.libraries()).containsKeys("xgboost4j", "java");
            LoadedModel loaded = reg.load("v0001");
            assertThat(loaded.definition().learned().relatedness()).isNotNull();
            assertThat(loaded.definition().learned().behaviour().coaches()).isNotEmpty();
            // the rerank count is recommended from validation requests: the smallest that keeps the trees' top ten
            assertThat(loaded.definition().firstPhase().rerankCount())
                    .isIn(20, 30, 50, 100, 200, Training.DEFAULT_RERANK_COUNT);
            assertThat(m.hyperparameters()).containsKeys("rerank_count", "rerank_top10_recall");
            assertThat(loaded.firstPhase()).isNotNull();
            assertThat(m.metrics()).containsKeys("rules", "model", "blend");
            assertThat(m.metric("rules", "ndcg_at_10")).isBetween(0.0, 1.0);
            assertThat(m.data()).containsEntry("coaches", 400L).containsEntry("feedback_bad_lines", 0L);

            train(registry);
            assertThat(reg.versions()).containsExactly("v0001", "v0002");
            assertThat(reg.load("v0002").manifest().parent()).isEqualTo("v0001");
        }

        @Test
        void aFixedRerankCountIsKeptAndZeroLeavesTheFirstPhaseOut(@TempDir Path registry) {
            train(registry, "--rerank-count", "50", "--rounds", "20");
            train(registry, "--rerank-count", "0", "--rounds", "20");
            ModelRegistry reg = ModelRegistry.open(registry);
            assertThat(reg.load("v0001").definition().firstPhase().rerankCount())
                    .isEqualTo(50);
            assertThat(reg.load("v0002").definition().firstPhase()).isNull();
            assertThat(reg.load("v0002").firstPhase()).isNull();
        }

        @Test
        void theSameDataAndSeedGiveAByteIdenticalModel(@TempDir Path a, @TempDir Path b) throws Exception {
            train(a, "--seed", "5");
            train(b, "--seed", "5");
            assertThat(Files.readAllBytes(a.resolve("v0001/model.json")))
                    .isEqualTo(Files.readAllBytes(b.resolve("v0001/model.json")));
        }

        @Test
        void evaluateReproducesTheTestMetricsTrainRecorded(@TempDir Path registry) {
            train(registry);
            Manifest m = ModelRegistry.open(registry).load("v0001").manifest();
            DataSet d = new DataLoader(MatchingSettings.defaults().rates(), false, System.err::println).load(data);
            Evaluation.Report report = new ModelEvaluator(d, 0.2, 0.1).model(ModelRegistry.open(registry), "v0001");
            assertThat(report.blend().ndcgAt10()).isCloseTo(m.metric("blend", "ndcg_at_10"), within(1e-12));
            assertThat(report.rules().ndcgAt10()).isCloseTo(m.metric("rules", "ndcg_at_10"), within(1e-12));
            assertThat(report.model().mrr()).isCloseTo(m.metric("model", "mrr"), within(1e-12));

            Cli.Run r = Cli.run(
                    "evaluate", "--data", data.toString(), "--registry", registry.toString(), "--model", "v0001");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains(String.format("%.4f", m.metric("blend", "ndcg_at_10")));
        }

        @Test
        void gbtTrainsAndItsTreesAreScoredWithoutSmile(@TempDir Path registry) {
            train(registry, "--algorithm", "gbt", "--trees", "15");
            LoadedModel m = ModelRegistry.open(registry).load("v0001");
            assertThat(m.definition().algorithm()).isEqualTo("gbt");
            assertThat(m.definition().gbt().trees()).hasSize(15);
            assertThat(m.manifest().trainer()).contains("GradientTreeBoost");
            assertThat(m.manifest().metrics().get("blend").get("ndcg_at_10")).isBetween(0.0, 1.0);
        }
    }

    @Nested
    class Rank {

        @Test
        void roundTripTrainWriteReadRankMatchesTheRulesFiltersAndOrder(@TempDir Path registry, @TempDir Path out)
                throws Exception {
            train(registry);
            Path file = out.resolve("ranked.jsonl");
            Cli.Run r = Cli.run(
                    "rank",
                    "--coaches",
                    data.resolve("coaches.jsonl").toString(),
                    "--requests",
                    data.resolve("requests.jsonl").toString(),
                    "--registry",
                    registry.toString(),
                    "--model",
                    "v0001",
                    "--top",
                    "5",
                    "--min-score",
                    "0.5",
                    "--out",
                    file.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1500);
            List<RankCommand.Ranked> ranked = lines.stream()
                    .map(l -> Json.read(l, RankCommand.Ranked.class))
                    .toList();
            assertThat(ranked.get(0).requestId()).isEqualTo("req_000001");
            int nonEmpty = 0;
            for (RankCommand.Ranked x : ranked) {
                assertThat(x.coachIds()).hasSizeLessThanOrEqualTo(5).hasSameSizeAs(x.scores());
                for (int i = 1; i < x.scores().size(); i++) {
                    assertThat(x.scores().get(i)).isLessThanOrEqualTo(x.scores().get(i - 1));
                }
                assertThat(x.scores()).allSatisfy(s -> assertThat(s).isBetween(0.5, 1.0));
                nonEmpty += x.coachIds().isEmpty() ? 0 : 1;
            }
            assertThat(nonEmpty).isGreaterThan(300);

            Path rules = out.resolve("rules.jsonl");
            assertThat(Cli.run(
                                    "rank",
                                    "--coaches",
                                    data.resolve("coaches.jsonl").toString(),
                                    "--requests",
                                    data.resolve("requests.jsonl").toString(),
                                    "--registry",
                                    registry.toString(),
                                    "--model",
                                    "rules",
                                    "--top",
                                    "5",
                                    "--min-score",
                                    "0.5",
                                    "--out",
                                    rules.toString())
                            .exitCode())
                    .isZero();
            assertThat(Files.readAllLines(rules)).hasSize(1500).isNotEqualTo(lines);
        }

        /** Ranks with the shipped registry's production model, the top ten. */
        private static Cli.Run rankShipped(Path coaches, Path requests, Path out, String... extra) {
            List<String> args = new ArrayList<>(List.of(
                    "rank",
                    "--coaches",
                    coaches.toString(),
                    "--requests",
                    requests.toString(),
                    "--registry",
                    "../models",
                    "--model",
                    "production",
                    "--top",
                    "10",
                    "--out",
                    out.toString()));
            args.addAll(List.of(extra));
            return Cli.run(args.toArray(String[]::new));
        }

        @Test
        void theSeedRequestIsRankedWithTheShippedModelAndOnlyCoachesThatPassTheFilters(@TempDir Path out)
                throws Exception {
            Path seed = Path.of(
                    TrainCliTests.class.getResource("/seed-request.json").toURI());
            Path coaches = Path.of("../data/coaches.jsonl");
            Path file = out.resolve("seed.jsonl");
            Cli.Run r = rankShipped(coaches, seed, file);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("v0002");
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(1);
            RankCommand.Ranked ranked = Json.read(lines.get(0), RankCommand.Ranked.class);
            assertThat(ranked.requestId()).isEqualTo("request_1");
            assertThat(ranked.coachIds()).isNotEmpty();
            Map<String, CoachProfile> byId = new HashMap<>();
            JsonLines.read(coaches, CoachProfile.class, c -> byId.put(c.id(), c), null, true);
            MatchingRequest request = Json.read(Files.readAllBytes(seed), MatchingRequest.class);
            MatchQuery q = MatchQuery.compile(request, MatchingSettings.defaults(), Instant.EPOCH);
            for (String id : ranked.coachIds()) {
                CoachProfile c = byId.get(id);
                assertThat(c.effectiveSessionTypes()).contains(SessionType.GROUP);
                assertThat(MatchingSettings.defaults().rates().toUsd(c.hourlyRate(), c.effectiveCurrency()))
                        .isLessThanOrEqualTo(q.budgetUsd());
                assertThat(c.maxParticipants()).isGreaterThanOrEqualTo(5);
                assertThat(c.effectiveLanguages()).contains("en");
                assertThat(c.effectiveSkills())
                        .anySatisfy(s -> assertThat(s.name()).isEqualToIgnoringCase("react"));
            }
            assertThat(ranked.scores()).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(0.6));

            Path explained = out.resolve("explained.jsonl");
            Cli.Run e = rankShipped(coaches, seed, explained, "--explain");
            assertThat(e.exitCode()).as(e.err()).isZero();
            MatchingResponse answer = Json.read(Files.readAllLines(explained).get(0), MatchingResponse.class);
            assertThat(answer.requestId()).isEqualTo("request_1");
            assertThat(answer.modelVersion()).isEqualTo("v0002");
            assertThat(answer.matches())
                    .as("the same coaches in the same order, each with its breakdown and reason")
                    .extracting(m -> m.coach().id())
                    .containsExactlyElementsOf(ranked.coachIds());
            for (int i = 0; i < answer.matches().size(); i++) {
                Match m = answer.matches().get(i);
                assertThat(m.rank()).isEqualTo(i + 1);
                assertThat(m.matchScore()).isCloseTo(ranked.scores().get(i), within(1e-6));
                assertThat(m.modelScore()).isNotNull();
                assertThat(m.matchingSkills()).contains("React");
                assertThat(m.recommendationReason()).isNotBlank();
            }
        }
    }

    @Nested
    class BadData {

        @Test
        void badLinesAndUnknownIdsAreCountedAndReportedNotDropped(@TempDir Path dir) throws Exception {
            Files.copy(data.resolve("coaches.jsonl"), dir.resolve("coaches.jsonl"));
            Files.copy(data.resolve("requests.jsonl"), dir.resolve("requests.jsonl"));
            List<String> feedback = new ArrayList<>(
                    Files.readAllLines(data.resolve("feedback.jsonl")).subList(0, 200));
            feedback.add(2, "{\"event_id\": \"x\", \"request_id\": ");
            feedback.add(3, feedback.get(0).replace("\"coach_id\":\"", "\"coach_id\":\"ghost_"));
            feedback.add(4, feedback.get(0).replace("\"request_id\":\"", "\"request_id\":\"ghost_"));
            Files.write(dir.resolve("feedback.jsonl"), feedback, StandardCharsets.UTF_8);

            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            DataSet d = new DataLoader(
                            MatchingSettings.defaults().rates(),
                            false,
                            new java.io.PrintStream(err, true, StandardCharsets.UTF_8)::println)
                    .load(dir);
            assertThat(d.counts())
                    .containsEntry("feedback_bad_lines", 1L)
                    .containsEntry("feedback_unknown_coach", 1L)
                    .containsEntry("feedback_unknown_request", 1L)
                    .containsEntry("feedback_events", 202L);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("feedback.jsonl:3:")
                    .contains("(skipped)");

            assertThatThrownBy(() ->
                            new DataLoader(MatchingSettings.defaults().rates(), true, System.err::println).load(dir))
                    .isInstanceOf(JsonLines.DataFileException.class)
                    .hasMessageContaining("feedback.jsonl:3:");

            Cli.Run strict = Cli.run(
                    "train",
                    "--data",
                    dir.toString(),
                    "--registry",
                    dir.resolve("m").toString(),
                    "--strict");
            assertThat(strict.exitCode()).isEqualTo(2);
            assertThat(strict.err()).contains("feedback.jsonl:3:");
        }
    }

    @Nested
    class Report {

        @Test
        void trainWritesAReportBesideTheVersionWhoseNumbersAgreeWithTheManifest(@TempDir Path registry)
                throws Exception {
            Cli.Run r = train(registry, "--rounds", "30");
            Path html = registry.resolve("v0001/report.html");
            assertThat(r.out()).contains(html.toString());
            String page = Files.readString(html);
            assertThat(page)
                    .as("self-contained: ECharts and the numbers inlined, every placeholder filled")
                    .contains("echarts")
                    .doesNotContain("/*ECHARTS*/")
                    .doesNotContain("/*REPORT_DATA*/")
                    .doesNotContain("{{TITLE}}")
                    .doesNotContain("<script src=");
            EvaluationReport report = Json.mapper()
                    .readValue(Files.readAllBytes(registry.resolve("v0001/report.json")), EvaluationReport.class);
            Manifest m = ModelRegistry.open(registry).load("v0001").manifest();

            assertThat(report.model()).isEqualTo("v0001");
            assertThat(report.rankers())
                    .extracting(EvaluationReport.RankerRow::ranker)
                    .containsExactly("rules", "model", "served (blend 1.00)");
            EvaluationReport.RankerRow rules = report.rankers().get(0);
            EvaluationReport.RankerRow served = report.rankers().get(2);
            assertThat(rules.ndcgAt10().mean()).isCloseTo(m.metric("rules", "ndcg_at_10"), within(1e-12));
            assertThat(served.ndcgAt10().mean()).isCloseTo(m.metric("blend", "ndcg_at_10"), within(1e-12));
            assertThat(served.mrr().mean()).isCloseTo(m.metric("blend", "mrr"), within(1e-12));
            for (EvaluationReport.RankerRow row : report.rankers()) {
                for (EvaluationReport.Interval i : List.of(row.ndcgAt10(), row.mrr(), row.bookedAt3())) {
                    assertThat(i.low()).isLessThan(i.mean());
                    assertThat(i.high()).isGreaterThan(i.mean());
                    assertThat(i.high() - i.low())
                            .as("a 95%% interval over ~300 requests")
                            .isBetween(0.005, 0.2);
                }
                assertThat(row.bookedRequests()).isPositive().isLessThanOrEqualTo(row.requests());
            }

            // every dimension partitions the ranker's requests, and its segments average back to the whole
            Map<String, List<EvaluationReport.SegmentRow>> byDimension = new HashMap<>();
            report.segments().stream()
                    .filter(s -> s.ranker().equals("rules"))
                    .forEach(s -> byDimension
                            .computeIfAbsent(s.dimension(), k -> new ArrayList<>())
                            .add(s));
            assertThat(byDimension)
                    .containsOnlyKeys("session type", "priority", "skills requested", "best outcome went to");
            byDimension.forEach((dimension, rows) -> {
                int n = rows.stream()
                        .mapToInt(EvaluationReport.SegmentRow::requests)
                        .sum();
                double weighted = rows.stream()
                        .mapToDouble(s -> s.requests() * s.ndcgAt10().mean())
                        .sum();
                assertThat(n).as(dimension).isEqualTo(rules.requests());
                assertThat(weighted / n)
                        .as(dimension)
                        .isCloseTo(rules.ndcgAt10().mean(), within(1e-9));
            });

            assertThat(report.importances())
                    .hasSize(ModelRegistry.open(registry)
                            .load("v0001")
                            .definition()
                            .features()
                            .size());
            assertThat(report.importances())
                    .extracting(EvaluationReport.Importance::ndcgDrop)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(report.importances().get(0).ndcgDrop())
                    .as("the model leans on at least one feature")
                    .isGreaterThan(0.01);

            List<EvaluationReport.PositionRow> positions = report.positions();
            assertThat(positions.get(0).position()).isEqualTo(1);
            assertThat(positions.get(0).propensity()).isEqualTo(1.0);
            assertThat(positions)
                    .extracting(EvaluationReport.PositionRow::propensity)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(positions.get(0).clickThrough())
                    .as("position bias in the simulated users")
                    .isGreaterThan(positions.get(9).clickThrough());

            List<EvaluationReport.CalibrationBin> bins = report.calibration();
            assertThat(bins).hasSize(EvaluationReport.CALIBRATION_BINS);
            assertThat(bins.stream()
                            .mapToLong(EvaluationReport.CalibrationBin::pairs)
                            .sum())
                    .isEqualTo(m.data().get("test_pairs"));
            assertThat(bins)
                    .extracting(EvaluationReport.CalibrationBin::meanScore)
                    .isSorted();
            assertThat(bins.get(bins.size() - 1).bookingRate())
                    .as("the model's best-scored pairs are booked more often than its worst")
                    .isGreaterThan(2 * bins.get(0).bookingRate());
        }

        @Test
        void evaluateWritesTheReportAndThePairsWithTheLabelsAndSlicesTrainUsed(
                @TempDir Path registry, @TempDir Path out) throws Exception {
            train(registry, "--rounds", "10");
            Path html = out.resolve("sub/eval.html");
            Path pairs = out.resolve("pairs.csv.gz");
            Cli.Run r = Cli.run(
                    "evaluate",
                    "--data",
                    data.toString(),
                    "--registry",
                    registry.toString(),
                    "--model",
                    "v0001",
                    "--report",
                    html.toString(),
                    "--pairs",
                    pairs.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(html).exists();
            assertThat(out.resolve("sub/eval.json"))
                    .as("the report's numbers, the same as train wrote for the version")
                    .hasSameTextualContentAs(registry.resolve("v0001/report.json"));

            Map<String, Long> counts =
                    ModelRegistry.open(registry).load("v0001").manifest().data();
            Map<String, Long> rows = new HashMap<>();
            Map<String, java.util.Set<String>> requests = new HashMap<>();
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    new java.util.zip.GZIPInputStream(Files.newInputStream(pairs)), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).isEqualTo(PairLabels.HEADER);
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] c = line.split(",");
                    rows.merge("pairs_grade_" + c[3], 1L, Long::sum);
                    rows.merge(c[4] + "_pairs", 1L, Long::sum);
                    requests.computeIfAbsent(c[4] + "_requests", k -> new java.util.HashSet<>())
                            .add(c[0]);
                }
            }
            for (String key : List.of(
                    "pairs_grade_0",
                    "pairs_grade_1",
                    "pairs_grade_2",
                    "pairs_grade_3",
                    "train_pairs",
                    "validation_pairs",
                    "test_pairs")) {
                assertThat(rows.get(key)).as(key).isEqualTo(counts.get(key));
            }
            for (String slice : List.of("train", "validation", "test")) {
                assertThat((long) requests.get(slice + "_requests").size())
                        .as(slice)
                        .isEqualTo(counts.get(slice + "_requests"));
            }

            Cli.Run rules =
                    Cli.run("evaluate", "--data", data.toString(), "--model", "rules", "--report", html.toString());
            assertThat(rules.exitCode()).isEqualTo(2);
            assertThat(rules.err()).contains("--report needs a model");
        }
    }

    @Nested
    class Registry {

        @Test
        void listShowsVersionsAliasesAndFlagsATamperedOneAndPromoteMovesTheAlias(@TempDir Path registry)
                throws Exception {
            train(registry);
            train(registry);
            Cli.Run p = Cli.run("promote", "v0002", "--registry", registry.toString());
            assertThat(p.exitCode()).as(p.err()).isZero();
            assertThat(p.out()).contains("production: (none) -> v0002");
            Path model = registry.resolve("v0001/model.json");
            Files.writeString(model, Files.readString(model).replace("\"blend_weight\":", "\"blend_weight\": "));
            Cli.Run list = Cli.run("list", "--registry", registry.toString());
            assertThat(list.exitCode()).isZero();
            assertThat(list.out())
                    .containsPattern("v0002 +\\| production")
                    .contains("INVALID: model.json of v0001 does not match");
            Cli.Run bad = Cli.run("promote", "v0001", "--registry", registry.toString());
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.err()).contains("model.json of v0001 does not match its manifest");
            assertThat(ModelRegistry.open(registry).aliases()).containsEntry("production", "v0002");
        }

        @Test
        void compareShowsTwoVersionsSideBySide(@TempDir Path registry) {
            train(registry);
            train(registry, "--epochs", "1", "--seed", "9");
            Cli.Run r =
                    Cli.run("compare", "v0001", "v0002", "--data", data.toString(), "--registry", registry.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("v0001 model").contains("v0002 blend").contains("rules");
        }
    }

    @ParameterizedTest
    @CsvSource({"linear, LINEAR", "gbt, GBT", "GBT, GBT", "Linear, LINEAR", "LambdaMART, LAMBDAMART"})
    void algorithmIsAnEnumTakenInAnyCase(String given, Training.Algorithm expected) {
        CommandLine cl = TrainCli.commandLine();
        cl.parseArgs("train", "--data", "data", "--algorithm", given);
        TrainCommand train = cl.getSubcommands().get("train").getCommand();
        assertThat(train.algorithm).isEqualTo(expected);
        assertThat(train.algorithm.artifactName()).isEqualTo(given.toLowerCase());

        Cli.Run bad = Cli.run("train", "--data", data.toString(), "--algorithm", "forest");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--algorithm").contains("forest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generate", "train", "evaluate", "rank", "list", "promote", "compare", "export"})
    void everyVerbHasHelpInWholeSentences(String verb) {
        PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        Cli.Run r;
        try {
            // picocli warns on System.err about descriptions it cannot format (an unescaped %)
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            r = Cli.run(verb, "--help");
        } finally {
            System.setErr(realErr);
        }
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: coachmatch-train " + verb);
        assertThat(r.err() + stderr.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
        CommandLine.Model.CommandSpec spec =
                TrainCli.commandLine().getSubcommands().get(verb).getCommandSpec();
        // each description line is a whole paragraph (picocli starts a new line at each): none ends mid-sentence
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        spec.options().forEach(o -> texts.addAll(List.of(o.description())));
        assertThat(texts)
                .as("descriptions of " + verb)
                .allSatisfy(t -> assertThat(t.strip()).matches("(?s).*[.)]"));
    }
}
