package io.coachmatch.core.features;

import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.Scores;
import io.coachmatch.core.time.WeekMask;
import java.util.List;
import java.util.Map;

/**
 * What the features need of one request against one table, computed once
 * ({@link FeatureExtractor#request} builds it). Not thread-safe: it remembers the last coach's skill features, which
 * the matcher asks for twice (bound, then exact); one per request and thread, as the matcher uses it.
 */
public final class RequestSide {

    /** The last coach whose skill features were computed, their table, and the three values. */
    int extrasCoach = -1;

    CoachTable extrasTable;
    final double[] extras = new double[3];

    private static final double LN169 = Math.log(169);

    final MatchQuery query;
    final SparseVector vector;
    final double[] cosines;
    final int[] skills;
    final int[] levels;
    final double[] weights;
    final boolean[] mandatory;
    final double totalWeight;
    final int mandatoryCount;
    final int requestedCells;
    /** ln(1 + hours)/ln 169 for every whole number of covered quarter hours. */
    final double[] overlapLog;

    final double budgetUsd;
    final boolean hasBudget;
    final int highestLevel;
    final Priority priority;
    final int[] languages;
    /** The requested languages as bits of the table's mask, or -1 when the loop must be used. */
    final long languageBits;

    final int sessionBit;
    final int participants;
    final double flexibility;

    /**
     * For each required skill, its learned relatedness to every skill id of the table (null for a skill without
     * related skills, or without learned relatedness).
     */
    final double[][] related;
    /**
     * For every skill id of the table, whether it is a required skill or related to one: a coach with none of these
     * has every skill feature at 0, found without looking further.
     */
    final boolean[] relevantSkill;

    RequestSide(
            MatchQuery q,
            SparseVector vector,
            int vocabulary,
            TextNormalizer normalizer,
            CoachTable table,
            SkillRelatedness relatedness) {
        this.query = q;
        this.vector = vector;
        this.cosines = table.cosines(vector);
        int n = q.skillCount();
        skills = new int[n];
        levels = new int[n];
        weights = new double[n];
        mandatory = new boolean[n];
        related = new double[n][];
        relevantSkill = new boolean[table.skillIds.size()];
        double total = 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            String key = normalizer.skill(q.skillName(i));
            skills[i] = table.skillIds.getOrDefault(key, -1);
            if (skills[i] >= 0) {
                relevantSkill[skills[i]] = true;
            }
            Map<String, Double> row = relatedness == null ? Map.of() : relatedness.row(key);
            if (!row.isEmpty()) {
                double[] dense = new double[table.skillIds.size()];
                for (Map.Entry<String, Double> e : row.entrySet()) {
                    Integer id = table.skillIds.get(e.getKey());
                    if (id != null) {
                        dense[id] = e.getValue();
                        relevantSkill[id] |= e.getValue() > 0;
                    }
                }
                related[i] = dense;
            }
            levels[i] = q.skillLevel(i);
            weights[i] = q.skillWeight(i);
            mandatory[i] = q.isMandatory(i);
            total += weights[i];
            m += mandatory[i] ? 1 : 0;
        }
        totalWeight = total;
        mandatoryCount = m;
        requestedCells = WeekMask.count(q.requestedMaskUtc());
        overlapLog = new double[requestedCells + 1];
        for (int k = 0; k <= requestedCells; k++) {
            overlapLog[k] = Math.min(1.0, Math.log1p(k * (WeekMask.CELL_MINUTES / 60.0)) / LN169);
        }
        budgetUsd = q.budgetUsd();
        hasBudget = !Double.isInfinite(budgetUsd);
        highestLevel = q.highestLevel();
        priority = q.request().effectivePriority();
        List<String> langs = q.languageList();
        languages = new int[langs.size()];
        long bits = 0;
        boolean maskable = table.langMask != null;
        for (int i = 0; i < languages.length; i++) {
            languages[i] = table.languageIds.getOrDefault(langs.get(i), -1);
            if (languages[i] >= 0) {
                bits |= 1L << languages[i];
            }
        }
        languageBits = maskable ? bits : -1L;
        sessionBit = 1 << q.sessionType().ordinal();
        participants = q.participants();
        flexibility = Scores.clamp(q.flexibility());
    }

    public SparseVector vector() {
        return vector;
    }

    public MatchQuery query() {
        return query;
    }
}
