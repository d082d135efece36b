package io.coachmatch.training.data;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.validation.CoachValidator;
import io.coachmatch.core.validation.FeedbackValidator;
import io.coachmatch.core.validation.RequestValidator;
import io.coachmatch.core.validation.ValidationLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a data directory ({@code coaches}, {@code requests}, {@code feedback}, each {@code .jsonl},
 * {@code .jsonl.gz} or {@code .json}) and joins feedback into graded pairs. When the directory also holds
 * {@code features.jsonl} (written by {@code export}: the vectors serving scored), each pair with a logged vector
 * carries it ({@link LoggedFeaturesReader}), and features are computed only for the others. A bad record is
 * reported as {@code file:line: field: problem}; by default it is skipped and counted, with
 * {@code strict} the first one stops the load. Feedback naming an unknown request or coach, and
 * duplicate ids, are counted and reported ({@link LoadReport}), never silently dropped.
 */
public final class DataLoader {

    private static final int IMPRESSION = 1;
    private static final int ENGAGED = 2;
    private static final int BOOKED = 4;
    private static final int RATED_HIGH = 8;
    private static final int DECLINED = 16;

    private final CurrencyRates rates;
    private final boolean strict;
    private final Consumer<String> warnings;
    private final ProgressListener progress;

    /** A loader that reports no progress. */
    public DataLoader(CurrencyRates rates, boolean strict, Consumer<String> warnings) {
        this(rates, strict, warnings, ProgressListener.NONE);
    }

    /**
     * @param rates    currency rates, to validate coaches' rates and requests' budgets
     * @param strict   stop at the first bad line instead of skipping and counting it
     * @param warnings receives one line per bad record (the first {@value LoadReport#MAX_REPORTED}) and per warning
     * @param progress told how far reading the feedback and the logged features has got
     */
    public DataLoader(CurrencyRates rates, boolean strict, Consumer<String> warnings, ProgressListener progress) {
        this.rates = rates;
        this.strict = strict;
        this.warnings = warnings;
        this.progress = progress;
    }

    /** Reads and joins a data directory; its counts are the {@link DataSet#counts}. */
    public DataSet load(Path dir) {
        Path coachFile = DataFiles.find(dir, "coaches");
        Path requestFile = DataFiles.find(dir, "requests");
        Path feedbackFile = DataFiles.find(dir, "feedback");
        LoadReport report = new LoadReport(warnings);

        List<CoachProfile> coaches = readCoaches(coachFile, report);
        List<MatchingRequest> requests = readRequests(requestFile, report);

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
        EventHistory.Builder history = new EventHistory.Builder(coaches.size());
        FeedbackValidator validator = new FeedbackValidator(ValidationLimits.defaults());
        long estimate = Math.max(
                1,
                DataFiles.sizeOf(feedbackFile)
                        / 200
                        * (feedbackFile.getFileName().toString().endsWith(".gz") ? 8 : 1));
        try (ProgressListener.Step step = progress.start("read feedback", estimate, "events")) {
            JsonLines.ReadStats stats = DataFiles.read(
                    feedbackFile,
                    FeedbackEvent.class,
                    validator::validate,
                    e -> {
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
                        history.add(c, e.occurredAt(), e.type(), e.position(), e.rating());
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
                            default -> {}
                        }
                    },
                    report::skipped,
                    strict);
            step.stepTo(events[0]);
            report.count("feedback_events", stats.records());
            report.count("feedback_bad_lines", stats.skipped());
        }
        report.count("feedback_unknown_request", unknownRequest[0]);
        report.count("feedback_unknown_coach", unknownCoach[0]);

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
        report.count("pairs", pairCount);
        for (int g = 0; g < 4; g++) {
            report.count("pairs_grade_" + g, byGrade[g]);
        }
        Path featureFile = LoggedFeaturesReader.find(dir);
        long logged = featureFile == null
                ? 0
                : new LoggedFeaturesReader(strict, report, progress)
                        .attach(featureFile, requestIndex, coachIndex, pairs);
        report.count("pairs_features_logged", logged);
        report.count("pairs_features_computed", pairCount - logged);
        String fingerprint = featureFile == null
                ? Sha256.ofFiles(coachFile, requestFile, feedbackFile)
                : Sha256.ofFiles(coachFile, requestFile, feedbackFile, featureFile);
        return new DataSet(coaches, requests, pairs, report.counts(), fingerprint, history.build());
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

    /** Reads coach profiles, skipping (or, strict, refusing) bad lines and keeping the first of repeated ids. */
    public List<CoachProfile> readCoaches(Path file, LoadReport report) {
        CoachValidator validator = new CoachValidator(ValidationLimits.defaults(), rates);
        List<CoachProfile> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        long[] dup = new long[1];
        JsonLines.ReadStats stats = DataFiles.read(
                file,
                CoachProfile.class,
                validator::validate,
                c -> {
                    if (seen.put(c.id(), Boolean.TRUE) != null) {
                        dup[0]++;
                        return;
                    }
                    out.add(c);
                },
                report::skipped,
                strict);
        report.count("coaches", (long) out.size());
        report.count("coaches_bad_lines", stats.skipped());
        report.count("coaches_duplicate_id", dup[0]);
        if (dup[0] > 0) {
            report.warn(file + ": " + dup[0] + " coaches repeat an earlier id; the first of each was kept");
        }
        return out;
    }

    /**
     * Reads requests, skipping (or, strict, refusing) bad lines and keeping the first of repeated ids; a request
     * without an id is named {@code request_<line>}.
     */
    public List<MatchingRequest> readRequests(Path file, LoadReport report) {
        RequestValidator validator = new RequestValidator(ValidationLimits.defaults(), rates);
        List<MatchingRequest> out = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        long[] dup = new long[1];
        long[] line = new long[1];
        JsonLines.ReadStats stats = DataFiles.read(
                file,
                MatchingRequest.class,
                node -> validator.validate(node, false),
                r -> {
                    line[0]++;
                    MatchingRequest req = r.requestId() == null ? r.withRequestId("request_" + line[0]) : r;
                    if (seen.put(req.requestId(), Boolean.TRUE) != null) {
                        dup[0]++;
                        return;
                    }
                    out.add(req);
                },
                report::skipped,
                strict);
        report.count("requests", (long) out.size());
        report.count("requests_bad_lines", stats.skipped());
        report.count("requests_duplicate_id", dup[0]);
        if (dup[0] > 0) {
            report.warn(file + ": " + dup[0] + " requests repeat an earlier request_id; the first of each was kept");
        }
        return out;
    }
}
