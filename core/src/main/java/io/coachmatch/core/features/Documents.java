package io.coachmatch.core.features;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.MatchingRequest;
import io.coachmatch.core.contract.SkillRequirement;
import java.util.HashMap;
import java.util.Map;

/**
 * The text documents TF-IDF compares, as term weights.
 *
 * <ul>
 *   <li>A coach: each listed skill's words with weight {@code skillBoost} (default 2), plus every
 *       word of the title and the bio with weight 1.</li>
 *   <li>A request: each required skill's words with weight {@code skillBoost · weight} (the skill's
 *       weight, default 1), plus every word of the title and the description with weight 1.</li>
 * </ul>
 * Words are normalised by the {@link TextNormalizer} first, so synonyms meet.
 */
public final class Documents {

    /** How much a listed or required skill counts against one word of free text. */
    public static final double DEFAULT_SKILL_BOOST = 2.0;

    private final TextNormalizer normalizer;
    private final double skillBoost;

    public Documents(TextNormalizer normalizer, double skillBoost) {
        this.normalizer = normalizer;
        this.skillBoost = skillBoost;
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    public double skillBoost() {
        return skillBoost;
    }

    public Map<String, Double> coach(CoachProfile p) {
        Map<String, Double> doc = new HashMap<>();
        for (CoachSkill s : p.effectiveSkills()) {
            if (s != null) {
                for (String t : normalizer.skillTerms(s.name())) {
                    doc.merge(t, skillBoost, Double::sum);
                }
            }
        }
        addText(doc, p.title());
        addText(doc, p.bio());
        return doc;
    }

    public Map<String, Double> request(MatchingRequest r) {
        Map<String, Double> doc = new HashMap<>();
        for (SkillRequirement s : r.effectiveSkills()) {
            if (s != null) {
                double w = skillBoost * Math.max(0.0, s.effectiveWeight());
                if (w > 0) {
                    for (String t : normalizer.skillTerms(s.name())) {
                        doc.merge(t, w, Double::sum);
                    }
                }
            }
        }
        addText(doc, r.title());
        addText(doc, r.description());
        return doc;
    }

    private void addText(Map<String, Double> doc, String text) {
        for (String t : normalizer.terms(text)) {
            doc.merge(t, 1.0, Double::sum);
        }
    }
}
