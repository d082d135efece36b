package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SkillRequirement;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.CoachTable;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.EventHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a model learns from history beside its weights, from the training requests only: which skills serve which
 * requested skills ({@link #relatedness}), and how each coach's engagement is counted and shrunk
 * ({@link #behaviourWeights}, {@link #snapshot}).
 */
public final class LearnedTables {

    /** Prior strength of the relatedness estimates, in examinations. */
    static final double RELATEDNESS_PRIOR = 10;
    /** Relatedness below this is not kept. */
    static final double RELATEDNESS_FLOOR = 0.05;
    /** Coaches with fewer examinations than this do not inform the spread of rates. */
    static final double MIN_TRIALS_FOR_SPREAD = 5;

    private LearnedTables() {}

    /**
     * Learns how well a coach's skill serves a requested skill it does not list, from the bookings of the training
     * requests' shown pairs, position-debiased. For each requested skill s, over the pairs whose coach neither lists
     * nor names s: the booking rate per examination of those whose coach has skill k ({@code r_sk}), of all of them
     * ({@code b_s}), and over the pairs whose coach has s ({@code e_s}), each shrunk towards the next coarser rate by
     * {@value #RELATEDNESS_PRIOR} examinations; then {@code r(s, k) = clamp((r_sk − b_s)/(e_s − b_s))}: 1 when
     * having k does as well as having s, 0 when no better than lacking it. Relatedness is symmetric, so
     * {@code rel(s, k) = min(r(s, k), r(k, s))}: a skill that is merely listed beside good matches for s lifts s's
     * bookings in one direction only.
     *
     * @param table      the coaches' listed and bio skills (an extractor with the vocabulary alone built it)
     * @param propensity examination probability by position
     */
    public static ModelDefinition.Relatedness relatedness(
            DataSet data, List<Integer> requests, CoachTable table, TextNormalizer normalizer, Propensity propensity) {
        String[] names = table.skillNames();
        int n = names.length;
        int[][] coachSkills = new int[data.coaches().size()][];
        for (int c = 0; c < coachSkills.length; c++) {
            int[] listed = table.listedSkills(c);
            int[] bio = table.bioSkills(c);
            int[] all = new int[listed.length + bio.length];
            System.arraycopy(listed, 0, all, 0, listed.length);
            System.arraycopy(bio, 0, all, listed.length, bio.length);
            coachSkills[c] = all;
        }
        double bookedAll = 0;
        double examinedAll = 0;
        double[] exactO = new double[n];
        double[] exactE = new double[n];
        double[] lackO = new double[n];
        double[] lackE = new double[n];
        Map<Long, double[]> pair = new HashMap<>();
        for (int r : requests) {
            MatchingRequest req = data.requests().get(r);
            Set<Integer> wanted = new LinkedHashSet<>();
            if (req.skillsRequired() != null) {
                for (SkillRequirement s : req.skillsRequired()) {
                    int id = table.skillId(normalizer.skill(s.name()));
                    if (id >= 0) {
                        wanted.add(id);
                    }
                }
            }
            for (DataSet.Pair p : data.pairs().get(r)) {
                if (p.position() <= 0) {
                    continue;
                }
                double e = propensity.byPosition()[Math.min(p.position(), propensity.byPosition().length - 1)];
                double y = p.grade() >= 2 ? 1 : 0;
                bookedAll += y;
                examinedAll += e;
                int[] has = coachSkills[p.coach()];
                for (int s : wanted) {
                    if (contains(has, s)) {
                        exactO[s] += y;
                        exactE[s] += e;
                        continue;
                    }
                    lackO[s] += y;
                    lackE[s] += e;
                    for (int k : has) {
                        double[] v = pair.computeIfAbsent(((long) s << 32) | k, key -> new double[2]);
                        v[0] += y;
                        v[1] += e;
                    }
                }
            }
        }
        double base = examinedAll > 0 ? bookedAll / examinedAll : 0;
        double a = RELATEDNESS_PRIOR;
        Map<Long, Double> oneWay = new HashMap<>();
        pair.forEach((key, counts) -> {
            int s = (int) (key >>> 32);
            double lacking = (lackO[s] + a * base) / (lackE[s] + a);
            double exact = (exactO[s] + a * base) / (exactE[s] + a);
            if (exact > lacking) {
                double rate = (counts[0] + a * lacking) / (counts[1] + a);
                oneWay.put(key, Math.max(0, Math.min(1, (rate - lacking) / (exact - lacking))));
            }
        });
        // relatedness is symmetric: a pair is as related as its weaker direction says, which keeps out the skills
        // that merely appear beside good matches in one direction
        List<Integer> from = new ArrayList<>();
        List<Integer> to = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        oneWay.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            int s = (int) (e.getKey() >>> 32);
            int k = (int) (e.getKey() & 0xffffffffL);
            double rel = Math.min(e.getValue(), oneWay.getOrDefault(((long) k << 32) | s, 0.0));
            if (rel >= RELATEDNESS_FLOOR) {
                from.add(s);
                to.add(k);
                value.add(rel);
            }
        });
        // the vocabulary is every skill name the table knows (listed by a coach, or named in the base vocabulary)
        List<String> skills = new ArrayList<>(new TreeSet<>(Arrays.asList(names)));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < skills.size(); i++) {
            position.put(skills.get(i), i);
        }
        int[] f = new int[from.size()];
        int[] t = new int[from.size()];
        double[] v = new double[from.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = position.get(names[from.get(i)]);
            t[i] = position.get(names[to.get(i)]);
            v[i] = value.get(i);
        }
        return new ModelDefinition.Relatedness(List.copyOf(skills), f, t, v);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * How engagement is counted and shrunk: the propensities, and for each rate (click, contact, booking per
     * examination, good rating per rating) the population's rate and an empirical-Bayes prior strength, by the
     * method of moments over the coaches' counts as of {@code asOf} (the end of the training requests): the spread
     * of the coaches' rates beyond what sampling explains gives the prior's variance, and
     * {@code strength = p(1 − p)/variance − 1}, kept within 1..10,000.
     */
    public static CoachBehaviour behaviourWeights(DataSet data, Propensity propensity, Instant asOf) {
        double[] prop = propensity.byPosition().clone();
        prop[0] = 1.0;
        if (prop.length < 2) {
            prop = new double[] {1.0, 1.0};
        }
        CoachBehaviour unshrunk = new CoachBehaviour(prop, new double[4], new double[] {1, 1, 1, 1}, 1);
        EventHistory.Counts counts = data.history().counts(unshrunk);
        int coaches = data.coaches().size();
        double[][] events = new double[4][coaches];
        double[][] trials = new double[4][coaches];
        double[] e = new double[CoachBehaviour.COUNTS];
        for (int c = 0; c < coaches; c++) {
            counts.at(c, asOf, e);
            events[0][c] = e[CoachBehaviour.CLICKS];
            events[1][c] = e[CoachBehaviour.CONTACTS];
            events[2][c] = e[CoachBehaviour.BOOKINGS];
            events[3][c] = e[CoachBehaviour.GOOD_RATINGS];
            for (int k = 0; k < 3; k++) {
                trials[k][c] = e[CoachBehaviour.EXAMINED];
            }
            trials[3][c] = e[CoachBehaviour.RATINGS];
        }
        double[] prior = new double[4];
        double[] strength = new double[4];
        for (int k = 0; k < 4; k++) {
            double sumE = 0;
            double sumT = 0;
            for (int c = 0; c < coaches; c++) {
                sumE += events[k][c];
                sumT += trials[k][c];
            }
            double p = sumT > 0 ? Math.min(1, sumE / sumT) : 0;
            double spread = 0;
            double sampling = 0;
            int m = 0;
            for (int c = 0; c < coaches; c++) {
                double t = trials[k][c];
                if (t < MIN_TRIALS_FOR_SPREAD) {
                    continue;
                }
                double rate = events[k][c] / t;
                spread += (rate - p) * (rate - p);
                sampling += p * (1 - p) / t;
                m++;
            }
            double between = m == 0 ? 0 : (spread - sampling) / m;
            double s = between > 1e-9 ? p * (1 - p) / between - 1 : 10_000;
            prior[k] = p;
            strength[k] = Math.max(1, Math.min(10_000, s));
        }
        return new CoachBehaviour(prop, prior, strength, CoachBehaviour.DEFAULT_MAX_COACHES);
    }

    /** Every coach's counts over all of the data's events, as the artifact ships them. */
    public static ModelDefinition.Behaviour snapshot(DataSet data, CoachBehaviour weights) {
        EventHistory.Counts counts = data.history().counts(weights);
        List<String> ids = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        double[] e = new double[CoachBehaviour.COUNTS];
        for (int c = 0; c < data.coaches().size(); c++) {
            counts.last(c, e);
            if (e[CoachBehaviour.IMPRESSIONS] == 0 && e[CoachBehaviour.CLICKS] == 0) {
                continue;
            }
            ids.add(data.coaches().get(c).id());
            rows.add(e.clone());
        }
        int n = ids.size();
        double[][] cols = new double[CoachBehaviour.COUNTS][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < CoachBehaviour.COUNTS; k++) {
                cols[k][i] = rows.get(i)[k];
            }
        }
        return new ModelDefinition.Behaviour(
                data.history().lastTime(),
                weights.propensities(),
                weights.priors(),
                weights.strengths(),
                List.copyOf(ids),
                cols[CoachBehaviour.EXAMINED],
                cols[CoachBehaviour.IMPRESSIONS],
                cols[CoachBehaviour.CLICKS],
                cols[CoachBehaviour.CONTACTS],
                cols[CoachBehaviour.BOOKINGS],
                cols[CoachBehaviour.GOOD_RATINGS],
                cols[CoachBehaviour.RATINGS]);
    }
}
