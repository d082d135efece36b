package io.coachmatch.core.contract;

import java.util.List;

/**
 * A skill a coach offers.
 *
 * @param years          years of practice in this skill
 * @param certifications names of certifications held for it
 */
public record CoachSkill(String name, SkillLevel level, Double years, List<String> certifications) {

    public SkillLevel effectiveLevel() {
        return level == null ? SkillLevel.DEFAULT : level;
    }

    public double effectiveYears() {
        return years == null ? 0.0 : years;
    }

    public int certificationCount() {
        return certifications == null ? 0 : certifications.size();
    }
}
