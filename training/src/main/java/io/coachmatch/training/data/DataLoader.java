package io.coachmatch.training.data;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.ErrorDetail;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.RequestValidator;
import io.coachmatch.core.validation.ValidationLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a data directory ({@code coaches}, {@code requests}, {@code feedback}, each {@code .jsonl},
 * {@code .jsonl.gz} or {@code .json}) and joins feedback into graded pairs. When the directory also holds
 * {@code features.jsonl} (written by {@code export}: the vectors serving scored), each pair with a logged vector
 * carries it, and features are computed only for the others. A bad record is
 * reported as {@code file:line: field: problem}; by default it is skipped and counted, with
 * {@code strict} the first one stops the load. Feedback naming an unknown request or coach, and
 * duplicate ids, are counted and reported, never silently dropped.
 */
public final class DataLoader {

    /** Reports at most this many bad lines one by one; the rest only as counts. */
    static final int MAX_REPORTED = 20;

    private static final int IMPRESSION = 1;
    private static final int ENGAGED = 2;
    private static final int BOOKED = 4;
    private static final int RATED_HIGH = 8;
    private static final int DECLINED = 16;

    private final CurrencyRates rates;
    private final boolean strict;
    private final Consumer<String> err;
    private final ProgressListener progress;
    private int reported;

    /** A loader that reports no progress. */
    public DataLoader(CurrencyRates rates, boolean strict, Consumer<String> warnings) {
        this(rates, strict, warnings, ProgressListener.NONE);
    }

    /**
     * @param rates    currency rates, to validate coaches' rates and requests' budgets
     * @param strict   stop at the first bad line instead of skipping and counting it
     * @param warnings receives one line per bad record (the first {@value #MAX_REPORTED}) and per warning
     * @param progress told how far reading the feedback and the logged features has got
     */
    public DataLoader(CurrencyRates rates, boolean strict, Consumer<String> warnings, ProgressListener progress) {
        this.rates = rates;
        this.strict = strict;
        this.err = warnings;
        this.progress = progress;
    }

    public DataSet load(Path dir) {
        Path coachFile = DataFiles.find(dir, "coaches");
        Path requestFile = DataFiles.find(dir, "requests");
        Path feedbackFile = DataFiles.find(dir, "feedback");
        Map<String, Long> counts = new LinkedHashMap<>();

        List<CoachProfile> coaches = readCoaches(coachFile, counts);
        List<MatchingRequest> requests = readRequests(requestFile, counts);

        Map<String, Integer> coachIndex = new HashMap<>(coaches.size() * 2);
        for (int i = 0; i < coaches.size(); i++) {
            coachIndex.put(coaches.get(i).id(), i);
        }
        Map<String, Integer> requestIndex = new HashMap<>(requests.size() * 2);
        for (int i = 0; i < requests.size(); i++) {
            requestIndex.put(requests.get(i).requestId(), i);
        }

        List<Map<Integer, int[]>> states = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            states.add(null);
        }
        long[] unknownRequest = new long[1];
        long[] unknownCoach = new long[1];
        long[] events = new long[1];
        FeedbackValidator validator = new FeedbackValidator(ValidationLimits.defaults());
        long estimate = Math.max(1, sizeOf(feedbackFile) / 200
                * (feedbackFile.getFileName().toString().endsWith(".gz") ? 8 : 1));
        try (ProgressListener.Step step = progress.start("read feedback", estimate, "events")) {
            JsonLines.ReadStats stats = DataFiles.read(feedbackFile, FeedbackEvent.class, validator::validate, e -> {
                events[0]++;
                if ((events[0] & 0x3fff) == 0) {
                    step.stepTo(events[0]);
                }
                Integer r = requestIndex.get(e.requestId());
                if (r == null) {
                    unknownRequest[0]++;
                    return;
                }
                Integer c = coachIndex.get(e.coachId());
                if (c == null) {
                    unknownCoach[0]++;
                    return;
                }
                Map<Integer, int[]> m = states.get(r);
                if (m == null) {
                    m = new HashMap<>(32);
                    states.set(r, m);
                }
                int[] s = m.computeIfAbsent(c, k -> new int[2]);
                switch (e.type()) {
                    case IMPRESSION -> {
                        s[0] |= IMPRESSION;
                        if (e.position() != null && (s[1] == 0 || e.position() < s[1])) {
                            s[1] = e.position();
                        }
                    }
                    case CLICK, CONTACT -> s[0] |= ENGAGED;
                    case BOOKED -> s[0] |= BOOKED;
                    case DECLINED -> s[0] |= DECLINED;
                    case RATED -> {
                        if (e.rating() != null && e.rating() >= 4.0) {
                            s[0] |= RATED_HIGH;
                        }
                    }
                    default -> { }
                }
            }, this::report, strict);
            step.stepTo(events[0]);
            counts.put("feedback_events", stats.records());
            counts.put("feedback_bad_lines", stats.skipped());
        }
        counts.put("feedback_unknown_request", unknownRequest[0]);
        counts.put("feedback_unknown_coach", unknownCoach[0]);

        List<List<DataSet.Pair>> pairs = new ArrayList<>(requests.size());
        long pairCount = 0;
        long[] byGrade = new long[4];
        for (Map<Integer, int[]> m : states) {
            if (m == null) {
                pairs.add(List.of());
                continue;
            }
            List<DataSet.Pair> list = new ArrayList<>(m.size());
            for (Map.Entry<Integer, int[]> e : m.entrySet()) {
                int g = grade(e.getValue()[0]);
                byGrade[g]++;
                list.add(new DataSet.Pair(e.getKey(), g, e.getValue()[1]));
            }
            list.sort((a, b) -> Integer.compare(a.coach(), b.coach()));
            pairs.add(list);
            pairCount += list.size();
        }
        counts.put("pairs", pairCount);
        for (int g = 0; g < 4; g++) {
            counts.put("pairs_grade_" + g, byGrade[g]);
        }
        Path featureFile = findOptional(dir, FEATURES);
        long logged = featureFile == null ? 0 : readLogged(featureFile, requestIndex, coachIndex, pairs, counts);
        counts.put("pairs_features_logged", logged);
        counts.put("pairs_features_computed", pairCount - logged);
        String fingerprint = featureFile == null ? fingerprint(coachFile, requestFile, feedbackFile)
                : fingerprint(coachFile, requestFile, feedbackFile, featureFile);
        return new DataSet(coaches, requests, pairs, counts, fingerprint);
    }

    /** The base name of the logged feature vectors {@code export} writes beside the contract's files. */
    public static final String FEATURES = "features";

    private static Path findOptional(Path dir, String base) {
        for (String ext : List.of(".jsonl", ".jsonl.gz")) {
            Path p = dir.resolve(base + ext);
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
    record LoggedRow(String requestId, String coachId, List<String> featureNames, double[] features) {
    }

    /**
     * Attaches the logged vectors of {@code file} to the pairs they belong to and returns how many pairs got one.
     * A line whose feature names differ from {@link FeatureExtractor#FEATURES} (or whose vector has another length)
     * stops the load, naming the file and line: vectors of another feature list would silently mean something else.
     * A line without a vector (serving had no extractor) leaves its pair to be computed; lines naming an unknown
     * request, coach or a pair without feedback, and repeated pairs, are counted.
     */
    private long readLogged(Path file, Map<String, Integer> requestIndex, Map<String, Integer> coachIndex,
            List<List<DataSet.Pair>> pairs, Map<String, Long> counts) {
        long[] c = new long[6];
        final int unknownRequest = 0;
        final int unknownCoach = 1;
        final int noPair = 2;
        final int duplicate = 3;
        final int withoutVector = 4;
        final int attached = 5;
        try (ProgressListener.Step step = progress.start("read features", Math.max(1, sizeOf(file) / 700
                * (file.getFileName().toString().endsWith(".gz") ? 6 : 1)), "rows")) {
            long[] rows = new long[1];
            JsonLines.ReadStats stats = JsonLines.read(file, LoggedRow.class, DataLoader::checkLogged, row -> {
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
                int at = java.util.Collections.binarySearch(list, new DataSet.Pair(coach, 0, 0),
                        (a, b) -> Integer.compare(a.coach(), b.coach()));
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
            }, e -> {
                if ("feature_names".equals(e.field()) || "features".equals(e.field())) {
                    throw new JsonLines.DataFileException(e);
                }
                report(e);
            }, strict);
            step.stepTo(rows[0]);
            counts.put("features_rows", stats.records());
            counts.put("features_bad_lines", stats.skipped());
        }
        counts.put("features_without_vector", c[withoutVector]);
        counts.put("features_unknown_request", c[unknownRequest]);
        counts.put("features_unknown_coach", c[unknownCoach]);
        counts.put("features_without_feedback", c[noPair]);
        counts.put("features_duplicate_pair", c[duplicate]);
        return c[attached];
    }

    /** The problems of one line of {@code features.jsonl}; the field names which check failed. */
    static List<ErrorDetail> checkLogged(JsonNode node) {
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
            problems.add(0, new ErrorDetail("feature_names", "missing: a logged vector must name its features, "
                    + "so that it can be checked against FeatureExtractor.FEATURES"));
            return problems;
        }
        List<String> given = new ArrayList<>();
        names.forEach(n -> given.add(n.isString() ? n.asString() : n.toString()));
        if (!given.equals(FeatureExtractor.FEATURES)) {
            int i = 0;
            while (i < Math.min(given.size(), FeatureExtractor.SIZE) && given.get(i).equals(FeatureExtractor.FEATURES.get(i))) {
                i++;
            }
            String where = i < Math.min(given.size(), FeatureExtractor.SIZE)
                    ? "at index " + i + " '" + given.get(i) + "' where this trainer computes '"
                            + FeatureExtractor.FEATURES.get(i) + "'"
                    : given.size() + " names where this trainer computes " + FeatureExtractor.SIZE;
            problems.add(0, new ErrorDetail("feature_names", "differ from FeatureExtractor.FEATURES (" + where
                    + "); the vectors were logged by another feature list and cannot be trained on"));
            return problems;
        }
        if (!features.isArray() || features.size() != FeatureExtractor.SIZE) {
            problems.add(0, new ErrorDetail("features", "must be an array of " + FeatureExtractor.SIZE + " numbers"));
            return problems;
        }
        for (int i = 0; i < features.size(); i++) {
            if (!features.get(i).isNumber() || !Double.isFinite(features.get(i).asDouble())) {
                problems.add(0, new ErrorDetail("features", "[" + i + "] ('" + FeatureExtractor.FEATURES.get(i)
                        + "') is not a finite number"));
                return problems;
            }
        }
        return problems;
    }

    /** The contract's grade of a pair from the events seen for it. */
    static int grade(int flags) {
        if ((flags & BOOKED) != 0) {
            return (flags & RATED_HIGH) != 0 ? 3 : 2;
        }
        if ((flags & DECLINED) != 0) {
            return 0;
        }
        return (flags & ENGAGED) != 0 ? 1 : 0;
    }

    public List<CoachProfile> readCoaches(Path file, Map<String, Long> counts) {
        CoachValidator validator = new CoachValidator(ValidationLimits.defaults(), rates);
        List<CoachProfile> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        long[] dup = new long[1];
        JsonLines.ReadStats stats = DataFiles.read(file, CoachProfile.class, validator::validate, c -> {
            if (seen.put(c.id(), Boolean.TRUE) != null) {
                dup[0]++;
                return;
            }
            out.add(c);
        }, this::report, strict);
        counts.put("coaches", (long) out.size());
        counts.put("coaches_bad_lines", stats.skipped());
        counts.put("coaches_duplicate_id", dup[0]);
        if (dup[0] > 0) {
            err.accept(file + ": " + dup[0] + " coaches repeat an earlier id; the first of each was kept");
        }
        return out;
    }

    public List<MatchingRequest> readRequests(Path file, Map<String, Long> counts) {
        RequestValidator validator = new RequestValidator(ValidationLimits.defaults(), rates);
        List<MatchingRequest> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        long[] dup = new long[1];
        long[] line = new long[1];
        JsonLines.ReadStats stats = DataFiles.read(file, MatchingRequest.class, node -> validator.validate(node, false),
                r -> {
                    line[0]++;
                    MatchingRequest req = r.requestId() == null ? r.withRequestId("request_" + line[0]) : r;
                    if (seen.put(req.requestId(), Boolean.TRUE) != null) {
                        dup[0]++;
                        return;
                    }
                    out.add(req);
                }, this::report, strict);
        counts.put("requests", (long) out.size());
        counts.put("requests_bad_lines", stats.skipped());
        counts.put("requests_duplicate_id", dup[0]);
        if (dup[0] > 0) {
            err.accept(file + ": " + dup[0] + " requests repeat an earlier request_id; the first of each was kept");
        }
        return out;
    }

    private void report(JsonLines.LineError e) {
        reported++;
        if (reported <= MAX_REPORTED) {
            err.accept(e + " (skipped)");
        } else if (reported == MAX_REPORTED + 1) {
            err.accept("... more bad lines; see the counts in the summary");
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 1;
        }
    }

    /** SHA-256 over the bytes of the files, in the order given. */
    public static String fingerprint(Path... files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
                    while (in.read(buf) != -1) {
                        // the digest sees every byte
                    }
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fingerprint the data files", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
