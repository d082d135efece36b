package io.coachmatch.training.data;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.features.CoachTable;
import io.coachmatch.core.features.Documents;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.RequestSide;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.features.TfIdf;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.money.CurrencyRates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * @param loggedRows  how many rows are logged vectors (the rest were computed)
 */
public record PairFeatures(
        int[] offsets,
        double[] x,
        int[] grade,
        double[] rule,
        int[] ratingCount,
        String[] coachId,
        int[] position,
        int loggedRows) {

    private static final int RULE_TOTAL = FeatureExtractor.FEATURES.indexOf("rule_total");

    public int rows() {
        return grade.length;
    }

    public int requests() {
        return offsets.length - 1;
    }

    /**
     * The features of every pair of the given requests: the vector serving logged for the pair when there is one
     * ({@link DataSet.Pair#logged}, so the model learns from exactly what serving scored, with the coach as it was
     * then), else computed with one extractor, coach facts and coach-side features computed once per coach. The rule
     * score of a logged row is its logged {@code rule_total}. Work is spread over the available cores; the result
     * does not depend on how. Progress is reported to {@code progressListener} as the task {@code task}.
     */
    public static PairFeatures compute(
            DataSet data,
            List<Integer> requestIndices,
            FeatureExtractor extractor,
            Coaches coaches,
            MatchingSettings settings,
            String task,
            ProgressListener progressListener) {
        return compute(data, requestIndices, extractor, coaches, settings, null, task, progressListener);
    }

    /**
     * Writes the behaviour features of a computed pair as they were when its request was made (so that no pair
     * learns from its own outcome or anything later), over what the extractor's table holds.
     */
    @FunctionalInterface
    public interface BehaviourAsOf {
        /** Writes coach {@code coach}'s behaviour features as of {@code at} into {@code x} at their indices. */
        void write(int coach, Instant at, double[] x);
    }

    /** As {@link #compute}, with the behaviour features of computed rows taken as of each request's time. */
    public static PairFeatures compute(
            DataSet data,
            List<Integer> requestIndices,
            FeatureExtractor extractor,
            Coaches coaches,
            MatchingSettings settings,
            BehaviourAsOf asOf,
            String task,
            ProgressListener progressListener) {
        int k = requestIndices.size();
        int[] offsets = new int[k + 1];
        for (int i = 0; i < k; i++) {
            offsets[i + 1] =
                    offsets[i] + data.pairs().get(requestIndices.get(i)).size();
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
        AtomicLong logged = new AtomicLong();
        try (ProgressListener.Step progress = progressListener.start(task, rows, "pairs")) {
            IntStream.range(0, k).parallel().forEach(i -> {
                MatchingRequest r = data.requests().get(requestIndices.get(i));
                MatchQuery q = MatchQuery.compile(r, settings, r.createdAt() == null ? Instant.EPOCH : r.createdAt());
                // a request whose pairs were all logged needs no request side (its TF-IDF cosine with every coach)
                boolean compute =
                        data.pairs().get(requestIndices.get(i)).stream().anyMatch(p -> p.logged() == null);
                RequestSide rs = compute ? extractor.request(q, coaches.table()) : null;
                double[] buf = new double[f];
                int row = offsets[i];
                int fromLogs = 0;
                for (DataSet.Pair p : data.pairs().get(requestIndices.get(i))) {
                    CoachFacts cf = coaches.facts().get(p.coach());
                    if (p.logged() != null) {
                        System.arraycopy(p.logged(), 0, x, row * f, f);
                        rule[row] = p.logged()[RULE_TOTAL];
                        fromLogs++;
                    } else {
                        RuleComponents rc = RuleScorer.score(q, cf, settings.weights());
                        extractor.extract(rs, coaches.table(), p.coach(), rc, buf);
                        if (asOf != null) {
                            asOf.write(p.coach(), r.createdAt(), buf);
                        }
                        System.arraycopy(buf, 0, x, row * f, f);
                        rule[row] = rc.total();
                    }
                    grade[row] = p.grade();
                    ratingCount[row] = cf.ratingCount();
                    ids[row] = cf.profile().id();
                    position[row] = p.position();
                    row++;
                }
                logged.addAndGet(fromLogs);
                long d = done.addAndGet(offsets[i + 1] - offsets[i]);
                if ((i & 255) == 0) {
                    synchronized (progress) {
                        progress.stepTo(d);
                    }
                }
            });
            progress.stepTo(rows);
        }
        return new PairFeatures(offsets, x, grade, rule, ratingCount, ids, position, (int) logged.get());
    }

    /**
     * The feature extractor a new model uses: default normalisation, TF-IDF fitted on the coaches' documents,
     * keeping the {@code maxTerms} terms found in the most of them.
     */
    public static FeatureExtractor extractorFor(List<CoachProfile> coaches, int maxTerms) {
        Documents docs = new Documents(TextNormalizer.defaults(), Documents.DEFAULT_SKILL_BOOST);
        List<Map<String, Double>> corpus = new ArrayList<>(coaches.size());
        for (CoachProfile c : coaches) {
            corpus.add(docs.coach(c));
        }
        return new FeatureExtractor(docs, TfIdf.fit(corpus, maxTerms));
    }

    /** The facts and the feature table of every coach of a data set, indexed as its coach list. */
    public record Coaches(List<CoachFacts> facts, CoachTable table) {

        public static Coaches of(List<CoachProfile> coaches, FeatureExtractor extractor, CurrencyRates rates) {
            CoachFacts[] facts = new CoachFacts[coaches.size()];
            IntStream.range(0, facts.length).parallel().forEach(c -> facts[c] = CoachFacts.of(coaches.get(c), rates));
            List<CoachFacts> list = List.of(facts);
            return new Coaches(list, extractor.table(list));
        }
    }
}
