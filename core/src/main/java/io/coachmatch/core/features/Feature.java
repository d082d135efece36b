package io.coachmatch.core.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The features of a (request, coach) pair, in vector order: a feature's {@link #ordinal()} is its
 * index in every feature vector, and its {@link #key()} is the name an artifact records (see
 * {@link FeatureExtractor#FEATURES}). Reordering, renaming or inserting a constant changes the model
 * artifact format; append only, and only with a new format version.
 */
public enum Feature {
    RULE_SKILL("rule_skill"),
    RULE_EXPERIENCE("rule_experience"),
    RULE_RATING("rule_rating"),
    RULE_AVAILABILITY("rule_availability"),
    RULE_PRICE("rule_price"),
    RULE_TOTAL("rule_total"),
    TFIDF_COSINE("tfidf_cosine"),
    SKILL_COVERAGE("skill_coverage"),
    MANDATORY_COVERAGE("mandatory_coverage"),
    LEVEL_SHORTFALL("level_shortfall"),
    LEVEL_SURPLUS("level_surplus"),
    SKILL_YEARS("skill_years"),
    SKILL_CERTIFICATIONS("skill_certifications"),
    EXPERIENCE_LOG("experience_log"),
    REVIEW_COUNT_LOG("review_count_log"),
    SHRUNK_RATING("shrunk_rating"),
    SESSIONS_LOG("sessions_log"),
    SUCCESS_RATE("success_rate"),
    RESPONSE_SPEED("response_speed"),
    REPEAT_CLIENT_RATE("repeat_client_rate"),
    PRICE_RATIO("price_ratio"),
    PRICE_RATIO_LOW("price_ratio_low"),
    PRICE_RATIO_HIGH("price_ratio_high"),
    HAS_BUDGET("has_budget"),
    AVAILABILITY_COVERAGE("availability_coverage"),
    OVERLAP_HOURS_LOG("overlap_hours_log"),
    LANGUAGE_FIT("language_fit"),
    LANGUAGE_BREADTH("language_breadth"),
    SESSION_TYPE_FIT("session_type_fit"),
    SESSION_TYPE_BREADTH("session_type_breadth"),
    CAPACITY_HEADROOM("capacity_headroom"),
    SKILL_BREADTH("skill_breadth"),
    FLEXIBILITY("flexibility"),
    // format 2: what a model learned from history (SkillRelatedness, CoachBehaviour); neutral without it
    BIO_SKILL_COVERAGE("bio_skill_coverage"),
    RELATED_SKILL_MATCH("related_skill_match"),
    CLICK_RATE("click_rate"),
    CONTACT_RATE("contact_rate"),
    BOOKING_RATE("booking_rate"),
    GOOD_RATING_RATE("good_rating_rate"),
    HISTORY_COUNT("history_count"),
    SKILL_FIT("skill_fit");

    /** The features of format 1 artifacts: the first this many. */
    public static final int FORMAT_1_COUNT = FLEXIBILITY.ordinal() + 1;

    /** The number of features: the length of a feature vector. */
    public static final int COUNT = values().length;

    private final String key;

    Feature(String key) {
        this.key = key;
    }

    /** The feature's name as artifacts, logged features and training data record it. */
    public String key() {
        return key;
    }

    /** The names of all features, in vector order. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>(COUNT);
        for (Feature f : values()) {
            keys.add(f.key);
        }
        return List.copyOf(keys);
    }

    /** The vector indices of the given features, in the order given. */
    static int[] indices(Feature... features) {
        int[] out = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            out[i] = features[i].ordinal();
        }
        return out;
    }
}
