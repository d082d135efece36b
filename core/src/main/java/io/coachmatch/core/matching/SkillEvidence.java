package io.coachmatch.core.matching;

/**
 * What a model knows about a requested skill a coach does not list, for the answer's reason: whether the coach names
 * it in its bio, or which of its skills stands in for it (a learned close relative).
 */
@FunctionalInterface
public interface SkillEvidence {

    /**
     * A short phrase for requested skill {@code skill} of {@code q}, which the coach does not list, such as
     * {@code "strong in Next.js"} or {@code "names React in its bio"}; null when the model knows nothing for it.
     */
    String standIn(MatchQuery q, int skill, CoachFacts coach);
}
