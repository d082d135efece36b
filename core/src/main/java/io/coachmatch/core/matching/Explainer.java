package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.Match;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.money.CurrencyRates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns a scored coach into the contract's {@link Match}: which requested skills the coach has and
 * lacks, how much evidence stands behind the scores, and a sentence a person can read.
 *
 * <p>{@code confidence_level} measures evidence, not fit:
 * {@code 0.5·min(1, ln(1 + reviews)/ln(101)) + 0.3·min(1, ln(1 + sessions)/ln(201)) + 0.2·(share of
 * the requested skill weight the coach lists)}. A new coach with a perfect profile scores high but
 * with low confidence.
 *
 * <p>{@code recommendation_reason} leads with the best matching skill ("Expert React coach (8
 * years)"), then names the two strongest of the other components by weighted contribution, and ends
 * with the requested skills the coach lacks, or, when the model knows it, what stands in for one ("no React
 * listed, strong in Next.js", "no React listed, names React in its bio").
 */
public final class Explainer {

    private final ScoreWeights weights;
    private final CurrencyRates rates;

    public Explainer(MatchingSettings settings) {
        this.weights = settings.weights();
        this.rates = settings.rates();
    }

    public Match explain(MatchQuery q, ScoredCoach scored, int rank) {
        CoachProfile coach = scored.coach();
        CoachFacts facts = CoachFacts.of(coach, rates);
        return explain(q, scored, rank, facts);
    }

    /**
     * As {@link #explain(MatchQuery, ScoredCoach, int)}, with what the model knows of the requested skills the coach
     * does not list (null for nothing): the reason then says "no React listed, strong in Next.js".
     */
    public Match explain(MatchQuery q, ScoredCoach scored, int rank, SkillEvidence evidence) {
        return explain(q, scored, rank, CoachFacts.of(scored.coach(), rates), evidence);
    }

    /** As {@link #explain(MatchQuery, ScoredCoach, int)}, with the coach's facts already at hand. */
    public Match explain(MatchQuery q, ScoredCoach scored, int rank, CoachFacts facts) {
        return explain(q, scored, rank, facts, null);
    }

    private Match explain(MatchQuery q, ScoredCoach scored, int rank, CoachFacts facts, SkillEvidence evidence) {
        List<String> matching = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> standIns = new ArrayList<>();
        double matchedWeight = 0;
        int best = -1;
        for (int i = 0; i < q.skillCount(); i++) {
            if (facts.skills().containsKey(q.skillKey(i))) {
                matching.add(q.skillName(i));
                matchedWeight += q.skillWeight(i);
                if (best < 0 || q.skillWeight(i) > q.skillWeight(best)) {
                    best = i;
                }
            } else {
                missing.add(q.skillName(i));
                String standIn = evidence == null ? null : evidence.standIn(q, i, facts);
                standIns.add(standIn == null ? null : "no " + q.skillName(i) + " listed, " + standIn);
            }
        }
        CoachProfile coach = scored.coach();
        int reviews = facts.ratingCount();
        int sessions = coach.effectiveMetrics().sessionsCompleted() == null
                ? 0
                : coach.effectiveMetrics().sessionsCompleted();
        double coverage = q.skillCount() == 0 ? 0 : matchedWeight / q.totalSkillWeight();
        double confidence = 0.5 * Math.min(1.0, Math.log1p(reviews) / Math.log(101))
                + 0.3 * Scores.sessionsFactor(sessions)
                + 0.2 * Scores.clamp(coverage);
        RuleComponents r = scored.rules();
        return new Match(
                coach,
                rank,
                scored.matchScore(),
                r.total(),
                scored.modelScore() == null ? null : round(scored.modelScore()),
                round(r.skill()),
                round(r.experience()),
                round(r.rating()),
                round(r.availability()),
                round(r.price()),
                List.copyOf(matching),
                List.copyOf(missing),
                round(confidence),
                reason(q, facts, r, best, missing, standIns));
    }

    private String reason(
            MatchQuery q, CoachFacts facts, RuleComponents r, int best, List<String> missing, List<String> standIns) {
        List<String> parts = new ArrayList<>();
        if (best >= 0) {
            CoachFacts.SkillFact f = facts.skills().get(q.skillKey(best));
            String level = SkillLevel.ofRank(f.level()).wire();
            parts.add(capitalize(level) + " " + q.skillName(best) + " coach (" + years(f.years()) + ")");
        }
        record Part(double contribution, String text) {}
        List<Part> others = new ArrayList<>();
        CoachProfile coach = facts.profile();
        others.add(new Part(weights.experience() * r.experience(), years(facts.experienceYears()) + " of experience"));
        if (facts.ratingCount() > 0) {
            others.add(new Part(
                    weights.rating() * r.rating(),
                    String.format(
                            Locale.ROOT,
                            "rated %.1f over %d %s",
                            coach.effectiveRating().effectiveAverage(),
                            facts.ratingCount(),
                            facts.ratingCount() == 1 ? "review" : "reviews")));
        }
        others.add(new Part(
                weights.availability() * r.availability(),
                r.coverage() >= 0.9999
                        ? "available for all the requested hours"
                        : String.format(
                                Locale.ROOT,
                                "available for %d%% of the requested hours",
                                Math.round(r.coverage() * 100))));
        String rate = coach.hourlyRate() == null
                ? ""
                : String.format(Locale.ROOT, "%s %s/h", trim(coach.hourlyRate()), coach.effectiveCurrency());
        others.add(new Part(
                weights.price() * r.price(), Double.isInfinite(q.budgetUsd()) ? rate : "within budget at " + rate));
        others.sort(Comparator.comparingDouble(Part::contribution).reversed());
        for (int i = 0; i < Math.min(2, others.size()); i++) {
            parts.add(others.get(i).text());
        }
        String text = capitalize(String.join(", ", parts));
        List<String> lacking = new ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
            if (standIns.get(i) != null) {
                text += "; " + standIns.get(i);
            } else {
                lacking.add(missing.get(i));
            }
        }
        if (!lacking.isEmpty()) {
            text += "; lacks " + String.join(", ", lacking);
        }
        return text;
    }

    private static String years(double y) {
        return trim(y) + (y == 1 ? " year" : " years");
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static double round(double v) {
        return Scores.quantize(v);
    }
}
