package io.coachmatch.core.contract;

/**
 * One skill a request asks for. Absent fields keep their wire absence (null) so that a request
 * written back is the request that was read; the {@code effective*} methods apply the contract's
 * defaults.
 *
 * @param name      the skill's name; compared case-insensitively by the rules
 * @param level     the level required, default {@code intermediate}
 * @param weight    0.0-10.0, default 1.0: how much this skill counts in the skill score
 * @param mandatory default false; a coach without a mandatory skill is filtered out
 */
public record SkillRequirement(String name, SkillLevel level, Double weight, Boolean mandatory) {

    public SkillLevel effectiveLevel() {
        return level == null ? SkillLevel.DEFAULT : level;
    }

    public double effectiveWeight() {
        return weight == null ? 1.0 : weight;
    }

    public boolean isMandatory() {
        return Boolean.TRUE.equals(mandatory);
    }
}
