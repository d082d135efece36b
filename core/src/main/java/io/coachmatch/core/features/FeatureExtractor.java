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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's view of a (request, coach) pair: a fixed, named list of numbers, computed by the one
 * class that training and serving share so they cannot drift apart. {@link #FEATURES} is the order;
 * an artifact records the names it was trained on and is refused if they differ.
 *
 * <p>Work is split by what it depends on: {@link #request} once per request (its TF-IDF vector,
 * normalised skill names, requested hours), {@link #coach} once per coach and catalog (its TF-IDF
 * vector, normalised skills and the request-independent features), and {@link #extract} per pair,
 * which allocates nothing. Every feature is finite and, except {@code price_ratio*} (up to 2), in [0, 1].
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

    private static final int TFIDF = 6;
    private static final int FIRST_STATIC = 13;
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

    /** What the features need of one request, computed once. */
    public static final class RequestSide {
        final MatchQuery query;
        final SparseVector vector;
        final String[] skills;
        final int[] levels;
        final double[] weights;
        final boolean[] mandatory;
        final double totalWeight;
        final int mandatoryCount;
        final double requestedHours;
        final double budgetUsd;
        final Priority priority;
        final List<String> languages;

        RequestSide(MatchQuery q, SparseVector vector, TextNormalizer normalizer) {
            this.query = q;
            this.vector = vector;
            int n = q.skillCount();
            skills = new String[n];
            levels = new int[n];
            weights = new double[n];
            mandatory = new boolean[n];
            double total = 0;
            int m = 0;
            for (int i = 0; i < n; i++) {
                skills[i] = normalizer.skill(q.skillName(i));
                levels[i] = q.skillLevel(i);
                weights[i] = q.skillWeight(i);
                mandatory[i] = q.isMandatory(i);
                total += weights[i];
                m += mandatory[i] ? 1 : 0;
            }
            totalWeight = total;
            mandatoryCount = m;
            requestedHours = WeekMask.count(q.requestedMaskUtc()) * (WeekMask.CELL_MINUTES / 60.0);
            budgetUsd = q.budgetUsd();
            priority = q.request().effectivePriority();
            languages = q.languageList();
        }

        public SparseVector vector() {
            return vector;
        }

        public MatchQuery query() {
            return query;
        }
    }

    /** What the features need of one coach, computed once per catalog. Immutable. */
    public static final class CoachSide {
        final CoachFacts facts;
        final SparseVector vector;
        final Map<String, CoachFacts.SkillFact> skills;
        final double[] statics;

        CoachSide(CoachFacts facts, SparseVector vector, Map<String, CoachFacts.SkillFact> skills, double[] statics) {
            this.facts = facts;
            this.vector = vector;
            this.skills = skills;
            this.statics = statics;
        }

        public CoachFacts facts() {
            return facts;
        }

        public SparseVector vector() {
            return vector;
        }
    }

    public RequestSide request(MatchQuery q) {
        return new RequestSide(q, tfidf.vectorize(documents.request(q.request())), documents.normalizer());
    }

    public CoachSide coach(CoachFacts c) {
        TextNormalizer normalizer = documents.normalizer();
        Map<String, CoachFacts.SkillFact> skills = new HashMap<>();
        for (CoachFacts.SkillFact f : c.skills().values()) {
            skills.merge(normalizer.skill(f.name()), f, (a, b) -> a.level() >= b.level() ? a : b);
        }
        CoachMetrics m = c.profile().effectiveMetrics();
        double[] s = new double[FIRST_STATIC + 19];
        s[13] = Math.min(1.0, Math.log1p(Math.max(0, c.experienceYears())) / LN41);
        s[14] = Math.min(1.0, Math.log1p(c.ratingCount()) / LN1001);
        s[15] = c.ratingQuality();
        s[16] = Scores.sessionsFactor(m.sessionsCompleted() == null ? 0 : m.sessionsCompleted());
        s[17] = m.successRate() == null || m.successRate().isNaN() ? 0.5 : Scores.clamp(m.successRate());
        double hours = m.responseTimeHours() == null || !(m.responseTimeHours() >= 0) ? 24.0 : m.responseTimeHours();
        s[18] = Double.isInfinite(hours) ? 0.0 : 1.0 / (1.0 + hours / 24.0);
        s[19] = m.repeatClientRate() == null ? 0.0 : Scores.clamp(m.repeatClientRate());
        s[27] = Math.min(1.0, c.languages().size() / 4.0);
        s[29] = Math.min(1.0, c.profile().effectiveSessionTypes().stream().distinct().count() / 4.0);
        s[31] = Math.min(1.0, c.skills().size() / 12.0);
        return new CoachSide(c, tfidf.vectorize(documents.coach(c.profile())), Collections.unmodifiableMap(skills), s);
    }

    /**
     * Writes the features of one pair into {@code out} (length at least {@link #SIZE}).
     *
     * @param rules the pair's rule components, as the matcher computed them
     */
    public void extract(RequestSide r, CoachSide c, RuleComponents rules, double[] out) {
        out[0] = rules.skill();
        out[1] = rules.experience();
        out[2] = rules.rating();
        out[3] = rules.availability();
        out[4] = rules.price();
        out[5] = rules.total();
        out[TFIDF] = Scores.clamp(r.vector.dot(c.vector));

        double covered = 0;
        double shortfall = 0;
        double surplus = 0;
        double years = 0;
        double certs = 0;
        int mandatoryHit = 0;
        int n = r.skills.length;
        for (int i = 0; i < n; i++) {
            CoachFacts.SkillFact f = c.skills.get(r.skills[i]);
            double w = r.weights[i];
            if (f == null) {
                shortfall += w;
                continue;
            }
            covered += w;
            int gap = r.levels[i] - f.level();
            if (gap > 0) {
                shortfall += w * gap / 3.0;
            } else {
                surplus += w * -gap / 3.0;
            }
            years += w * Math.min(1.0, Math.max(0, f.years()) / 10.0);
            certs += w * Math.min(1.0, f.certifications() / 2.0);
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

        double[] s = c.statics;
        out[13] = s[13];
        out[14] = s[14];
        out[15] = s[15];
        out[16] = s[16];
        out[17] = s[17];
        out[18] = s[18];
        out[19] = s[19];

        CoachFacts facts = c.facts;
        double rate = facts.rateUsd();
        boolean hasBudget = !Double.isInfinite(r.budgetUsd);
        double ratio = hasBudget
                ? (r.budgetUsd <= 0 ? 2.0 : rate / r.budgetUsd)
                : rate / NO_BUDGET_REFERENCE_USD;
        ratio = Math.min(2.0, Math.max(0.0, Double.isNaN(ratio) ? 2.0 : ratio));
        out[20] = ratio;
        out[21] = r.priority == Priority.LOW ? ratio : 0.0;
        out[22] = r.priority == Priority.HIGH ? ratio : 0.0;
        out[23] = hasBudget ? 1.0 : 0.0;

        double coverage = Scores.clamp(rules.coverage());
        out[24] = coverage;
        out[25] = Math.min(1.0, Math.log1p(coverage * r.requestedHours) / LN169);

        if (r.languages.isEmpty()) {
            out[26] = 1.0;
        } else {
            int spoken = 0;
            for (String l : r.languages) {
                if (facts.languages().contains(l)) {
                    spoken++;
                }
            }
            out[26] = spoken / (double) r.languages.size();
        }
        out[27] = s[27];
        out[28] = facts.offers(r.query.sessionType()) ? 1.0 : 0.0;
        out[29] = s[29];
        int max = facts.maxParticipants();
        out[30] = max <= 0 ? 0.0 : Scores.clamp((max - r.query.participants()) / (double) max);
        out[31] = s[31];
        out[32] = Scores.clamp(r.query.flexibility());
    }

    /** The features of one pair from scratch: the reference path, for tests and offline tools. */
    public double[] extract(MatchQuery q, CoachFacts c, ScoreWeights weights) {
        double[] out = new double[SIZE];
        extract(request(q), coach(c), RuleScorer.score(q, c, weights), out);
        return out;
    }
}
