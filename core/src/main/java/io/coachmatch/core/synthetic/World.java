package io.coachmatch.core.synthetic;

import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.Priority;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.matching.CoachFacts;
import io.coachmatch.core.matching.MatchQuery;
import io.coachmatch.core.matching.RuleScorer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A simulated marketplace: what its people value and what no profile field shows. {@code classic} is the world the
 * shipped {@code data/} was generated in (people as {@link SimulatedUsers} documents them, whose utility is written
 * over the project's own features); every other world is drawn from its name, so its people value things the
 * project's authors did not choose:
 *
 * <ul>
 *   <li><b>Preferences</b>: the weight of topical fit, latent quality, rating, price (scaled by priority), response
 *       speed, experience and availability, each drawn from a wide range by the world's seed.
 *   <li><b>Latent quality</b>: every coach has a quality {@code q ~ Normal(0, 1)} that no field shows; it raises the
 *       utility, the chance that a contact becomes a booking and the stars given afterwards, so outcomes reveal it.
 *   <li><b>Related skills</b>: each cluster's skills fall into families of two to four close relatives (relatedness
 *       0.75..0.95), skills of one cluster are loosely related (0.15..0.35), and a few families are bridged across
 *       clusters; a request for one skill is well served by a coach strong in a close relative. The learner is not
 *       told this structure.
 *   <li><b>Skills named only in bios</b>: a coach may practise skills it does not list, mentioned in its bio alone.
 *   <li><b>Interactions</b>: the requester's utility is
 *       <pre>u = fit·F + g(F)·(quality·q + rating·(r − 0.6) − price·β(priority)·p + speed·(s − 0.5)
 *           + experience·(e − 0.4) + availability·(a − 0.5)) + taste·t</pre>
 *       where F is the topical fit (per requested skill, the best relatedness-times-level match among listed and
 *       bio-only skills, weighted by the request's weights, cut to 40% when a mandatory skill is missed) and
 *       {@code g(F) = σ(slope·(F − centre))}: a cheap, available, well-rated coach in the wrong field is still the
 *       wrong coach.
 * </ul>
 *
 * <p>Invariants: a world depends only on its name; a coach's latent traits only on the world and the coach's id, so
 * generating, simulating and scoring the truth agree without sharing state. Immutable and thread-safe.
 */
public final class World {

    /** The world the shipped {@code data/} comes from: people as {@link SimulatedUsers} describes them. */
    public static final String CLASSIC = "classic";

    /** Every world {@code generate --world} knows, {@link #CLASSIC} first. */
    public static final List<String> NAMES =
            List.of(CLASSIC, "atlas", "boreal", "cobalt", "delta", "ember", "fjord", "granite", "harbor");

    private static final double[] PRICE_BY_PRIORITY = {2.0, 1.0, 0.2};

    /**
     * What a world's people value, drawn from its seed.
     *
     * @param fit            weight of the topical fit F
     * @param quality        weight of the latent quality in the utility
     * @param rating         weight of the shrunk rating
     * @param price          weight of the price ratio at normal priority (twice at low, a fifth at high)
     * @param speed          weight of response speed
     * @param experience     weight of log experience
     * @param availability   weight of the share of requested hours covered
     * @param gateCentre     the fit at which the other factors count half
     * @param gateSlope      how sharply they switch on with fit
     * @param bookingQuality how much latent quality moves a contact to a booking
     * @param ratingQuality  how many stars latent quality adds per standard deviation
     * @param bioSkills      mean number of skills a coach practises but names only in its bio
     * @param taste          weight of a requester's own liking for a coach ({@link SimulatedUsers#taste})
     */
    public record Preferences(
            double fit,
            double quality,
            double rating,
            double price,
            double speed,
            double experience,
            double availability,
            double gateCentre,
            double gateSlope,
            double bookingQuality,
            double ratingQuality,
            double bioSkills,
            double taste) {}

    /**
     * What no field of a coach shows.
     *
     * @param quality   the latent quality, Normal(0, 1)
     * @param bioSkills indices (into {@link #skills()}) of skills practised but named only in the bio
     * @param bioLevels their levels as {@link SkillLevel#rank()}
     */
    public record Latent(double quality, int[] bioSkills, int[] bioLevels) {}

    private final String name;
    private final long seed;
    private final Preferences preferences;
    private final List<String> skills;
    private final Map<String, Integer> skillIndex;
    private final int[] clusterOf;
    /** The skill indices of each cluster. */
    private final int[][] members;

    private final float[][] relatedness;

    private World(String name) {
        this.name = name;
        this.seed = seedOf(name);
        SplittableRandom r = new SplittableRandom(seed);
        this.preferences = new Preferences(
                uniform(r, 2.5, 4.0),
                uniform(r, 0.05, 0.15),
                uniform(r, 0.2, 2.0),
                uniform(r, 0.3, 1.6),
                uniform(r, 0.0, 1.2),
                uniform(r, 0.0, 1.5),
                uniform(r, 0.0, 1.5),
                uniform(r, 0.35, 0.6),
                uniform(r, 6, 12),
                uniform(r, 0.6, 1.2),
                uniform(r, 0.4, 0.8),
                uniform(r, 0.5, 1.5),
                uniform(r, 0.05, 0.15));
        List<List<String>> clusters = SyntheticVocabulary.skillClusters();
        List<String> all = new ArrayList<>();
        List<Integer> cluster = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            for (String s : clusters.get(c)) {
                all.add(s);
                cluster.add(c);
            }
        }
        this.skills = List.copyOf(all);
        this.skillIndex = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            skillIndex.putIfAbsent(MatchQuery.skillKey(all.get(i)), i);
        }
        this.clusterOf = cluster.stream().mapToInt(Integer::intValue).toArray();
        this.members = new int[clusters.size()][];
        for (int c = 0; c < clusters.size(); c++) {
            int k = c;
            members[c] = IntStream.range(0, clusterOf.length)
                    .filter(i -> clusterOf[i] == k)
                    .toArray();
        }
        this.relatedness = relatedness(r, all.size(), clusterOf);
    }

    /**
     * The world of that name.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public static World named(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown world '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return new World(name);
    }

    public String name() {
        return name;
    }

    /** Whether this is {@link #CLASSIC}, whose people {@link SimulatedUsers} simulates from features. */
    public boolean classic() {
        return CLASSIC.equals(name);
    }

    public Preferences preferences() {
        return preferences;
    }

    /** The skills relatedness is defined over: every skill of the synthetic vocabulary. */
    public List<String> skills() {
        return skills;
    }

    /** The relatedness of two skills of {@link #skills()}: 1 for a skill with itself, else in [0, 1). */
    public double relatedness(int a, int b) {
        return relatedness[a][b];
    }

    /** The latent traits of a coach; none (quality 0, no bio skills) in the classic world. */
    public Latent latent(String coachId, List<String> listedSkills) {
        if (classic()) {
            return new Latent(0, new int[0], new int[0]);
        }
        SplittableRandom r = new SplittableRandom(seed ^ seedOf(coachId));
        double quality = r.nextGaussian();
        List<Integer> listed = new ArrayList<>();
        for (String s : listedSkills) {
            Integer i = skillIndex.get(MatchQuery.skillKey(s));
            if (i != null) {
                listed.add(i);
            }
        }
        int count = poisson(r, preferences.bioSkills());
        List<Integer> bio = new ArrayList<>();
        for (int attempt = 0; bio.size() < count && attempt < 20 && !listed.isEmpty(); attempt++) {
            int near = listed.get(r.nextInt(listed.size()));
            // a relative of a listed skill most of the time, else anything of its cluster
            int[] cluster = members[clusterOf[near]];
            int candidate = cluster[r.nextInt(cluster.length)];
            if (relatedness[near][candidate] < 0.5 && r.nextDouble() < 0.6) {
                continue;
            }
            if (!listed.contains(candidate) && !bio.contains(candidate)) {
                bio.add(candidate);
            }
        }
        int[] skillsOut = bio.stream().mapToInt(Integer::intValue).toArray();
        int[] levels = new int[skillsOut.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = 1 + r.nextInt(3);
        }
        return new Latent(quality, skillsOut, levels);
    }

    /**
     * The coach as this world shows it: in a rich world the bio also names the skills the coach practises without
     * listing them; unchanged in the classic world.
     */
    public CoachProfile dress(CoachProfile coach) {
        Latent latent = latent(coach.id(), listed(coach));
        if (latent.bioSkills().length == 0) {
            return coach;
        }
        StringBuilder bio = new StringBuilder(coach.bio() == null ? "" : coach.bio());
        bio.append(bio.isEmpty() ? "" : " ").append("Also works with ");
        for (int i = 0; i < latent.bioSkills().length; i++) {
            if (i > 0) {
                bio.append(i == latent.bioSkills().length - 1 ? " and " : ", ");
            }
            bio.append(skills.get(latent.bioSkills()[i]));
        }
        bio.append('.');
        return coach.withBio(bio.toString());
    }

    /** The names of the skills a coach lists. */
    public static List<String> listed(CoachProfile coach) {
        List<String> out = new ArrayList<>();
        if (coach.skills() != null) {
            coach.skills().forEach(s -> out.add(s.name()));
        }
        return out;
    }

    /**
     * The topical fit F of a coach for a request (see the class comment), in [0, 1].
     *
     * @param best when not null, receives per requested skill the index of the coach's skill that served it best
     *     (-1 for none)
     */
    public double fit(MatchQuery q, CoachFacts c, Latent latent, int[] best) {
        int n = q.skillCount();
        if (n == 0) {
            return 0.5;
        }
        double sum = 0;
        double weights = 0;
        boolean mandatoryMissed = false;
        for (int i = 0; i < n; i++) {
            Integer wanted = skillIndex.get(q.skillKey(i));
            double w = q.skillWeight(i);
            weights += w;
            double top = 0;
            int arg = -1;
            for (CoachFacts.SkillFact f : c.skills().values()) {
                Integer k = skillIndex.get(MatchQuery.skillKey(f.name()));
                double rel = k == null || wanted == null
                        ? (MatchQuery.skillKey(f.name()).equals(q.skillKey(i)) ? 1.0 : 0.0)
                        : relatedness[wanted][k];
                double v = rel * levelMatch(f.level(), q.skillLevel(i));
                if (v > top) {
                    top = v;
                    arg = k == null ? -1 : k;
                }
            }
            if (wanted != null) {
                for (int j = 0; j < latent.bioSkills().length; j++) {
                    double v = relatedness[wanted][latent.bioSkills()[j]]
                            * levelMatch(latent.bioLevels()[j], q.skillLevel(i));
                    if (v > top) {
                        top = v;
                        arg = latent.bioSkills()[j];
                    }
                }
            }
            if (best != null) {
                best[i] = arg;
            }
            if (q.isMandatory(i) && top < 0.5) {
                mandatoryMissed = true;
            }
            sum += w * top;
        }
        double f = weights > 0 ? sum / weights : 0;
        return mandatoryMissed ? 0.4 * f : f;
    }

    /**
     * The requester's utility for a coach without its noise and taste (see the class comment); {@code c} must pass
     * the request's hard filters.
     */
    public double utility(MatchQuery q, CoachFacts c, Latent latent) {
        Preferences p = preferences;
        double fit = fit(q, c, latent, null);
        double gate = 1.0 / (1.0 + Math.exp(-p.gateSlope() * (fit - p.gateCentre())));
        CoachMetrics m = c.profile().effectiveMetrics();
        double hours = m.responseTimeHours() == null || !(m.responseTimeHours() >= 0) ? 24.0 : m.responseTimeHours();
        double speed = Double.isInfinite(hours) ? 0.0 : 1.0 / (1.0 + hours / 24.0);
        double budget = q.budgetUsd();
        double priceRatio = Math.min(2.0, c.rateUsd() / (Double.isFinite(budget) && budget > 0 ? budget : 300.0));
        double experience = Math.min(1.0, Math.log1p(Math.max(0, c.experienceYears())) / Math.log(41));
        double coverage = q.requestedCells() == 0 ? 0.5 : RuleScorer.coverage(q, c);
        Priority priority = q.request().effectivePriority();
        double others = p.quality() * latent.quality()
                + p.rating() * (c.ratingQuality() - 0.6)
                - p.price() * PRICE_BY_PRIORITY[priority.ordinal()] * priceRatio
                + p.speed() * (speed - 0.5)
                + p.experience() * (experience - 0.4)
                + p.availability() * (coverage - 0.5);
        return p.fit() * fit + gate * others;
    }

    private static double levelMatch(int coachLevel, int requiredLevel) {
        return 1.0 - 0.2 * Math.max(0, requiredLevel - coachLevel);
    }

    private static float[][] relatedness(SplittableRandom r, int n, int[] clusterOf) {
        float[][] rel = new float[n][n];
        int[] family = new int[n];
        int families = 0;
        int clusters = clusterOf.length == 0 ? 0 : clusterOf[n - 1] + 1;
        for (int c = 0; c < clusters; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (clusterOf[i] == c) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            int at = 0;
            while (at < members.size()) {
                int size = Math.min(members.size() - at, 2 + r.nextInt(3));
                for (int k = 0; k < size; k++) {
                    family[members.get(at + k)] = families;
                }
                families++;
                at += size;
            }
        }
        // a few families bridged across clusters
        int[] bridge = new int[families];
        for (int f = 0; f < families; f++) {
            bridge[f] = r.nextDouble() < 0.15 ? r.nextInt(families) : -1;
        }
        for (int a = 0; a < n; a++) {
            rel[a][a] = 1f;
            for (int b = a + 1; b < n; b++) {
                double v;
                if (family[a] == family[b]) {
                    v = uniform(r, 0.75, 0.95);
                } else if (bridge[family[a]] == family[b] || bridge[family[b]] == family[a]) {
                    v = uniform(r, 0.55, 0.8);
                } else if (clusterOf[a] == clusterOf[b]) {
                    v = uniform(r, 0.15, 0.35);
                } else {
                    v = 0;
                }
                rel[a][b] = (float) v;
                rel[b][a] = (float) v;
            }
        }
        return rel;
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }

    private static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static long seedOf(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001B3L;
        }
        return h;
    }

    /** The skill index of a name in {@link #skills()}, or -1. */
    public int skillIndex(String name) {
        Integer i = skillIndex.get(MatchQuery.skillKey(name));
        return i == null ? -1 : i;
    }
}
