package io.coachmatch.training.eval;

import io.coachmatch.training.data.PairFeatures;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ranking quality over requests, each ranking the coaches it showed (the only ones with known
 * grades). A ranking sorts by score, then by review count, then by coach id, as serving does.
 *
 * <pre>
 *   DCG@k   = Σ_{i ≤ k} (2^grade_i − 1) / log2(i + 1)        NDCG@k = DCG@k / ideal DCG@k
 *   MRR     = mean of 1 / rank of the first coach with grade ≥ 1
 *   P@k     = (coaches with grade ≥ 1 among the first k) / k
 * </pre>
 * Requests where no shown coach has grade ≥ 1 say nothing about order and are left out of all three.
 *
 * @param ndcgAt10 mean NDCG@10
 * @param mrr      mean reciprocal rank
 * @param precisionAt10 mean precision@10
 * @param requests requests counted
 */
public record RankingMetrics(double ndcgAt10, double mrr, double precisionAt10, int requests) {

    public static final int K = 10;

    /** The metrics of ranking each request's rows of {@code data} by {@code scores}. */
    public static RankingMetrics of(PairFeatures data, double[] scores) {
        double ndcg = 0;
        double mrr = 0;
        double prec = 0;
        int counted = 0;
        for (int r = 0; r < data.requests(); r++) {
            int from = data.offsets()[r];
            int to = data.offsets()[r + 1];
            int n = to - from;
            boolean any = false;
            for (int i = from; i < to; i++) {
                any |= data.grade()[i] > 0;
            }
            if (!any) {
                continue;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = from + i;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(scores[b], scores[a]);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(data.ratingCount()[b], data.ratingCount()[a]);
                return c != 0 ? c : data.coachId()[a].compareTo(data.coachId()[b]);
            });
            double dcg = 0;
            double firstRel = 0;
            int relevantTop = 0;
            for (int i = 0; i < n; i++) {
                int g = data.grade()[order[i]];
                if (i < K) {
                    dcg += (Math.pow(2, g) - 1) / log2(i + 2);
                    relevantTop += g > 0 ? 1 : 0;
                }
                if (g > 0 && firstRel == 0) {
                    firstRel = 1.0 / (i + 1);
                }
            }
            int[] ideal = new int[n];
            for (int i = 0; i < n; i++) {
                ideal[i] = data.grade()[from + i];
            }
            Arrays.sort(ideal);
            double idcg = 0;
            for (int i = 0; i < Math.min(K, n); i++) {
                idcg += (Math.pow(2, ideal[n - 1 - i]) - 1) / log2(i + 2);
            }
            ndcg += dcg / idcg;
            mrr += firstRel;
            prec += relevantTop / (double) K;
            counted++;
        }
        return counted == 0
                ? new RankingMetrics(Double.NaN, Double.NaN, Double.NaN, 0)
                : new RankingMetrics(ndcg / counted, mrr / counted, prec / counted, counted);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** As the manifest stores them. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ndcg_at_10", ndcgAt10);
        m.put("mrr", mrr);
        m.put("precision_at_10", precisionAt10);
        m.put("requests", (double) requests);
        return m;
    }
}
