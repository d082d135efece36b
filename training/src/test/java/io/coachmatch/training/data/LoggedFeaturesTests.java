package io.coachmatch.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.training.TrainCli;
import io.coachmatch.training.fit.GbtFitter;
import io.coachmatch.training.fit.LambdaMartFitter;
import io.coachmatch.training.fit.LinearFitter;
import io.coachmatch.training.fit.Training;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} from logged feature vectors: a data directory with {@code features.jsonl} (as {@code export} writes
 * it) trains on the logged vectors of the pairs that have one and computes only the others.
 */
class LoggedFeaturesTests {

    private static final MatchingSettings SETTINGS = MatchingSettings.defaults();
    private static final int SKILL_BREADTH = FeatureExtractor.FEATURES.indexOf("skill_breadth");

    @TempDir
    static Path shared;

    static Path plain;
    static DataSet data;
    static PairFeatures computed;

    @BeforeAll
    static void generate() {
        plain = shared.resolve("plain");
        assertThat(TrainCli.commandLine()
                        .setOut(new PrintWriter(Writer.nullWriter()))
                        .execute(
                                "generate",
                                "--seed",
                                "3",
                                "--coaches",
                                "200",
                                "--requests",
                                "800",
                                "--shown",
                                "10",
                                "--out",
                                plain.toString()))
                .isZero();
        data = load(plain);
        computed = PairFeatures.compute(
                data, all(data), extractor(data), coaches(data), SETTINGS, "features", ProgressListener.NONE);
    }

    private static DataSet load(Path dir) {
        return new DataLoader(SETTINGS.rates(), false, warning -> {}).load(dir);
    }

    private static List<Integer> all(DataSet d) {
        return IntStream.range(0, d.requests().size()).boxed().toList();
    }

    private static FeatureExtractor extractor(DataSet d) {
        return PairFeatures.extractorFor(d.coaches(), Training.DEFAULT_MAX_TERMS);
    }

    private static PairFeatures.Coaches coaches(DataSet d) {
        return PairFeatures.Coaches.of(d.coaches(), extractor(d), SETTINGS.rates());
    }

    /** A copy of the plain data set with a features.jsonl of the rows {@code logged} accepts, values from {@code vector}. */
    private static Path withLogs(Path dir, IntPredicate logged, java.util.function.IntFunction<double[]> vector)
            throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("coaches.jsonl", "requests.jsonl", "feedback.jsonl")) {
            Files.copy(plain.resolve(f), dir.resolve(f));
        }
        try (JsonLines.LineWriter w = JsonLines.writer(dir.resolve("features.jsonl"))) {
            for (int k = 0; k < computed.requests(); k++) {
                String requestId = data.requests().get(k).requestId();
                for (int row = computed.offsets()[k]; row < computed.offsets()[k + 1]; row++) {
                    if (!logged.test(row)) {
                        continue;
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("request_id", requestId);
                    line.put("coach_id", computed.coachId()[row]);
                    line.put("model_version", "v0001");
                    line.put("feature_names", FeatureExtractor.FEATURES);
                    line.put("features", vector.apply(row));
                    w.write(line);
                }
            }
        }
        return dir;
    }

    private static double[] row(PairFeatures p, int row) {
        return Arrays.copyOfRange(p.x(), row * FeatureExtractor.SIZE, (row + 1) * FeatureExtractor.SIZE);
    }

    private static Training.Settings linear() {
        return new Training.Settings(
                Training.Algorithm.LINEAR,
                42,
                0.2,
                0.1,
                Training.DEFAULT_MAX_TERMS,
                new LinearFitter.Settings(3, 0.05, 16, 42, true, true),
                new GbtFitter.Settings(10, 4, 8, 5, 0.1, 0.7, 10_000, 42),
                LambdaMartFitter.Settings.defaults(42),
                Training.DEFAULT_RERANK_COUNT);
    }

    @Nested
    class Pairs {

        @Test
        void pairsWithALoggedVectorUseItAndTheOthersAreComputed(@TempDir Path dir) throws IOException {
            // Every other row logged, with values recomputation could never give (distinct per row and feature).
            Path logged = withLogs(dir.resolve("half"), r -> r % 2 == 0, r -> {
                double[] v = new double[FeatureExtractor.SIZE];
                for (int j = 0; j < v.length; j++) {
                    v[j] = 0.001 * r + 0.0001 * j;
                }
                return v;
            });
            DataSet d = load(logged);
            PairFeatures p = PairFeatures.compute(
                    d, all(d), extractor(d), coaches(d), SETTINGS, "features", ProgressListener.NONE);
            int half = (computed.rows() + 1) / 2;
            assertThat(d.counts())
                    .containsEntry("pairs_features_logged", (long) half)
                    .containsEntry("pairs_features_computed", (long) (computed.rows() - half))
                    .containsEntry("features_rows", (long) half)
                    .containsEntry("features_bad_lines", 0L);
            assertThat(p.loggedRows()).isEqualTo(half);
            assertThat(p.rows()).isEqualTo(computed.rows());
            for (int r = 0; r < p.rows(); r++) {
                assertThat(p.coachId()[r]).isEqualTo(computed.coachId()[r]);
                if (r % 2 == 0) {
                    double[] expected = new double[FeatureExtractor.SIZE];
                    for (int j = 0; j < expected.length; j++) {
                        expected[j] = 0.001 * r + 0.0001 * j;
                    }
                    assertThat(row(p, r)).as("row %d", r).containsExactly(expected);
                    assertThat(p.rule()[r]).isEqualTo(expected[FeatureExtractor.FEATURES.indexOf("rule_total")]);
                } else {
                    assertThat(row(p, r)).as("row %d", r).containsExactly(row(computed, r));
                    assertThat(p.rule()[r]).isEqualTo(computed.rule()[r]);
                }
            }
            assertThat(d.fingerprint()).isNotEqualTo(data.fingerprint());
        }

        @Test
        void refusesVectorsOfAnotherFeatureListNamingTheFileAndLine(@TempDir Path dir) throws IOException {
            Path logged = withLogs(dir.resolve("renamed"), r -> r < 3, r -> row(computed, r));
            List<String> lines = new ArrayList<>(Files.readAllLines(logged.resolve("features.jsonl")));
            lines.set(1, lines.get(1).replace("\"tfidf_cosine\"", "\"bm25\""));
            Files.write(logged.resolve("features.jsonl"), lines);
            assertThatThrownBy(() -> load(logged))
                    .isInstanceOf(JsonLines.DataFileException.class)
                    .hasMessageContaining("features.jsonl:2: feature_names:")
                    .hasMessageContaining("at index 6 'bm25' where this trainer computes 'tfidf_cosine'");

            lines.set(
                    1,
                    lines.get(1)
                            .replace("\"bm25\"", "\"tfidf_cosine\"")
                            .replaceFirst("\"features\":\\[[^,]*,", "\"features\":["));
            Files.write(logged.resolve("features.jsonl"), lines);
            assertThatThrownBy(() -> load(logged))
                    .isInstanceOf(JsonLines.DataFileException.class)
                    .hasMessageContaining("features.jsonl:2: features: must be an array of " + FeatureExtractor.SIZE);
        }
    }

    @Nested
    class Fitting {

        @Test
        void theModelLearnsFromTheLoggedValuesNotFromARecomputation(@TempDir Path dir) throws IOException {
            // The logs say skill_breadth followed the grade; recomputation would say it is a fixed coach property.
            Path logged = withLogs(dir.resolve("all"), r -> true, r -> {
                double[] v = row(computed, r);
                v[SKILL_BREADTH] = computed.grade()[r] / 3.0;
                return v;
            });
            double[] fromLogs = Training.run(load(logged), linear(), SETTINGS)
                    .definition()
                    .linear()
                    .weights();
            double[] recomputed =
                    Training.run(data, linear(), SETTINGS).definition().linear().weights();
            assertThat(largest(fromLogs)).isEqualTo(SKILL_BREADTH);
            assertThat(fromLogs[SKILL_BREADTH]).isPositive().isGreaterThan(5 * Math.abs(recomputed[SKILL_BREADTH]));
            assertThat(largest(recomputed)).isNotEqualTo(SKILL_BREADTH);
        }

        private static int largest(double[] w) {
            int best = 0;
            for (int i = 1; i < w.length; i++) {
                if (Math.abs(w[i]) > Math.abs(w[best])) {
                    best = i;
                }
            }
            return best;
        }
    }
}
