package io.coachmatch.training.data;

import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the logged feature vectors {@code export} writes beside the contract's files ({@code features.jsonl} or
 * {@code features.jsonl.gz}) and attaches each to the graded pair it belongs to, counting what it cannot attach in
 * the {@link LoadReport}.
 */
public final class LoggedFeaturesReader {

    /** The base name of the logged feature vectors {@code export} writes beside the contract's files. */
    public static final String BASE_NAME = "features";

    private final boolean strict;
    private final LoadReport report;
    private final ProgressListener progress;

    LoggedFeaturesReader(boolean strict, LoadReport report, ProgressListener progress) {
        this.strict = strict;
        this.report = report;
        this.progress = progress;
    }

    /** The logged features file of a data directory, or null when it has none. */
    static Path find(Path dir) {
        for (String ext : List.of(".jsonl", ".jsonl.gz")) {
            Path p = dir.resolve(BASE_NAME + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * One line of {@code features.jsonl}: the vector serving scored for a (request, coach) pair, with the names of
     * its features (other fields of the line, such as scores and variant, are not needed here).
     */
    record LoggedRow(String requestId, String coachId, List<String> featureNames, double[] features) {}

    /**
     * Attaches the logged vectors of {@code file} to the pairs they belong to and returns how many pairs got one.
     * A line whose feature names differ from {@link FeatureExtractor#FEATURES} (or whose vector has another length)
     * stops the load, naming the file and line: vectors of another feature list would silently mean something else.
     * A line without a vector (serving had no extractor) leaves its pair to be computed; lines naming an unknown
     * request, coach or a pair without feedback, and repeated pairs, are counted.
     */
    long attach(
            Path file,
            Map<String, Integer> requestIndex,
            Map<String, Integer> coachIndex,
            List<List<DataSet.Pair>> pairs) {
        long[] c = new long[6];
        final int unknownRequest = 0;
        final int unknownCoach = 1;
        final int noPair = 2;
        final int duplicate = 3;
        final int withoutVector = 4;
        final int attached = 5;
        try (ProgressListener.Step step = progress.start(
                "read features",
                Math.max(
                        1,
                        DataFiles.sizeOf(file)
                                / 700
                                * (file.getFileName().toString().endsWith(".gz") ? 6 : 1)),
                "rows")) {
            long[] rows = new long[1];
            JsonLines.ReadStats stats = JsonLines.read(
                    file,
                    LoggedRow.class,
                    LoggedFeaturesReader::check,
                    row -> {
                        if ((++rows[0] & 0x3fff) == 0) {
                            step.stepTo(rows[0]);
                        }
                        if (row.features() == null) {
                            c[withoutVector]++;
                            return;
                        }
                        Integer r = requestIndex.get(row.requestId());
                        if (r == null) {
                            c[unknownRequest]++;
                            return;
                        }
                        Integer coach = coachIndex.get(row.coachId());
                        if (coach == null) {
                            c[unknownCoach]++;
                            return;
                        }
                        List<DataSet.Pair> list = pairs.get(r);
                        int at = Collections.binarySearch(
                                list, new DataSet.Pair(coach, 0, 0), (a, b) -> Integer.compare(a.coach(), b.coach()));
                        if (at < 0) {
                            c[noPair]++;
                            return;
                        }
                        DataSet.Pair p = list.get(at);
                        if (p.logged() != null) {
                            c[duplicate]++;
                            return;
                        }
                        list.set(at, new DataSet.Pair(p.coach(), p.grade(), p.position(), row.features()));
                        c[attached]++;
                    },
                    e -> {
                        if ("feature_names".equals(e.field()) || "features".equals(e.field())) {
                            throw new JsonLines.DataFileException(e);
                        }
                        report.skipped(e);
                    },
                    strict);
            step.stepTo(rows[0]);
            report.count("features_rows", stats.records());
            report.count("features_bad_lines", stats.skipped());
        }
        report.count("features_without_vector", c[withoutVector]);
        report.count("features_unknown_request", c[unknownRequest]);
        report.count("features_unknown_coach", c[unknownCoach]);
        report.count("features_without_feedback", c[noPair]);
        report.count("features_duplicate_pair", c[duplicate]);
        return c[attached];
    }

    /** The problems of one line of {@code features.jsonl}; the field names which check failed. */
    static List<ErrorDetail> check(JsonNode node) {
        List<ErrorDetail> problems = new ArrayList<>();
        for (String field : List.of("request_id", "coach_id")) {
            JsonNode v = node.get(field);
            if (v == null || !v.isString() || v.asString().isEmpty()) {
                problems.add(new ErrorDetail(field, "required, a non-empty string"));
            }
        }
        JsonNode features = node.get("features");
        if (features == null || features.isNull()) {
            return problems;
        }
        JsonNode names = node.get("feature_names");
        if (names == null || !names.isArray()) {
            problems.add(
                    0,
                    new ErrorDetail(
                            "feature_names",
                            "missing: a logged vector must name its features, "
                                    + "so that it can be checked against FeatureExtractor.FEATURES"));
            return problems;
        }
        List<String> given = new ArrayList<>();
        names.forEach(n -> given.add(n.isString() ? n.asString() : n.toString()));
        if (!given.equals(FeatureExtractor.FEATURES)) {
            int i = 0;
            while (i < Math.min(given.size(), FeatureExtractor.SIZE)
                    && given.get(i).equals(FeatureExtractor.FEATURES.get(i))) {
                i++;
            }
            String where = i < Math.min(given.size(), FeatureExtractor.SIZE)
                    ? "at index " + i + " '" + given.get(i) + "' where this trainer computes '"
                            + FeatureExtractor.FEATURES.get(i) + "'"
                    : given.size() + " names where this trainer computes " + FeatureExtractor.SIZE;
            problems.add(
                    0,
                    new ErrorDetail(
                            "feature_names",
                            "differ from FeatureExtractor.FEATURES (" + where
                                    + "); the vectors were logged by another feature list and cannot be trained on"));
            return problems;
        }
        if (!features.isArray() || features.size() != FeatureExtractor.SIZE) {
            problems.add(0, new ErrorDetail("features", "must be an array of " + FeatureExtractor.SIZE + " numbers"));
            return problems;
        }
        for (int i = 0; i < features.size(); i++) {
            if (!features.get(i).isNumber() || !Double.isFinite(features.get(i).asDouble())) {
                problems.add(
                        0,
                        new ErrorDetail(
                                "features",
                                "[" + i + "] ('" + FeatureExtractor.FEATURES.get(i) + "') is not a finite number"));
                return problems;
            }
        }
        return problems;
    }
}
