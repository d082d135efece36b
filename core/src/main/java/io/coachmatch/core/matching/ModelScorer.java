package io.coachmatch.core.matching;

import io.coachmatch.core.contract.FeedbackEvent;
import java.util.List;

/**
 * A learned model that scores (request, coach) pairs, blended with the rule score as
 * {@code match = (1 − b)·rule + b·model}. The matcher asks for a {@link RequestScorer} once per
 * request, so a model can do its per-request work (vectorising the request text, say) once.
 */
public interface ModelScorer {

    /** The model version named in answers, such as {@code v0003}. */
    String version();

    /** The blend weight {@code b} in [0, 1] of the model score. */
    double blendWeight();

    RequestScorer forRequest(MatchQuery query, CatalogIndex catalog);

    /**
     * Does now, for a catalog index about to serve, the per-catalog work {@link #forRequest} would otherwise do on
     * the first request that uses it (a feature table, say). The default has none.
     */
    default void prepare(CatalogIndex catalog) {}

    /**
     * A cheaper scorer that ranks every candidate first when this one is costly (a tree model's linear first
     * phase), so that this one scores only the best {@link #rerankCount}; null to score every candidate with this
     * one (the default).
     */
    default ModelScorer firstPhase() {
        return null;
    }

    /**
     * Learns from one feedback event as it happens (a model that keeps coaches' engagement counts it), so that a
     * coach who starts being booked rises before the next retrain; takes effect at the next {@link #refresh}.
     *
     * @return whether the event changed anything
     */
    default boolean record(FeedbackEvent event) {
        return false;
    }

    /** What the model knows of requested skills a coach does not list, for the answer's reason; null for nothing. */
    default SkillEvidence skillEvidence() {
        return null;
    }

    /** Makes what {@link #record} learned visible to the next requests. The default has nothing to refresh. */
    default void refresh() {}

    /** How many of the first phase's best candidates this scorer rescores; ignored without a first phase. */
    default int rerankCount() {
        return 0;
    }

    /**
     * The inputs this model scores for each of {@code coaches} against {@code query}, in their order, for logging
     * what an answer showed when they were not recorded while it was computed; null when the model has no feature
     * vector to show (the default).
     */
    default List<double[]> features(MatchQuery query, List<CoachFacts> coaches, ScoreWeights weights) {
        return null;
    }

    /** Scores coaches of one catalog against one request. */
    @FunctionalInterface
    interface RequestScorer {
        /** The model score in [0, 1] of the coach at {@code coachIndex}, given its rule components. */
        double score(int coachIndex, RuleComponents rules);

        /**
         * An upper bound, valid for this request, of {@link #score} of the coach at
         * {@code coachIndex} for any rule components the matcher may pass for the pair; it must
         * never be below the true score. The matcher uses it to skip coaches that cannot reach the
         * minimum score or the top list without scoring them, so a tighter bound saves work and a
         * wrong one loses matches. The default, 1, is always valid.
         */
        default double upperBound(int coachIndex) {
            return 1.0;
        }

        /**
         * As {@link #upperBound(int)}, for a matcher that knows more of the pair: its rule skill
         * component exactly, a value its rule total is not above, and its coverage to within 1e-12
         * (NaN when not computed yet). The default ignores what it is told.
         */
        default double upperBound(int coachIndex, double skill, double totalAtMost, double coverage) {
            return upperBound(coachIndex);
        }

        /**
         * A value the model score of the coach is never below, knowing its rule skill component, a range its rule
         * total lies in and its coverage; lets the matcher count a coach that cannot reach the top list without
         * scoring it. The default, 0, says nothing.
         */
        default double lowerBound(
                int coachIndex, double skill, double totalAtLeast, double totalAtMost, double coverage) {
            return 0.0;
        }

        /**
         * The inputs {@link #score} reads for the pair, as a new array, for logging what was scored; null when the
         * model has no feature vector to show (the default). Called only for the coaches an answer keeps.
         */
        default double[] features(int coachIndex, RuleComponents rules) {
            return null;
        }
    }
}
