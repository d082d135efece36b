package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded min-heap of the best coaches seen so far, in primitive arrays, with the worst kept at
 * the root so that a better coach replaces it in O(log k). "Better" is the ranking order: higher
 * score, then more reviews, then the smaller coach id (given as its rank in id order).
 */
final class TopHeap {

    private final int capacityLimit;
    private final int[] coach;
    private final double[] score;
    private final int[] reviews;
    private final int[] idRank;
    private final RuleComponents[] rules;
    private final Double[] model;
    private int capacity;
    private int n;

    TopHeap(int capacityLimit) {
        this.capacityLimit = capacityLimit;
        coach = new int[capacityLimit];
        score = new double[capacityLimit];
        reviews = new int[capacityLimit];
        idRank = new int[capacityLimit];
        rules = new RuleComponents[capacityLimit];
        model = new Double[capacityLimit];
    }

    int capacity() {
        return capacityLimit;
    }

    void reset(int k) {
        capacity = Math.min(k, capacityLimit);
        n = 0;
    }

    boolean full() {
        return n >= capacity;
    }

    /** The score of the worst coach kept; meaningful when {@link #full()}. */
    double worstScore() {
        return score[0];
    }

    /** Whether a coach whose score is at most {@code upperBound} could still displace the worst kept one. */
    boolean couldEnter(double upperBound) {
        return upperBound >= score[0];
    }

    /** Whether {@link #offer} would keep a coach with this score, review count and id rank. */
    boolean accepts(double s, int r, int id) {
        return capacity > 0 && (n < capacity || better(s, r, id, 0));
    }

    void offer(int c, double s, int r, int id, RuleComponents rc, Double m) {
        if (capacity == 0) {
            return;
        }
        if (n < capacity) {
            set(n, c, s, r, id, rc, m);
            siftUp(n++);
        } else if (better(s, r, id, 0)) {
            set(0, c, s, r, id, rc, m);
            siftDown(0);
        }
    }

    /**
     * Empties the heap into a list in ranking order, best first.
     *
     * @param scorer the request's model scorer, asked for the feature vector of each kept coach; null for none
     */
    List<ScoredCoach> drainSorted(CoachProfile[] profiles, ModelScorer.RequestScorer scorer) {
        ScoredCoach[] out = new ScoredCoach[n];
        while (n > 0) {
            int last = --n;
            double[] x = scorer == null || model[0] == null ? null : scorer.features(coach[0], rules[0]);
            out[last] = new ScoredCoach(profiles[coach[0]], rules[0], model[0], score[0], x);
            swap(0, last);
            siftDown(0);
        }
        List<ScoredCoach> list = new ArrayList<>(out.length);
        for (ScoredCoach sc : out) {
            list.add(sc);
        }
        return list;
    }

    private boolean better(double s, int r, int id, int slot) {
        if (s != score[slot]) {
            return s > score[slot];
        }
        if (r != reviews[slot]) {
            return r > reviews[slot];
        }
        return id < idRank[slot];
    }

    private boolean worse(int a, int b) {
        return better(score[b], reviews[b], idRank[b], a);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (worse(i, parent)) {
                swap(i, parent);
                i = parent;
            } else {
                return;
            }
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < n && worse(r, l)) {
                worst = r;
            }
            if (worse(worst, i)) {
                swap(worst, i);
                i = worst;
            } else {
                return;
            }
        }
    }

    private void set(int i, int c, double s, int r, int id, RuleComponents rc, Double m) {
        coach[i] = c;
        score[i] = s;
        reviews[i] = r;
        idRank[i] = id;
        rules[i] = rc;
        model[i] = m;
    }

    private void swap(int a, int b) {
        int c = coach[a];
        coach[a] = coach[b];
        coach[b] = c;
        double s = score[a];
        score[a] = score[b];
        score[b] = s;
        int r = reviews[a];
        reviews[a] = reviews[b];
        reviews[b] = r;
        int id = idRank[a];
        idRank[a] = idRank[b];
        idRank[b] = id;
        RuleComponents rc = rules[a];
        rules[a] = rules[b];
        rules[b] = rc;
        Double m = model[a];
        model[a] = model[b];
        model[b] = m;
    }
}
