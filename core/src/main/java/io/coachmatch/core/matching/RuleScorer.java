package io.coachmatch.core.matching;

import io.coachmatch.core.time.WeekMask;
import java.util.Optional;

/**
 * The rules applied to one (request, coach) pair, straight from their definition: the hard filters
 * in {@link FilterReason} order and the five components of {@link Scores}. The catalog index
 * computes the same values in bulk; this class is the reference the index is tested against, and
 * what training uses to compute the rule features of a pair.
 */
public final class RuleScorer {

    private RuleScorer() {}

    /** The first hard filter the coach fails, or empty when the coach passes them all. */
    public static Optional<FilterReason> filter(MatchQuery q, CoachFacts c) {
        if (!c.active()) {
            return Optional.of(FilterReason.INACTIVE);
        }
        if (!c.offers(q.sessionType())) {
            return Optional.of(FilterReason.SESSION_TYPE);
        }
        if (c.rateUsd() > q.budgetUsd() + 1e-9) {
            return Optional.of(FilterReason.BUDGET);
        }
        if (c.maxParticipants() < q.participants()) {
            return Optional.of(FilterReason.CAPACITY);
        }
        if (q.languages().length > 0) {
            boolean any = false;
            for (String l : q.languages()) {
                any |= c.languages().contains(l);
            }
            if (!any) {
                return Optional.of(FilterReason.LANGUAGE);
            }
        }
        for (int i = 0; i < q.skillCount(); i++) {
            if (q.isMandatory(i) && !c.skills().containsKey(q.skillKey(i))) {
                return Optional.of(FilterReason.MANDATORY_SKILL);
            }
        }
        if (q.flexibility() == 0.0 && coverage(q, c) == 0.0) {
            return Optional.of(FilterReason.AVAILABILITY);
        }
        return Optional.empty();
    }

    /** Share of the requested quarter hours the coach covers, with both in UTC at the request's time. */
    public static double coverage(MatchQuery q, CoachFacts c) {
        int requested = q.requestedCells();
        if (requested == 0) {
            return 0.0;
        }
        long[] req = q.requestedMaskAtOffset(c.offsetMinutesAt(q.at()));
        return WeekMask.overlapCount(req, c.localMask()) / (double) requested;
    }

    /** The skill component alone. */
    public static double skill(MatchQuery q, CoachFacts c) {
        double sum = 0;
        for (int i = 0; i < q.skillCount(); i++) {
            CoachFacts.SkillFact f = c.skills().get(q.skillKey(i));
            if (f != null) {
                sum += q.skillWeight(i) * Scores.skillFit(f.level(), f.years(), f.certifications(), q.skillLevel(i));
            }
        }
        return q.skillCount() == 0 ? 0.0 : Scores.clamp(sum / q.totalSkillWeight());
    }

    /** All five components and their weighted sum; meaningful whether or not the coach passes the filters. */
    public static RuleComponents score(MatchQuery q, CoachFacts c, ScoreWeights w) {
        double s = skill(q, c);
        double e = Scores.experience(c.experienceYears(), q.highestLevel());
        double r = c.ratingScore();
        double cov = coverage(q, c);
        double a = Scores.availability(cov, q.flexibility());
        double p = Scores.price(c.rateUsd(), q.budgetUsd(), c.ratingQuality());
        return RuleComponents.of(w, s, e, r, a, p, cov);
    }
}
