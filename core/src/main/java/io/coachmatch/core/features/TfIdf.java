package io.coachmatch.core.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TF-IDF vectoriser: a fixed vocabulary with one inverse document frequency per term, fitted on
 * the coach documents and then applied unchanged to coaches and requests alike.
 *
 * <pre>
 *   tf(t, d)  = the summed weight of t's occurrences in d  (see {@link Documents} for the weights)
 *   idf(t)    = ln((1 + N) / (1 + df(t))) + 1          N documents, df(t) of them contain t
 *   v(d)_t    = tf(t, d) · idf(t), then v(d) scaled to unit length
 *   sim(a, b) = v(a) · v(b)                             the cosine, in [0, 1]
 * </pre>
 *
 * Terms outside the vocabulary are ignored (they have no idf). The vocabulary is kept in
 * alphabetical order, so a fit on the same documents always gives the same artifact. Immutable and
 * thread-safe.
 */
public final class TfIdf {

    private final List<String> vocabulary;
    private final double[] idf;
    private final Map<String, Integer> index;

    /**
     * @param vocabulary the terms, in the order their indices follow
     * @param idf        one weight per term, each positive and finite
     */
    public TfIdf(List<String> vocabulary, double[] idf) {
        if (vocabulary.size() != idf.length) {
            throw new IllegalArgumentException(
                    "vocabulary has " + vocabulary.size() + " terms but " + idf.length + " idf weights");
        }
        this.vocabulary = List.copyOf(vocabulary);
        this.idf = idf.clone();
        this.index = new HashMap<>(vocabulary.size() * 2);
        for (int i = 0; i < idf.length; i++) {
            if (!(idf[i] > 0) || Double.isInfinite(idf[i])) {
                throw new IllegalArgumentException(
                        "idf of '" + vocabulary.get(i) + "' must be positive, was " + idf[i]);
            }
            if (index.put(vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("term '" + vocabulary.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /**
     * Fits the vocabulary and idf on a corpus of documents (term to weight).
     *
     * @param maxTerms keep at most this many terms, those in the most documents first (ties alphabetical)
     */
    public static TfIdf fit(Collection<Map<String, Double>> documents, int maxTerms) {
        Map<String, Integer> df = new HashMap<>();
        for (Map<String, Double> doc : documents) {
            for (Map.Entry<String, Double> e : doc.entrySet()) {
                if (e.getValue() > 0) {
                    df.merge(e.getKey(), 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(df.entrySet());
        entries.sort(
                Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        TreeMap<String, Integer> kept = new TreeMap<>();
        for (int i = 0; i < Math.min(maxTerms, entries.size()); i++) {
            kept.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        int n = documents.size();
        List<String> vocabulary = new ArrayList<>(kept.keySet());
        double[] idf = new double[vocabulary.size()];
        int i = 0;
        for (int d : kept.values()) {
            idf[i++] = idf(n, d);
        }
        return new TfIdf(vocabulary, idf);
    }

    /** The smoothed inverse document frequency of a term found in {@code df} of {@code n} documents. */
    public static double idf(int n, int df) {
        return Math.log((1.0 + n) / (1.0 + df)) + 1.0;
    }

    public List<String> vocabulary() {
        return vocabulary;
    }

    public double[] idf() {
        return idf.clone();
    }

    public double idfOf(String term) {
        Integer i = index.get(term);
        return i == null ? 0.0 : idf[i];
    }

    /** The index of a term, or -1 outside the vocabulary. */
    public int indexOf(String term) {
        Integer i = index.get(term);
        return i == null ? -1 : i;
    }

    /** The unit-length TF-IDF vector of a document; empty when no term is in the vocabulary. */
    public SparseVector vectorize(Map<String, Double> document) {
        int[] ids = new int[document.size()];
        double[] vals = new double[document.size()];
        int n = 0;
        for (Map.Entry<String, Double> e : document.entrySet()) {
            Integer i = index.get(e.getKey());
            double tf = e.getValue();
            if (i != null && tf > 0) {
                ids[n] = i;
                vals[n] = tf * idf[i];
                n++;
            }
        }
        if (n == 0) {
            return SparseVector.EMPTY;
        }
        long[] packed = new long[n];
        for (int k = 0; k < n; k++) {
            packed[k] = ((long) ids[k] << 32) | k;
        }
        Arrays.sort(packed);
        int[] sortedIds = new int[n];
        double[] sortedVals = new double[n];
        double norm = 0;
        for (int k = 0; k < n; k++) {
            int from = (int) packed[k];
            sortedIds[k] = (int) (packed[k] >>> 32);
            sortedVals[k] = vals[from];
            norm += vals[from] * vals[from];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < n; k++) {
            sortedVals[k] /= norm;
        }
        return new SparseVector(sortedIds, sortedVals);
    }
}
