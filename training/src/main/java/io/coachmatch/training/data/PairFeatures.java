package io.coachmatch.training.data;

import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.training.Progress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The features of the graded pairs of some requests, as one flat row-major matrix, with each
 * request's rows contiguous ({@code offsets}) so rankings can be evaluated per request.
 *
 * @param offsets     rows of request k are {@code offsets[k]} .. {@code offsets[k+1]-1}
 * @param x           {@code rows × FeatureExtractor.SIZE}
 * @param grade       the pair's grade 0-3
 * @param rule        the rule score of the pair (the rules' ranking)
 * @param ratingCount the coach's review count (the rules' first tie-break)
 * @param coachId     the coach's id (the last tie-break)
 * @param position    the position the coach was shown at, 0 when unknown
 */
public record PairFeatures(int[] offsets, double[] x, int[] grade, double[] rule, int[] ratingCount, String[] coachId,
        int[] position) {

    public int rows() {
        return grade.length;
    }

    public int requests() {
        return offsets.length - 1;
    }

    /**
     * Computes the features of every pair of the given requests with one extractor, coach facts and
     * coach-side features computed once per coach. Work is spread over the available cores; the
     * result does not depend on how.
     */
    public static PairFeatures compute(DataSet data, List<Integer> requestIndices, FeatureExtractor extractor,
            Coaches coaches, MatchingSettings settings, String task) {
        int k = requestIndices.size();
        int[] offsets = new int[k + 1];
        for (int i = 0; i < k; i++) {
            offsets[i + 1] = offsets[i] + data.pairs().get(requestIndices.get(i)).size();
        }
        int rows = offsets[k];
        int f = FeatureExtractor.SIZE;
        double[] x = new double[rows * f];
        int[] grade = new int[rows];
        double[] rule = new double[rows];
        int[] ratingCount = new int[rows];
        String[] ids = new String[rows];
        int[] position = new int[rows];
        AtomicLong done = new AtomicLong();
        try (Progress progress = Progress.start(task, rows, "pairs")) {
            IntStream.range(0, k).parallel().forEach(i -> {
                MatchingRequest r = data.requests().get(requestIndices.get(i));
                MatchQuery q = MatchQuery.compile(r, settings, r.createdAt() == null ? Instant.EPOCH : r.createdAt());
                FeatureExtractor.RequestSide rs = extractor.request(q, coaches.table());
                double[] buf = new double[f];
                int row = offsets[i];
                for (DataSet.Pair p : data.pairs().get(requestIndices.get(i))) {
                    CoachFacts cf = coaches.facts().get(p.coach());
                    RuleComponents rc = RuleScorer.score(q, cf, settings.weights());
                    extractor.extract(rs, coaches.table(), p.coach(), rc, buf);
                    System.arraycopy(buf, 0, x, row * f, f);
                    grade[row] = p.grade();
                    rule[row] = rc.total();
                    ratingCount[row] = cf.ratingCount();
                    ids[row] = cf.profile().id();
                    position[row] = p.position();
                    row++;
                }
                long d = done.addAndGet(offsets[i + 1] - offsets[i]);
                if ((i & 255) == 0) {
                    synchronized (progress) {
                        progress.stepTo(d);
                    }
                }
            });
            progress.stepTo(rows);
        }
        return new PairFeatures(offsets, x, grade, rule, ratingCount, ids, position);
    }

    /** The facts and the feature table of every coach of a data set, indexed as its coach list. */
    public record Coaches(List<CoachFacts> facts, FeatureExtractor.CoachTable table) {

        public static Coaches of(List<io.coachmatch.core.contract.CoachProfile> coaches, FeatureExtractor extractor,
                io.coachmatch.core.money.CurrencyRates rates) {
            CoachFacts[] facts = new CoachFacts[coaches.size()];
            IntStream.range(0, facts.length).parallel().forEach(c -> facts[c] = CoachFacts.of(coaches.get(c), rates));
            List<CoachFacts> list = List.of(facts);
            return new Coaches(list, extractor.table(list));
        }
    }
}
