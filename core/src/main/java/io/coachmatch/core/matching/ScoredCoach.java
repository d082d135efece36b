package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import java.util.Comparator;

/**
 * A coach that passed the filters and the minimum score, with its scores.
 *
 * @param modelScore null when no model took part
 * @param matchScore the final score the ranking uses, quantized to six decimals
 * @param features   the feature vector the model scored, as {@link ModelScorer.RequestScorer#features} gave it;
 *                   null when no model took part or the model does not expose its inputs. Kept so that an
 *                   answer's impression log records exactly what was scored, without computing it again.
 */
public record ScoredCoach(
        CoachProfile coach, RuleComponents rules, Double modelScore, double matchScore, double[] features) {

    /** A scored coach without a recorded feature vector. */
    public ScoredCoach(CoachProfile coach, RuleComponents rules, Double modelScore, double matchScore) {
        this(coach, rules, modelScore, matchScore, null);
    }

    /** The ranking order: higher score first, then more reviews, then coach id. */
    public static final Comparator<ScoredCoach> RANKING = Comparator.comparingDouble(ScoredCoach::matchScore)
            .reversed()
            .thenComparing(Comparator.comparingInt(ScoredCoach::ratingCount).reversed())
            .thenComparing(s -> s.coach().id());

    public int ratingCount() {
        return coach.effectiveRating().effectiveCount();
    }
}
