package io.coachmatch.core.features;

import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.matching.Scores;
import io.coachmatch.core.time.WeekMask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The model's view of a (request, coach) pair: a fixed, named list of numbers, computed by the one
 * class that training and serving share so they cannot drift apart. {@link #FEATURES} is the order;
 * an artifact records the names it was trained on and is refused if they differ.
 *
 * <p>Work is split by what it depends on: {@link #table} once per catalog (every coach's TF-IDF
 * vector, normalised skills, languages and request-independent features, packed into flat arrays so
 * that scoring a pair touches little memory), {@link #request} once per request and table (its
 * TF-IDF vector, its skills and languages resolved to the table's ids, the requested hours), and
 * {@link #extract} per pair, which allocates nothing. Every feature is finite and, except {@code price_ratio*} (up to 2), in [0, 1].
 *
 * <table>
 * <caption>Features</caption>
 * <tr><td>rule_skill .. rule_price, rule_total</td><td>the five rule components and their weighted sum</td></tr>
 * <tr><td>tfidf_cosine</td><td>cosine of the request's and the coach's TF-IDF vectors ({@link Documents})</td></tr>
 * <tr><td>skill_coverage</td><td>weighted share of required skills the coach lists (names normalised, synonyms applied)</td></tr>
 * <tr><td>mandatory_coverage</td><td>share of mandatory skills listed; 1 when none is mandatory</td></tr>
 * <tr><td>level_shortfall</td><td>weighted mean of max(0, required − coach level)/3; a missing skill counts 1</td></tr>
 * <tr><td>level_surplus</td><td>weighted mean of max(0, coach level − required)/3 over listed skills</td></tr>
 * <tr><td>skill_years, skill_certifications</td><td>weighted means of min(1, years/10) and min(1, certifications/2)</td></tr>
 * <tr><td>experience_log</td><td>min(1, ln(1 + years)/ln 41)</td></tr>
 * <tr><td>review_count_log</td><td>min(1, ln(1 + reviews)/ln 1001)</td></tr>
 * <tr><td>shrunk_rating</td><td>the rating shrunk toward the prior, mapped to [0, 1] ({@link Scores#ratingQuality})</td></tr>
 * <tr><td>sessions_log</td><td>{@link Scores#sessionsFactor}</td></tr>
 * <tr><td>success_rate, repeat_client_rate</td><td>as given (0.5 and 0 when unknown)</td></tr>
 * <tr><td>response_speed</td><td>1/(1 + hours/24); 0.5 when unknown</td></tr>
 * <tr><td>price_ratio</td><td>rate/budget, or rate/300 USD without a budget, capped at 2</td></tr>
 * <tr><td>price_ratio_low, price_ratio_high</td><td>price_ratio when the priority is low (high), else 0</td></tr>
 * <tr><td>has_budget</td><td>1 when the request names a budget</td></tr>
 * <tr><td>availability_coverage</td><td>share of the requested hours the coach covers</td></tr>
 * <tr><td>overlap_hours_log</td><td>ln(1 + covered hours per week)/ln 169</td></tr>
 * <tr><td>language_fit</td><td>share of the requested languages the coach speaks; 1 when none requested</td></tr>
 * <tr><td>language_breadth</td><td>min(1, languages/4)</td></tr>
 * <tr><td>session_type_fit</td><td>1 when the coach offers the requested session type</td></tr>
 * <tr><td>session_type_breadth</td><td>session types offered / 4</td></tr>
 * <tr><td>capacity_headroom</td><td>(max participants − participants)/max participants, in [0, 1]</td></tr>
 * <tr><td>skill_breadth</td><td>min(1, skills listed/12)</td></tr>
 * <tr><td>flexibility</td><td>the request's flexibility</td></tr>
 * </table>
 */
public final class FeatureExtractor {

    /** The feature names, in vector order. */
    public static final List<String> FEATURES = List.of(
            "rule_skill", "rule_experience", "rule_rating", "rule_availability", "rule_price", "rule_total",
            "tfidf_cosine", "skill_coverage", "mandatory_coverage", "level_shortfall", "level_surplus",
            "skill_years", "skill_certifications", "experience_log", "review_count_log", "shrunk_rating",
            "sessions_log", "success_rate", "response_speed", "repeat_client_rate", "price_ratio",
            "price_ratio_low", "price_ratio_high", "has_budget", "availability_coverage", "overlap_hours_log",
            "language_fit", "language_breadth", "session_type_fit", "session_type_breadth", "capacity_headroom",
            "skill_breadth", "flexibility");

    public static final int SIZE = FEATURES.size();

    /** The request-independent features, in the order a table stores them per coach. */
    private static final int[] STATIC = {13, 14, 15, 16, 17, 18, 19, 27, 29, 31};
    private static final int S = STATIC.length;
    private static final double LN41 = Math.log(41);
    private static final double LN1001 = Math.log(1001);
    private static final double LN169 = Math.log(169);
    private static final double NO_BUDGET_REFERENCE_USD = 300;

    private final Documents documents;
    private final TfIdf tfidf;

    public FeatureExtractor(Documents documents, TfIdf tfidf) {
        this.documents = documents;
        this.tfidf = tfidf;
    }

    public Documents documents() {
        return documents;
    }

    public TfIdf tfidf() {
        return tfidf;
    }

    /**
     * What the features need of every coach of one catalog, as flat arrays indexed like the catalog.
     * Immutable once built; thread-safe.
     */
    public static final class CoachTable {

        private static final int PARALLEL_FROM = 256;
        final int size;
        final double[] statics;
        final double[] rateUsd;
        /** The coach's inputs to the rule components that follow from the coach alone ({@link CoachFacts}). */
        final double[] experienceYears;
        final double[] ratingQuality;
        final double[] ratingScore;
        final int[] maxParticipants;
        final int[] sessionMask;
        final int[] vecStart;
        final int[] vecIdx;
        final double[] vecVal;
        /** The same vectors transposed: for each term, the coaches that have it and their values. */
        final int[] termStart;
        final int[] termCoach;
        final double[] termVal;
        final int[] skillStart;
        final int[] skillId;
        final byte[] skillLevel;
        final double[] skillYears;
        final int[] skillCerts;
        final int[] langStart;
        final int[] langId;
        /** Each coach's languages as bits, for tables with at most 64 distinct languages (else null). */
        final long[] langMask;
        final Map<String, Integer> skillIds;
        final Map<String, Integer> languageIds;

        private CoachTable(List<CoachFacts> facts, FeatureExtractor fx) {
            size = facts.size();
            SparseVector[] vectors = new SparseVector[size];
            double[][] st = new double[size][];
            IntStream range = IntStream.range(0, size);
            // small tables (the reference path, an answer's few coaches) are not worth the common pool's hand-off
            (size >= PARALLEL_FROM ? range.parallel() : range).forEach(c -> {
                vectors[c] = fx.tfidf.vectorize(fx.documents.coach(facts.get(c).profile()));
                st[c] = staticFeatures(facts.get(c));
            });
            statics = new double[size * S];
            rateUsd = new double[size];
            experienceYears = new double[size];
            ratingQuality = new double[size];
            ratingScore = new double[size];
            maxParticipants = new int[size];
            sessionMask = new int[size];
            vecStart = new int[size + 1];
            skillStart = new int[size + 1];
            langStart = new int[size + 1];
            skillIds = new HashMap<>();
            languageIds = new HashMap<>();
            int nv = 0;
            for (SparseVector v : vectors) {
                nv += v.size();
            }
            vecIdx = new int[nv];
            vecVal = new double[nv];
            List<Integer> sId = new ArrayList<>();
            List<CoachFacts.SkillFact> sFact = new ArrayList<>();
            List<Integer> lId = new ArrayList<>();
            TextNormalizer normalizer = fx.documents.normalizer();
            int v = 0;
            for (int c = 0; c < size; c++) {
                CoachFacts f = facts.get(c);
                System.arraycopy(st[c], 0, statics, c * S, S);
                rateUsd[c] = f.rateUsd();
                experienceYears[c] = f.experienceYears();
                ratingQuality[c] = f.ratingQuality();
                ratingScore[c] = f.ratingScore();
                maxParticipants[c] = f.maxParticipants();
                int mask = 0;
                for (var t : f.profile().effectiveSessionTypes()) {
                    if (t != null) {
                        mask |= 1 << t.ordinal();
                    }
                }
                sessionMask[c] = mask;
                SparseVector vec = vectors[c];
                vecStart[c] = v;
                for (int i = 0; i < vec.size(); i++) {
                    vecIdx[v] = vec.index(i);
                    vecVal[v] = vec.value(i);
                    v++;
                }
                Map<String, CoachFacts.SkillFact> skills = new java.util.TreeMap<>();
                for (CoachFacts.SkillFact sf : f.skills().values()) {
                    skills.merge(normalizer.skill(sf.name()), sf, (a, b) -> a.level() >= b.level() ? a : b);
                }
                skillStart[c] = sId.size();
                for (Map.Entry<String, CoachFacts.SkillFact> e : skills.entrySet()) {
                    sId.add(skillIds.computeIfAbsent(e.getKey(), k -> skillIds.size()));
                    sFact.add(e.getValue());
                }
                langStart[c] = lId.size();
                for (String l : f.languages()) {
                    lId.add(languageIds.computeIfAbsent(l, k -> languageIds.size()));
                }
            }
            vecStart[size] = v;
            skillStart[size] = sId.size();
            langStart[size] = lId.size();
            skillId = new int[sId.size()];
            skillLevel = new byte[sId.size()];
            skillYears = new double[sId.size()];
            skillCerts = new int[sId.size()];
            for (int i = 0; i < skillId.length; i++) {
                skillId[i] = sId.get(i);
                skillLevel[i] = (byte) sFact.get(i).level();
                skillYears[i] = sFact.get(i).years();
                skillCerts[i] = sFact.get(i).certifications();
            }
            langId = new int[lId.size()];
            for (int i = 0; i < langId.length; i++) {
                langId[i] = lId.get(i);
            }
            if (languageIds.size() <= 64) {
                langMask = new long[size];
                for (int c = 0; c < size; c++) {
                    for (int k = langStart[c]; k < langStart[c + 1]; k++) {
                        langMask[c] |= 1L << langId[k];
                    }
                }
            } else {
                langMask = null;
            }
            int vocabulary = fx.tfidf.vocabulary().size();
            termStart = new int[vocabulary + 1];
            for (int i = 0; i < nv; i++) {
                termStart[vecIdx[i] + 1]++;
            }
            for (int t = 0; t < vocabulary; t++) {
                termStart[t + 1] += termStart[t];
            }
            termCoach = new int[nv];
            termVal = new double[nv];
            int[] fill = java.util.Arrays.copyOf(termStart, vocabulary);
            for (int c = 0; c < size; c++) {
                for (int i = vecStart[c]; i < vecStart[c + 1]; i++) {
                    int at = fill[vecIdx[i]]++;
                    termCoach[at] = c;
                    termVal[at] = vecVal[i];
                }
            }
        }

        /**
         * The cosine of a request vector with every coach, in one pass over the postings of the
         * request's terms (in increasing term order, so each sum adds the same products in the same
         * order as a pairwise dot product would).
         */
        double[] cosines(SparseVector r) {
            double[] out = new double[size];
            for (int j = 0; j < r.size(); j++) {
                int t = r.index(j);
                if (t >= termStart.length - 1) {
                    continue;
                }
                double w = r.value(j);
                for (int i = termStart[t], end = termStart[t + 1]; i < end; i++) {
                    out[termCoach[i]] += w * termVal[i];
                }
            }
            return out;
        }

        public int size() {
            return size;
        }

        /** The coach's unit TF-IDF vector as (term index, value) pairs. */
        public SparseVector vector(int c) {
            int from = vecStart[c];
            int to = vecStart[c + 1];
            return new SparseVector(java.util.Arrays.copyOfRange(vecIdx, from, to),
                    java.util.Arrays.copyOfRange(vecVal, from, to));
        }

    }

    private static double[] staticFeatures(CoachFacts c) {
        CoachMetrics m = c.profile().effectiveMetrics();
        double[] s = new double[S];
        s[0] = Math.min(1.0, Math.log1p(Math.max(0, c.experienceYears())) / LN41);
        s[1] = Math.min(1.0, Math.log1p(c.ratingCount()) / LN1001);
        s[2] = c.ratingQuality();
        s[3] = Scores.sessionsFactor(m.sessionsCompleted() == null ? 0 : m.sessionsCompleted());
        s[4] = m.successRate() == null || m.successRate().isNaN() ? 0.5 : Scores.clamp(m.successRate());
        double hours = m.responseTimeHours() == null || !(m.responseTimeHours() >= 0) ? 24.0 : m.responseTimeHours();
        s[5] = Double.isInfinite(hours) ? 0.0 : 1.0 / (1.0 + hours / 24.0);
        s[6] = m.repeatClientRate() == null ? 0.0 : Scores.clamp(m.repeatClientRate());
        s[7] = Math.min(1.0, c.languages().size() / 4.0);
        s[8] = Math.min(1.0, c.profile().effectiveSessionTypes().stream().distinct().count() / 4.0);
        s[9] = Math.min(1.0, c.skills().size() / 12.0);
        return s;
    }

    /** What the features need of one request against one table, computed once. */
    public static final class RequestSide {
        final MatchQuery query;
        final SparseVector vector;
        final double[] cosines;
        final int[] skills;
        final int[] levels;
        final double[] weights;
        final boolean[] mandatory;
        final double totalWeight;
        final int mandatoryCount;
        final int requestedCells;
        /** ln(1 + hours)/ln 169 for every whole number of covered quarter hours. */
        final double[] overlapLog;
        final double budgetUsd;
        final boolean hasBudget;
        final int highestLevel;
        final Priority priority;
        final int[] languages;
        /** The requested languages as bits of the table's mask, or -1 when the loop must be used. */
        final long languageBits;
        final int sessionBit;
        final int participants;
        final double flexibility;

        RequestSide(MatchQuery q, SparseVector vector, int vocabulary, TextNormalizer normalizer, CoachTable table) {
            this.query = q;
            this.vector = vector;
            this.cosines = table.cosines(vector);
            int n = q.skillCount();
            skills = new int[n];
            levels = new int[n];
            weights = new double[n];
            mandatory = new boolean[n];
            double total = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                skills[i] = table.skillIds.getOrDefault(normalizer.skill(q.skillName(i)), -1);
                levels[i] = q.skillLevel(i);
                weights[i] = q.skillWeight(i);
                mandatory[i] = q.isMandatory(i);
                total += weights[i];
                m += mandatory[i] ? 1 : 0;
            }
            totalWeight = total;
            mandatoryCount = m;
            requestedCells = WeekMask.count(q.requestedMaskUtc());
            overlapLog = new double[requestedCells + 1];
            for (int k = 0; k <= requestedCells; k++) {
                overlapLog[k] = Math.min(1.0, Math.log1p(k * (WeekMask.CELL_MINUTES / 60.0)) / LN169);
            }
            budgetUsd = q.budgetUsd();
            hasBudget = !Double.isInfinite(budgetUsd);
            highestLevel = q.highestLevel();
            priority = q.request().effectivePriority();
            List<String> langs = q.languageList();
            languages = new int[langs.size()];
            long bits = 0;
            boolean maskable = table.langMask != null;
            for (int i = 0; i < languages.length; i++) {
                languages[i] = table.languageIds.getOrDefault(langs.get(i), -1);
                if (languages[i] >= 0) {
                    bits |= 1L << languages[i];
                }
            }
            languageBits = maskable ? bits : -1L;
            sessionBit = 1 << q.sessionType().ordinal();
            participants = q.participants();
            flexibility = Scores.clamp(q.flexibility());
        }

        public SparseVector vector() {
            return vector;
        }

        public MatchQuery query() {
            return query;
        }
    }

    /** Builds the table of a catalog's coaches (in parallel), indexed as the list is. */
    public CoachTable table(List<CoachFacts> facts) {
        return new CoachTable(facts, this);
    }

    public RequestSide request(MatchQuery q, CoachTable table) {
        return new RequestSide(q, tfidf.vectorize(documents.request(q.request())), tfidf.vocabulary().size(),
                documents.normalizer(), table);
    }

    /**
     * Writes the features of one pair into {@code out} (length at least {@link #SIZE}).
     *
     * @param c     the coach's index in the table
     * @param rules the pair's rule components, as the matcher computed them
     */
    public void extract(RequestSide r, CoachTable t, int c, RuleComponents rules, double[] out) {
        out[0] = rules.skill();
        out[1] = rules.experience();
        out[2] = rules.rating();
        out[3] = rules.availability();
        out[4] = rules.price();
        out[5] = rules.total();
        out[6] = Scores.clamp(r.cosines[c]);

        double covered = 0;
        double shortfall = 0;
        double surplus = 0;
        double years = 0;
        double certs = 0;
        int mandatoryHit = 0;
        int n = r.skills.length;
        int from = t.skillStart[c];
        int to = t.skillStart[c + 1];
        for (int i = 0; i < n; i++) {
            double w = r.weights[i];
            int id = r.skills[i];
            int k = from;
            while (k < to && t.skillId[k] != id) {
                k++;
            }
            if (id < 0 || k == to) {
                shortfall += w;
                continue;
            }
            covered += w;
            int gap = r.levels[i] - t.skillLevel[k];
            if (gap > 0) {
                shortfall += w * gap / 3.0;
            } else {
                surplus += w * -gap / 3.0;
            }
            years += w * Math.min(1.0, Math.max(0, t.skillYears[k]) / 10.0);
            certs += w * Math.min(1.0, t.skillCerts[k] / 2.0);
            if (r.mandatory[i]) {
                mandatoryHit++;
            }
        }
        double total = r.totalWeight > 0 ? r.totalWeight : 1.0;
        out[7] = n == 0 ? 0.0 : covered / total;
        out[8] = r.mandatoryCount == 0 ? 1.0 : mandatoryHit / (double) r.mandatoryCount;
        out[9] = n == 0 ? 0.0 : shortfall / total;
        out[10] = covered > 0 ? surplus / covered : 0.0;
        out[11] = n == 0 ? 0.0 : years / total;
        out[12] = n == 0 ? 0.0 : certs / total;

        copyStatics(t, c, out);

        double ratio = priceRatio(r, t, c);
        out[20] = ratio;
        out[21] = r.priority == Priority.LOW ? ratio : 0.0;
        out[22] = r.priority == Priority.HIGH ? ratio : 0.0;
        out[23] = r.hasBudget ? 1.0 : 0.0;

        double coverage = Scores.clamp(rules.coverage());
        out[24] = coverage;
        out[25] = r.overlapLog[(int) Math.round(coverage * r.requestedCells)];

        out[26] = languageFit(r, t, c);
        out[28] = sessionTypeFit(r, t, c);
        out[30] = capacityHeadroom(r, t, c);
        out[32] = r.flexibility;
    }

    private static double priceRatio(RequestSide r, CoachTable t, int c) {
        double rate = t.rateUsd[c];
        double ratio = r.hasBudget
                ? (r.budgetUsd <= 0 ? 2.0 : rate / r.budgetUsd)
                : rate / NO_BUDGET_REFERENCE_USD;
        return Math.min(2.0, Math.max(0.0, Double.isNaN(ratio) ? 2.0 : ratio));
    }

    static double languageFit(RequestSide r, CoachTable t, int c) {
        if (r.languages.length == 0) {
            return 1.0;
        }
        if (t.langMask != null) {
            return Long.bitCount(t.langMask[c] & r.languageBits) / (double) r.languages.length;
        }
        int spoken = 0;
        int lf = t.langStart[c];
        int lt = t.langStart[c + 1];
        for (int l : r.languages) {
            for (int k = lf; k < lt; k++) {
                if (t.langId[k] == l) {
                    spoken++;
                    break;
                }
            }
        }
        return spoken / (double) r.languages.length;
    }

    private static double sessionTypeFit(RequestSide r, CoachTable t, int c) {
        return (t.sessionMask[c] & r.sessionBit) != 0 ? 1.0 : 0.0;
    }

    private static double capacityHeadroom(RequestSide r, CoachTable t, int c) {
        int max = t.maxParticipants[c];
        return max <= 0 ? 0.0 : Scores.clamp((max - r.participants) / (double) max);
    }

    /**
     * The features whose value follows from the coach alone: {@code rule_rating} (the rule's rating
     * component depends on the coach only) and the request-independent profile features.
     */
    public static final int[] COACH_ONLY = {2, 13, 14, 15, 16, 17, 18, 19, 27, 29, 31};

    /**
     * The features that depend on the request and that {@link #coachExact} computes exactly, in O(1),
     * for one coach: {@code rule_experience} and {@code rule_price} (fixed by the coach and the request,
     * as {@link RuleScorer} computes them), the TF-IDF cosine (computed for every coach once per
     * request), the price ratios, language and session-type fit and capacity headroom.
     */
    public static final int[] COACH_EXACT = {1, 4, 6, 20, 21, 22, 26, 28, 30};

    /** Copies the coach's precomputed request-independent features into their places in {@code out}. */
    private static void copyStatics(CoachTable t, int c, double[] out) {
        int base = c * S;
        out[13] = t.statics[base];
        out[14] = t.statics[base + 1];
        out[15] = t.statics[base + 2];
        out[16] = t.statics[base + 3];
        out[17] = t.statics[base + 4];
        out[18] = t.statics[base + 5];
        out[19] = t.statics[base + 6];
        out[27] = t.statics[base + 7];
        out[29] = t.statics[base + 8];
        out[31] = t.statics[base + 9];
    }

    /** Writes the {@link #COACH_ONLY} features of coach {@code c} into {@code out} at their indices. */
    public static void coachOnly(CoachTable t, int c, double[] out) {
        out[2] = t.ratingScore[c];
        copyStatics(t, c, out);
    }

    /**
     * Writes the {@link #COACH_EXACT} features of coach {@code c} for request {@code r} into
     * {@code out} at their indices: the values {@link #extract} writes for the pair, given the rule
     * components the matcher computes for it.
     */
    public static void coachExact(RequestSide r, CoachTable t, int c, double[] out) {
        out[1] = Scores.experience(t.experienceYears[c], r.highestLevel);
        out[4] = Scores.price(t.rateUsd[c], r.budgetUsd, t.ratingQuality[c]);
        out[6] = Scores.clamp(r.cosines[c]);
        double ratio = priceRatio(r, t, c);
        out[20] = ratio;
        out[21] = r.priority == Priority.LOW ? ratio : 0.0;
        out[22] = r.priority == Priority.HIGH ? ratio : 0.0;
        out[26] = languageFit(r, t, c);
        out[28] = sessionTypeFit(r, t, c);
        out[30] = capacityHeadroom(r, t, c);
    }

    /**
     * Writes, for every feature, a range {@code [lo, hi]} its value lies in for any coach of the table
     * against request {@code r}: exact where the request alone fixes it ({@code has_budget},
     * {@code flexibility}, the skill features of a request without skills, ...), the feature's range
     * otherwise (the rule components, whose skill, availability and total only the matcher knows,
     * and the availability and skill features, which cost a pass over the coach's hours or skills).
     * Together with {@link #coachOnly} and {@link #coachExact}, which narrow ranges to points, this
     * bounds the features of a pair without computing them; the invariant, tested, is that
     * {@link #extract} never leaves these ranges.
     */
    public static void requestRanges(RequestSide r, double[] lo, double[] hi) {
        requestRangesOf(r, lo, hi);
    }

    /** The features that follow from the rule components only the matcher knows: skill, availability, total, coverage. */
    public static final int[] RULE_DEPENDENT = {0, 3, 5, 24, 25};

    /**
     * Narrows the {@link #RULE_DEPENDENT} ranges of {@link #requestRanges} to what the matcher knows
     * of a pair: the rule skill component exactly, a value the rule total is not above, and the
     * coverage to within 1e-12 (NaN when unknown).
     */
    public static void narrowToRules(RequestSide r, double skill, double totalAtMost, double coverage, double[] lo,
            double[] hi) {
        lo[0] = skill;
        hi[0] = skill;
        hi[5] = Math.max(lo[5], Math.min(hi[5], totalAtMost));
        if (!Double.isNaN(coverage)) {
            double cl = Scores.clamp(coverage - 1e-12);
            double ch = Scores.clamp(coverage + 1e-12);
            lo[24] = cl;
            hi[24] = ch;
            lo[3] = Scores.availability(cl, r.flexibility) - 1e-12;
            hi[3] = Scores.availability(ch, r.flexibility) + 1e-12;
            lo[25] = r.overlapLog[(int) Math.round(cl * r.requestedCells)];
            hi[25] = r.overlapLog[(int) Math.round(ch * r.requestedCells)];
        }
    }

    private static void requestRangesOf(RequestSide r, double[] lo, double[] hi) {
        java.util.Arrays.fill(lo, 0, SIZE, 0.0);
        java.util.Arrays.fill(hi, 0, SIZE, 1.0);
        lo[3] = Scores.availability(0.0, r.flexibility);
        boolean noSkills = r.skills.length == 0;
        if (noSkills) {
            hi[7] = 0.0;
            hi[9] = 0.0;
            hi[10] = 0.0;
            hi[11] = 0.0;
            hi[12] = 0.0;
        }
        if (r.mandatoryCount == 0) {
            lo[8] = 1.0;
        }
        hi[20] = 2.0;
        hi[21] = r.priority == Priority.LOW ? 2.0 : 0.0;
        hi[22] = r.priority == Priority.HIGH ? 2.0 : 0.0;
        lo[23] = r.hasBudget ? 1.0 : 0.0;
        hi[23] = lo[23];
        if (r.requestedCells == 0) {
            hi[24] = 0.0;
        }
        hi[25] = r.overlapLog[r.requestedCells];
        if (r.languages.length == 0) {
            lo[26] = 1.0;
        }
        lo[32] = r.flexibility;
        hi[32] = r.flexibility;
    }

    /** The features of one pair from scratch: the reference path, for tests and offline tools. */
    public double[] extract(MatchQuery q, CoachFacts c, ScoreWeights weights) {
        return extractAll(q, List.of(c), weights).get(0);
    }

    /**
     * The features of one request against a few coaches from scratch (one table for them all, the request
     * vectorised once), in the order given: the reference path for a short list, such as the coaches an answer
     * shows.
     */
    public List<double[]> extractAll(MatchQuery q, List<CoachFacts> coaches, ScoreWeights weights) {
        CoachTable table = table(coaches);
        RequestSide r = request(q, table);
        List<double[]> out = new ArrayList<>(coaches.size());
        for (int c = 0; c < coaches.size(); c++) {
            double[] x = new double[SIZE];
            extract(r, table, c, RuleScorer.score(q, coaches.get(c), weights), x);
            out.add(x);
        }
        return out;
    }
}
