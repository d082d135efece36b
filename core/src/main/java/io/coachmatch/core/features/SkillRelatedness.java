package io.coachmatch.core.features;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A learned relatedness between skill names (normalised as {@link TextNormalizer#skill} does): how well a coach
 * strong in one skill serves a request for another, in [0, 1], 1 for a skill with itself and 0 for pairs never
 * learned; and the vocabulary of skill names a coach's bio is searched for. Both come with the model, so a coach's
 * features never depend on which other coaches a catalog holds. Immutable and thread-safe.
 */
public final class SkillRelatedness {

    private final Map<String, Map<String, Double>> rows;
    private final Set<String> vocabulary;

    /** Pair {@code k} relates requested skill {@code skills[from[k]]} to coach skill {@code skills[to[k]]}. */
    public SkillRelatedness(List<String> skills, int[] from, int[] to, double[] value) {
        Map<String, Map<String, Double>> m = new HashMap<>();
        for (int k = 0; k < from.length; k++) {
            m.computeIfAbsent(skills.get(from[k]), s -> new HashMap<>()).put(skills.get(to[k]), value[k]);
        }
        m.replaceAll((k, v) -> Collections.unmodifiableMap(v));
        this.rows = Collections.unmodifiableMap(m);
        this.vocabulary = Collections.unmodifiableSet(new TreeSet<>(skills));
    }

    /** A vocabulary of skill names without any learned relatedness: bios are searched for these names only. */
    public static SkillRelatedness vocabulary(Collection<String> skills) {
        return new SkillRelatedness(List.copyOf(new TreeSet<>(skills)), new int[0], new int[0], new double[0]);
    }

    /** The skills a request for {@code skill} is served by, with their relatedness (empty when none is known). */
    public Map<String, Double> row(String skill) {
        return rows.getOrDefault(skill, Map.of());
    }

    /** The relatedness of coach skill {@code to} for a request for {@code from}. */
    public double get(String from, String to) {
        return from.equals(to) ? 1.0 : row(from).getOrDefault(to, 0.0);
    }

    /** The vocabulary: every skill name known, whether or not in a pair. */
    public Set<String> skills() {
        return vocabulary;
    }

    /** The strongest related skill of {@code to} among {@code candidates} for a request for {@code from}, or null. */
    public String best(String from, Iterable<String> candidates) {
        String best = null;
        double top = 0;
        for (String c : candidates) {
            double v = get(from, c);
            if (v > top) {
                top = v;
                best = c;
            }
        }
        return best;
    }
}
