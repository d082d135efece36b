package io.coachmatch.core.features;

import static io.coachmatch.core.features.Feature.AVAILABILITY_COVERAGE;
import static io.coachmatch.core.features.Feature.BIO_SKILL_COVERAGE;
import static io.coachmatch.core.features.Feature.CAPACITY_HEADROOM;
import static io.coachmatch.core.features.Feature.CLICK_RATE;
import static io.coachmatch.core.features.Feature.EXPERIENCE_LOG;
import static io.coachmatch.core.features.Feature.FLEXIBILITY;
import static io.coachmatch.core.features.Feature.HAS_BUDGET;
import static io.coachmatch.core.features.Feature.LANGUAGE_BREADTH;
import static io.coachmatch.core.features.Feature.LANGUAGE_FIT;
import static io.coachmatch.core.features.Feature.LEVEL_SHORTFALL;
import static io.coachmatch.core.features.Feature.LEVEL_SURPLUS;
import static io.coachmatch.core.features.Feature.MANDATORY_COVERAGE;
import static io.coachmatch.core.features.Feature.OVERLAP_HOURS_LOG;
import static io.coachmatch.core.features.Feature.PRICE_RATIO;
import static io.coachmatch.core.features.Feature.PRICE_RATIO_HIGH;
import static io.coachmatch.core.features.Feature.PRICE_RATIO_LOW;
import static io.coachmatch.core.features.Feature.RELATED_SKILL_MATCH;
import static io.coachmatch.core.features.Feature.REPEAT_CLIENT_RATE;
import static io.coachmatch.core.features.Feature.RESPONSE_SPEED;
import static io.coachmatch.core.features.Feature.REVIEW_COUNT_LOG;
import static io.coachmatch.core.features.Feature.RULE_AVAILABILITY;
import static io.coachmatch.core.features.Feature.RULE_EXPERIENCE;
import static io.coachmatch.core.features.Feature.RULE_PRICE;
import static io.coachmatch.core.features.Feature.RULE_RATING;
import static io.coachmatch.core.features.Feature.RULE_SKILL;
import static io.coachmatch.core.features.Feature.RULE_TOTAL;
import static io.coachmatch.core.features.Feature.SESSIONS_LOG;
import static io.coachmatch.core.features.Feature.SESSION_TYPE_BREADTH;
import static io.coachmatch.core.features.Feature.SESSION_TYPE_FIT;
import static io.coachmatch.core.features.Feature.SHRUNK_RATING;
import static io.coachmatch.core.features.Feature.SKILL_BREADTH;
import static io.coachmatch.core.features.Feature.SKILL_CERTIFICATIONS;
import static io.coachmatch.core.features.Feature.SKILL_COVERAGE;
import static io.coachmatch.core.features.Feature.SKILL_FIT;
import static io.coachmatch.core.features.Feature.SKILL_YEARS;
import static io.coachmatch.core.features.Feature.SUCCESS_RATE;
import static io.coachmatch.core.features.Feature.TFIDF_COSINE;

import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.RuleComponents;
import io.coachmatch.core.matching.RuleScorer;
import io.coachmatch.core.matching.ScoreWeights;
import io.coachmatch.core.matching.Scores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The model's view of a (request, coach) pair: a fixed, named list of numbers, computed by the one
 * class that training and serving share so they cannot drift apart. {@link Feature} names them and
 * fixes their order, and {@link #FEATURES} lists their names in that order;
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
 * <tr><td>bio_skill_coverage</td><td>weighted share of required skills the coach does not list but names in its bio</td></tr>
 * <tr><td>related_skill_match</td><td>weighted mean over required skills of 1 when listed or named in the bio, else
 *     the best learned relatedness ({@link SkillRelatedness}) of a skill the coach lists or names</td></tr>
 * <tr><td>skill_fit</td><td>weighted mean over required skills of the best relatedness times level fit (1, a quarter
 *     less per level short) among the skills the coach lists or names in its bio (taken as intermediate)</td></tr>
 * <tr><td>click_rate .. good_rating_rate, history_count</td><td>the coach's engagement ({@link CoachBehaviour})</td></tr>
 * </table>
 */
public final class FeatureExtractor {

    /** The feature names ({@link Feature#key()}), in vector order. */
    public static final List<String> FEATURES = Feature.keys();

    public static final int SIZE = Feature.COUNT;

    /** The request-independent features, in the order a table stores them per coach. */
    private static final int[] STATIC = Feature.indices(
            EXPERIENCE_LOG,
            REVIEW_COUNT_LOG,
            SHRUNK_RATING,
            SESSIONS_LOG,
            SUCCESS_RATE,
            RESPONSE_SPEED,
            REPEAT_CLIENT_RATE,
            LANGUAGE_BREADTH,
            SESSION_TYPE_BREADTH,
            SKILL_BREADTH);
    /** The number of request-independent features a table stores per coach. */
    static final int STATIC_COUNT = STATIC.length;
    /** For each feature, its place among {@link #STATIC}, or -1. */
    private static final int[] STATIC_SLOT = new int[SIZE];

    private static final double LN41 = Math.log(41);
    private static final double LN1001 = Math.log(1001);
    private static final double NO_BUDGET_REFERENCE_USD = 300;

    static {
        Arrays.fill(STATIC_SLOT, -1);
        for (int k = 0; k < STATIC.length; k++) {
            STATIC_SLOT[STATIC[k]] = k;
        }
    }

    private final Documents documents;
    private final TfIdf tfidf;
    private final SkillRelatedness relatedness;
    private final CoachBehaviour behaviour;

    /** An extractor that learned no relatedness and no behaviour (those features take neutral values). */
    public FeatureExtractor(Documents documents, TfIdf tfidf) {
        this(documents, tfidf, null, null);
    }

    /**
     * @param relatedness learned skill relatedness, or null (then {@code related_skill_match} counts only skills named
     *                    exactly, listed or in the bio)
     * @param behaviour   coach engagement, or null (then the behaviour features are 0)
     */
    public FeatureExtractor(Documents documents, TfIdf tfidf, SkillRelatedness relatedness, CoachBehaviour behaviour) {
        this.documents = documents;
        this.tfidf = tfidf;
        this.relatedness = relatedness;
        this.behaviour = behaviour;
    }

    /** The learned skill relatedness, or null. */
    public SkillRelatedness relatedness() {
        return relatedness;
    }

    /** The coaches' engagement the behaviour features read, or null. */
    public CoachBehaviour behaviour() {
        return behaviour;
    }

    public Documents documents() {
        return documents;
    }

    public TfIdf tfidf() {
        return tfidf;
    }

    /** The request-independent features of a coach, in the order of {@link #STATIC}. */
    static double[] staticFeatures(CoachFacts c) {
        CoachMetrics m = c.profile().effectiveMetrics();
        double[] s = new double[STATIC_COUNT];
        s[slot(EXPERIENCE_LOG)] = Math.min(1.0, Math.log1p(Math.max(0, c.experienceYears())) / LN41);
        s[slot(REVIEW_COUNT_LOG)] = Math.min(1.0, Math.log1p(c.ratingCount()) / LN1001);
        s[slot(SHRUNK_RATING)] = c.ratingQuality();
        s[slot(SESSIONS_LOG)] = Scores.sessionsFactor(m.sessionsCompleted() == null ? 0 : m.sessionsCompleted());
        s[slot(SUCCESS_RATE)] =
                m.successRate() == null || m.successRate().isNaN() ? 0.5 : Scores.clamp(m.successRate());
        double hours = m.responseTimeHours() == null || !(m.responseTimeHours() >= 0) ? 24.0 : m.responseTimeHours();
        s[slot(RESPONSE_SPEED)] = Double.isInfinite(hours) ? 0.0 : 1.0 / (1.0 + hours / 24.0);
        s[slot(REPEAT_CLIENT_RATE)] = m.repeatClientRate() == null ? 0.0 : Scores.clamp(m.repeatClientRate());
        s[slot(LANGUAGE_BREADTH)] = Math.min(1.0, c.languages().size() / 4.0);
        s[slot(SESSION_TYPE_BREADTH)] = Math.min(
                1.0, c.profile().effectiveSessionTypes().stream().distinct().count() / 4.0);
        s[slot(SKILL_BREADTH)] = Math.min(1.0, c.skills().size() / 12.0);
        return s;
    }

    private static int slot(Feature f) {
        return STATIC_SLOT[f.ordinal()];
    }

    /** Builds the table of a catalog's coaches (in parallel), indexed as the list is. */
    public CoachTable table(List<CoachFacts> facts) {
        return new CoachTable(facts, this);
    }

    public RequestSide request(MatchQuery q, CoachTable table) {
        return new RequestSide(
                q,
                tfidf.vectorize(documents.request(q.request())),
                tfidf.vocabulary().size(),
                documents.normalizer(),
                table,
                relatedness);
    }

    /**
     * Writes the features of one pair into {@code out} (length at least {@link #SIZE}).
     *
     * @param c     the coach's index in the table
     * @param rules the pair's rule components, as the matcher computed them
     */
    public void extract(RequestSide r, CoachTable t, int c, RuleComponents rules, double[] out) {
        out[RULE_SKILL.ordinal()] = rules.skill();
        out[RULE_EXPERIENCE.ordinal()] = rules.experience();
        out[RULE_RATING.ordinal()] = rules.rating();
        out[RULE_AVAILABILITY.ordinal()] = rules.availability();
        out[RULE_PRICE.ordinal()] = rules.price();
        out[RULE_TOTAL.ordinal()] = rules.total();
        out[TFIDF_COSINE.ordinal()] = Scores.clamp(r.cosines[c]);

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
        out[SKILL_COVERAGE.ordinal()] = n == 0 ? 0.0 : covered / total;
        out[MANDATORY_COVERAGE.ordinal()] = r.mandatoryCount == 0 ? 1.0 : mandatoryHit / (double) r.mandatoryCount;
        out[LEVEL_SHORTFALL.ordinal()] = n == 0 ? 0.0 : shortfall / total;
        out[LEVEL_SURPLUS.ordinal()] = covered > 0 ? surplus / covered : 0.0;
        out[SKILL_YEARS.ordinal()] = n == 0 ? 0.0 : years / total;
        out[SKILL_CERTIFICATIONS.ordinal()] = n == 0 ? 0.0 : certs / total;
        skillExtras(r, t, c, out);
        copyBehaviour(t, c, out);

        copyStatics(t, c, out);

        double ratio = priceRatio(r, t, c);
        out[PRICE_RATIO.ordinal()] = ratio;
        out[PRICE_RATIO_LOW.ordinal()] = r.priority == Priority.LOW ? ratio : 0.0;
        out[PRICE_RATIO_HIGH.ordinal()] = r.priority == Priority.HIGH ? ratio : 0.0;
        out[HAS_BUDGET.ordinal()] = r.hasBudget ? 1.0 : 0.0;

        double coverage = Scores.clamp(rules.coverage());
        out[AVAILABILITY_COVERAGE.ordinal()] = coverage;
        out[OVERLAP_HOURS_LOG.ordinal()] = r.overlapLog[(int) Math.round(coverage * r.requestedCells)];

        out[LANGUAGE_FIT.ordinal()] = languageFit(r, t, c);
        out[SESSION_TYPE_FIT.ordinal()] = sessionTypeFit(r, t, c);
        out[CAPACITY_HEADROOM.ordinal()] = capacityHeadroom(r, t, c);
        out[FLEXIBILITY.ordinal()] = r.flexibility;
    }

    /**
     * Writes {@code bio_skill_coverage} and {@code related_skill_match} of coach {@code c} for request {@code r}:
     * per required skill, whether the coach lists it, else names it in its bio, else its best learned relatedness.
     */
    static void skillExtras(RequestSide r, CoachTable t, int c, double[] out) {
        // the matcher asks for a coach's bound, then, for the same coach, its exact features: compute them once
        if (r.extrasCoach == c && r.extrasTable == t) {
            out[BIO_SKILL_COVERAGE.ordinal()] = r.extras[0];
            out[RELATED_SKILL_MATCH.ordinal()] = r.extras[1];
            out[SKILL_FIT.ordinal()] = r.extras[2];
            return;
        }
        computeSkillExtras(r, t, c, out);
        r.extras[0] = out[BIO_SKILL_COVERAGE.ordinal()];
        r.extras[1] = out[RELATED_SKILL_MATCH.ordinal()];
        r.extras[2] = out[SKILL_FIT.ordinal()];
        r.extrasTable = t;
        r.extrasCoach = c;
    }

    private static void computeSkillExtras(RequestSide r, CoachTable t, int c, double[] out) {
        int n = r.skills.length;
        if (n == 0) {
            out[BIO_SKILL_COVERAGE.ordinal()] = 0.0;
            out[RELATED_SKILL_MATCH.ordinal()] = 0.0;
            out[SKILL_FIT.ordinal()] = 0.0;
            return;
        }
        int from = t.skillStart[c];
        int to = t.skillStart[c + 1];
        int bioFrom = t.bioStart[c];
        int bioTo = t.bioStart[c + 1];
        if (!anyRelevant(r.relevantSkill, t.skillId, from, to)
                && !anyRelevant(r.relevantSkill, t.bioId, bioFrom, bioTo)) {
            // no skill of the coach is required or related to one: every term below would be 0
            out[BIO_SKILL_COVERAGE.ordinal()] = 0.0;
            out[RELATED_SKILL_MATCH.ordinal()] = 0.0;
            out[SKILL_FIT.ordinal()] = 0.0;
            return;
        }
        double inBio = 0;
        double related = 0;
        double fit = 0;
        for (int i = 0; i < n; i++) {
            double w = r.weights[i];
            int id = r.skills[i];
            int required = r.levels[i];
            double[] row = r.related[i];
            double best = 0;
            boolean listed = false;
            for (int k = from; k < to; k++) {
                int sk = t.skillId[k];
                double rel = sk == id ? 1.0 : row == null ? 0.0 : row[sk];
                listed |= sk == id && id >= 0;
                best = Math.max(best, rel * levelFactor(t.skillLevel[k], required));
            }
            boolean named = false;
            double bestRelated = 0;
            for (int k = bioFrom; k < bioTo; k++) {
                int sk = t.bioId[k];
                double rel = sk == id ? 1.0 : row == null ? 0.0 : row[sk];
                named |= sk == id && id >= 0;
                bestRelated = Math.max(bestRelated, rel);
                best = Math.max(best, rel * levelFactor(BIO_SKILL_LEVEL, required));
            }
            if (listed) {
                related += w;
            } else if (named) {
                inBio += w;
                related += w;
            } else {
                related += w * Math.max(bestRelated, bestRelated(row, t, from, to, bioFrom, bioTo));
            }
            fit += w * best;
        }
        double total = r.totalWeight > 0 ? r.totalWeight : 1.0;
        out[BIO_SKILL_COVERAGE.ordinal()] = Scores.clamp(inBio / total);
        out[RELATED_SKILL_MATCH.ordinal()] = Scores.clamp(related / total);
        out[SKILL_FIT.ordinal()] = Scores.clamp(fit / total);
    }

    /** The level assumed of a skill a coach names only in its bio: intermediate. */
    private static final int BIO_SKILL_LEVEL = 1;

    /** How well a coach's level meets a required one: 1 at or above it, a quarter less per level short. */
    private static double levelFactor(int coachLevel, int requiredLevel) {
        return Math.max(0.0, 1.0 - 0.25 * Math.max(0, requiredLevel - coachLevel));
    }

    private static boolean anyRelevant(boolean[] relevant, int[] ids, int from, int to) {
        for (int k = from; k < to; k++) {
            if (relevant[ids[k]]) {
                return true;
            }
        }
        return false;
    }

    /** Copies the coach's behaviour features, as its table holds them, into their places in {@code out}. */
    static void copyBehaviour(CoachTable t, int c, double[] out) {
        System.arraycopy(t.behaviour, c * CoachBehaviour.FEATURES, out, CLICK_RATE.ordinal(), CoachBehaviour.FEATURES);
    }

    /** The largest relatedness of a requested skill (its row over the table's skill ids) to the coach's skills. */
    private static double bestRelated(double[] row, CoachTable t, int from, int to, int bioFrom, int bioTo) {
        if (row == null) {
            return 0.0;
        }
        double best = 0;
        for (int k = from; k < to; k++) {
            best = Math.max(best, row[t.skillId[k]]);
        }
        for (int k = bioFrom; k < bioTo; k++) {
            best = Math.max(best, row[t.bioId[k]]);
        }
        return best;
    }

    static double priceRatio(RequestSide r, CoachTable t, int c) {
        double rate = t.rateUsd[c];
        double ratio = r.hasBudget ? (r.budgetUsd <= 0 ? 2.0 : rate / r.budgetUsd) : rate / NO_BUDGET_REFERENCE_USD;
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

    static double sessionTypeFit(RequestSide r, CoachTable t, int c) {
        return (t.sessionMask[c] & r.sessionBit) != 0 ? 1.0 : 0.0;
    }

    static double capacityHeadroom(RequestSide r, CoachTable t, int c) {
        int max = t.maxParticipants[c];
        return max <= 0 ? 0.0 : Scores.clamp((max - r.participants) / (double) max);
    }

    /** Copies the coach's precomputed request-independent features into their places in {@code out}. */
    static void copyStatics(CoachTable t, int c, double[] out) {
        int base = c * STATIC_COUNT;
        double[] statics = t.statics;
        for (int k = 0; k < STATIC_COUNT; k++) {
            out[STATIC[k]] = statics[base + k];
        }
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
