package io.coachmatch.core.matching;

/**
 * Why a hard filter dropped a coach, in the order the filters are applied: a coach that fails
 * several is counted once, under the first. The order puts cheap checks first; availability, the
 * costliest, comes last.
 */
public enum FilterReason {
    INACTIVE("inactive"),
    SESSION_TYPE("session_type"),
    BUDGET("budget"),
    CAPACITY("capacity"),
    LANGUAGE("language"),
    MANDATORY_SKILL("mandatory_skill"),
    AVAILABILITY("availability");

    private final String key;

    FilterReason(String key) {
        this.key = key;
    }

    /** The key in the answer's {@code filtered_out}. */
    public String key() {
        return key;
    }
}
