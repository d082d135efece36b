package io.coachmatch.training.eval;

import io.coachmatch.core.artifact.LoadedModel;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.AdjustedScorer;
import io.coachmatch.core.matching.CatalogIndex;
import io.coachmatch.core.matching.MatchOutcome;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.MatchingEngine;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.matching.ModelScorer;
import io.coachmatch.core.matching.ScoredCoach;
import io.coachmatch.training.simulate.FeedbackSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Ranking quality against the truth of a simulated world ({@code generate --holdout}): each later request is ranked
 * over every candidate the way serving ranks it (the catalog index, minimum score 0, ten results), and the top ten
 * are scored with the grades the world knows for every candidate, not only for the coaches some earlier ranker
 * happened to show.
 *
 * <pre>
 *   NDCG@10 = Σ_{i ≤ 10} (2^grade_i − 1) / log2(i + 1), divided by the same over the ten best grades of all candidates
 *   MRR     = mean of 1 / rank of the first coach of grade ≥ 1 (0 when none of the ten has one)
 *   P@10    = (coaches of grade ≥ 1 among the first ten) / 10
 * </pre>
 * Requests without any candidate of grade ≥ 1 are left out, as {@link RankingMetrics} leaves them out.
 */
public final class TruthEvaluation {

    /** Results per request considered. */
    public static final int K = RankingMetrics.K;

    private final List<MatchingRequest> requests;
    private final Map<String, FeedbackSimulator.Truth> truth;

    private TruthEvaluation(List<MatchingRequest> requests, Map<String, FeedbackSimulator.Truth> truth) {
        this.requests = requests;
        this.truth = truth;
    }

    /**
     * Reads a holdout's truth and keeps the requests it covers.
     *
     * @param truthFile {@code truth.jsonl} as {@code generate --holdout} writes it
     */
    public static TruthEvaluation of(List<MatchingRequest> requests, Path truthFile) {
        Map<String, FeedbackSimulator.Truth> truth = new HashMap<>();
        JsonLines.read(
                truthFile,
                FeedbackSimulator.Truth.class,
                t -> truth.put(t.requestId(), t),
                e -> {
                    throw new IllegalArgumentException(e.toString());
                },
                true);
        List<MatchingRequest> covered =
                requests.stream().filter(r -> truth.containsKey(r.requestId())).toList();
        if (covered.isEmpty()) {
            throw new IllegalArgumentException(
                    truthFile + ": no truth for any of the " + requests.size() + " requests");
        }
        return new TruthEvaluation(covered, truth);
    }

    public int requests() {
        return requests.size();
    }

    /** A ranker that serves as the matcher does, with {@code model} (null for the rules alone). */
    public static Function<MatchingRequest, List<String>> served(CatalogIndex catalog, LoadedModel model) {
        return served(catalog, model, null, null);
    }

    /**
     * As {@link #served(CatalogIndex, LoadedModel)}, with the model's blend weight replaced by {@code blend} and its
     * rerank count by {@code rerank} (null keeps the model's own; a rerank count of 0 scores every candidate with
     * the model, without a first phase): what would another blend, or another phasing, have done.
     */
    public static Function<MatchingRequest, List<String>> served(
            CatalogIndex catalog, LoadedModel loaded, Double blend, Integer rerank) {
        MatchingEngine engine = new MatchingEngine(MatchingSettings.defaults().withMinMatchScore(0.0));
        if (loaded != null) {
            loaded.prepare(catalog);
        }
        ModelScorer model = adjusted(loaded, blend, rerank);
        return r -> {
            MatchQuery q = engine.compile(r.withMaxResults(K));
            MatchOutcome o = engine.match(q, catalog, model, null);
            List<String> ids = new ArrayList<>(o.top().size());
            for (ScoredCoach sc : o.top()) {
                ids.add(sc.coach().id());
            }
            return ids;
        };
    }

    private static ModelScorer adjusted(LoadedModel loaded, Double blend, Integer rerank) {
        if (loaded == null || (blend == null && rerank == null)) {
            return loaded;
        }
        double b = blend == null ? loaded.blendWeight() : blend;
        ModelScorer first = rerank != null && rerank == 0 ? null : loaded.firstPhase();
        return new AdjustedScorer(
                loaded,
                b,
                first == null ? null : new AdjustedScorer(first, b, null, 0),
                rerank == null ? loaded.rerankCount() : rerank);
    }

    /** The metrics of a ranker, which returns the coach ids it would show a request, best first. */
    public RankingMetrics score(Function<MatchingRequest, List<String>> ranker) {
        double[][] per = new double[requests.size()][];
        IntStream.range(0, requests.size()).parallel().forEach(i -> {
            MatchingRequest r = requests.get(i);
            per[i] = metrics(truth.get(r.requestId()), ranker.apply(r));
        });
        return sum(per);
    }

    /** The metrics of the world's own ranking (the truth's oracle lists): how far a ranker could get. */
    public RankingMetrics oracle() {
        return score(r -> truth.get(r.requestId()).oracle());
    }

    /** The metrics of ranking by every observable field exactly but without the latent quality. */
    public RankingMetrics observableOracle() {
        return score(r -> truth.get(r.requestId()).observableOracle());
    }

    private static RankingMetrics sum(double[][] per) {
        double ndcg = 0;
        double mrr = 0;
        double precision = 0;
        int counted = 0;
        for (double[] m : per) {
            if (m == null) {
                continue;
            }
            ndcg += m[0];
            mrr += m[1];
            precision += m[2];
            counted++;
        }
        return counted == 0
                ? new RankingMetrics(Double.NaN, Double.NaN, Double.NaN, 0)
                : new RankingMetrics(ndcg / counted, mrr / counted, precision / counted, counted);
    }

    /** NDCG@10, reciprocal rank and precision@10 of one ranking, or null when the request has nothing relevant. */
    static double[] metrics(FeedbackSimulator.Truth truth, List<String> ranked) {
        List<Integer> grades = new ArrayList<>(truth.grades().values());
        if (grades.isEmpty()) {
            return null;
        }
        grades.sort((a, b) -> Integer.compare(b, a));
        double ideal = 0;
        for (int i = 0; i < Math.min(K, grades.size()); i++) {
            ideal += gain(grades.get(i)) / log2(i + 2);
        }
        double dcg = 0;
        double reciprocal = 0;
        int relevant = 0;
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            int g = truth.grades().getOrDefault(ranked.get(i), 0);
            dcg += gain(g) / log2(i + 2);
            if (g > 0) {
                relevant++;
                if (reciprocal == 0) {
                    reciprocal = 1.0 / (i + 1);
                }
            }
        }
        return new double[] {dcg / ideal, reciprocal, relevant / (double) K};
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }
}
