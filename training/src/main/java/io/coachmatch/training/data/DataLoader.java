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
import io.coachmatch.training.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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

/**
 * Reads a data directory ({@code coaches}, {@code requests}, {@code feedback}, each {@code .jsonl},
 * {@code .jsonl.gz} or {@code .json}) and joins feedback into graded pairs. A bad record is
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
    private final PrintStream err;
    private int reported;

    public DataLoader(CurrencyRates rates, boolean strict, PrintStream err) {
        this.rates = rates;
        this.strict = strict;
        this.err = err;
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
        try (Progress progress = Progress.start("read feedback", estimate, "events")) {
            JsonLines.ReadStats stats = DataFiles.read(feedbackFile, FeedbackEvent.class, validator::validate, e -> {
                events[0]++;
                if ((events[0] & 0x3fff) == 0) {
                    progress.stepTo(events[0]);
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
            progress.stepTo(events[0]);
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
        return new DataSet(coaches, requests, pairs, counts, fingerprint(coachFile, requestFile, feedbackFile));
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
            err.println(file + ": " + dup[0] + " coaches repeat an earlier id; the first of each was kept");
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
            err.println(file + ": " + dup[0] + " requests repeat an earlier request_id; the first of each was kept");
        }
        return out;
    }

    private void report(JsonLines.LineError e) {
        reported++;
        if (reported <= MAX_REPORTED) {
            err.println(e + " (skipped)");
        } else if (reported == MAX_REPORTED + 1) {
            err.println("... more bad lines; see the counts in the summary");
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
