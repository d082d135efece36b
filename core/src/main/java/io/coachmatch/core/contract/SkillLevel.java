package io.coachmatch.core.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Proficiency in a skill, ordered: {@code beginner < intermediate < advanced < expert}.
 * {@link #rank()} gives the order as 0..3 so that level gaps are plain subtraction.
 */
public enum SkillLevel {
    BEGINNER,
    INTERMEDIATE,
    ADVANCED,
    EXPERT;

    /** The contract's default when a level is absent. */
    public static final SkillLevel DEFAULT = INTERMEDIATE;

    private static final SkillLevel[] BY_RANK = values();

    /** 0 for beginner up to 3 for expert. */
    public int rank() {
        return ordinal();
    }

    public static SkillLevel ofRank(int rank) {
        return BY_RANK[rank];
    }

    @JsonValue
    public String wire() {
        return WireEnum.wire(this);
    }

    @JsonCreator
    public static SkillLevel fromWire(String wire) {
        return WireEnum.parse(SkillLevel.class, wire);
    }

    public static String allowedValues() {
        return WireEnum.allowed(SkillLevel.class);
    }
}
