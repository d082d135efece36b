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
 * Per request ({@link #perRequest}) there is also whether a booked coach is placed in the first three.
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
        return perRequest(data, scores).mean();
    }

    /**
     * Each counted request's metrics when its rows of {@code data} are ranked by {@code scores}, for intervals and
     * segments.
     */
    public static PerRequest perRequest(PairFeatures data, double[] scores) {
        int k = data.requests();
        int[] index = new int[k];
        double[] ndcg = new double[k];
        double[] rr = new double[k];
        double[] prec = new double[k];
        double[] booked = new double[k];
        int counted = 0;
        for (int r = 0; r < k; r++) {
            int from = data.offsets()[r];
            int to = data.offsets()[r + 1];
            int n = to - from;
            boolean any = false;
            boolean anyBooked = false;
            for (int i = from; i < to; i++) {
                any |= data.grade()[i] > 0;
                anyBooked |= data.grade()[i] >= BOOKED;
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
            boolean bookedTop = false;
            for (int i = 0; i < n; i++) {
                int g = data.grade()[order[i]];
                if (i < K) {
                    dcg += (Math.pow(2, g) - 1) / log2(i + 2);
                    relevantTop += g > 0 ? 1 : 0;
                }
                bookedTop |= i < BOOKED_WITHIN && g >= BOOKED;
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
            index[counted] = r;
            ndcg[counted] = dcg / idcg;
            rr[counted] = firstRel;
            prec[counted] = relevantTop / (double) K;
            booked[counted] = anyBooked ? (bookedTop ? 1 : 0) : Double.NaN;
            counted++;
        }
        return new PerRequest(
                Arrays.copyOf(index, counted),
                Arrays.copyOf(ndcg, counted),
                Arrays.copyOf(rr, counted),
                Arrays.copyOf(prec, counted),
                Arrays.copyOf(booked, counted));
    }

    /** The lowest grade of a booked pair (booked, or booked and rated 4 or more). */
    public static final int BOOKED = 2;

    /** The booking metric counts a booked coach placed within this many first positions. */
    public static final int BOOKED_WITHIN = 3;

    /**
     * The metrics of each counted request, in the order of {@link PairFeatures}' requests.
     *
     * @param request  the request's index among the {@link PairFeatures}' requests
     * @param ndcg     NDCG@10
     * @param rr       reciprocal rank of the first coach with grade ≥ 1
     * @param precision precision@10
     * @param booked   1 when a booked coach (grade ≥ {@value #BOOKED}) is ranked within the first
     *                 {@value #BOOKED_WITHIN}, 0 when not, NaN when the request booked nobody
     */
    public record PerRequest(int[] request, double[] ndcg, double[] rr, double[] precision, double[] booked) {

        public int size() {
            return request.length;
        }

        /** The means, as {@link RankingMetrics}. */
        public RankingMetrics mean() {
            int n = size();
            if (n == 0) {
                return new RankingMetrics(Double.NaN, Double.NaN, Double.NaN, 0);
            }
            return new RankingMetrics(sum(ndcg) / n, sum(rr) / n, sum(precision) / n, n);
        }

        /** Plain left-to-right sum, as the metrics have always been summed. */
        private static double sum(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s;
        }
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
