package io.coachmatch.core.matching;

/**
 * The five rule components of one (request, coach) pair and their weighted sum, each in [0, 1].
 *
 * @param coverage the share of the requested hours the coach covers, before flexibility
 */
public record RuleComponents(
        double skill,
        double experience,
        double rating,
        double availability,
        double price,
        double total,
        double coverage) {

    static RuleComponents of(ScoreWeights w, double s, double e, double r, double a, double p, double coverage) {
        return new RuleComponents(s, e, r, a, p, Scores.quantize(w.combine(s, e, r, a, p)), coverage);
    }
}
