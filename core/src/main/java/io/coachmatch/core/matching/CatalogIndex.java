package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.money.CurrencyRates;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable, in-memory index of one catalog version, built once and then matched against by
 * any number of threads. Coaches are laid out as primitive columns (rates, capacities, rating
 * terms, experience per required level), bit sets (active, session types, languages, rate buckets,
 * capacity steps), each coach's weekly hours in its local time as runs of quarter hours plus hour
 * masks, and skill postings: for every skill, the coaches that list it with their skill fit
 * precomputed for each required level. Coach positions in the index are the order of the
 * collection it was built from.
 *
 * <p>Matching one request ({@link #match}) costs: one pass over the postings of the requested
 * skills; the hard filters 64 coaches at a time as bit-set operations, looking at single coaches
 * only where a word cannot decide (the rate bucket holding the budget, the capacity step holding
 * the participants, the availability overlap, decided from hour masks where they can); then
 * scoring, coaches with a requested skill first, both passes in coach order. A coach without any
 * requested skill is not looked at when even its best case (price fit 1, availability 1, model
 * score 1) cannot reach the minimum score (a bit set cached per weights and minimum). For the
 * others, the availability overlap is computed exactly from the runs against prefix sums of the
 * requested hours, and the rest from single-precision bounds; only a coach within 1e-5 of the
 * minimum score, or one that may enter the top list, is scored exactly with {@link Scores}, and
 * only a coach that enters the top list allocates anything. With a model, a coach's best case
 * counts the model's {@link ModelScorer.RequestScorer#upperBound} for it (told the exact skill
 * component, the bound of the rule total and, once computed, the coverage) instead of 1.
 *
 * <p>Invariant: the filter counts, {@code total_matches} and the top list with its scores are
 * exactly those of applying {@link RuleScorer#filter} and {@link RuleScorer#score} to every coach
 * (tested against that reference in {@code CatalogIndexTests}).
 *
 * <p>The build lives in {@code CatalogIndexBuilder}, the hard filters in {@code HardFilters} and each
 * thread's working memory in {@code Scratch}; this class keeps the columns scoring reads and the scan.
 */
public final class CatalogIndex {

    /** Required levels beginner .. expert: the columns and postings hold one value per level. */
    static final int EXPERIENCE_LEVELS = 4;

    private static final int HOURS = 7 * 24;
    /** Bounds computed in single precision are within this of the exact rule score. */
    private static final double BOUND_SLACK = 1e-5;

    private static final double INVERSE_REFERENCE_RATE = 1.0 / Scores.REFERENCE_RATE_USD;

    private final int size;
    private final int words;
    private final CurrencyRates rates;
    private final CoachProfile[] profiles;
    private final Map<String, Integer> positionById;
    private final int[] idRank;
    private final double[] rateUsd;
    private final double[] ratingScore;
    private final double[] ratingQuality;
    private final int[] ratingCount;
    private final ZoneId[] zones;
    private final short[] zoneOf;
    /** Runs of available quarter hours, as (start, end) cell pairs, of coach c at [runOffset[c], runOffset[c+1]). */
    private final char[] runs;

    private final int[] runOffset;
    /** The rate as {@link Scores#price} reads it (finite, not negative), in single precision for bounds. */
    private final float[] priceRate;

    private final Map<String, Integer> skillIds;
    private final int[][] postingCoach;
    /** For posting j of a skill, {@link Scores#skillFit} against required level r at [4j + r]. */
    private final double[][] postingFit;

    private final HardFilters filters;
    private final ThreadLocal<Scratch> scratch;
    /** Scores.experience of each coach against each highest required level, beginner .. expert. */
    private final double[][] experienceScore;

    private final ConcurrentHashMap<ReachKey, long[][]> reachCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ScoreWeights, float[][]> staticCache = new ConcurrentHashMap<>();

    CatalogIndex(CatalogIndexBuilder b) {
        size = b.size;
        words = b.words;
        rates = b.rates;
        profiles = b.profiles;
        positionById = b.positionById;
        idRank = b.idRank;
        rateUsd = b.rateUsd;
        ratingScore = b.ratingScore;
        ratingQuality = b.ratingQuality;
        ratingCount = b.ratingCount;
        zones = b.zones;
        zoneOf = b.zoneOf;
        runs = b.runs;
        runOffset = b.runOffset;
        priceRate = b.priceRate;
        skillIds = b.skillIds;
        postingCoach = b.postingCoach;
        postingFit = b.postingFit;
        experienceScore = b.experienceScore;
        filters = b.filters;
        int n = size;
        int w = words;
        scratch = ThreadLocal.withInitial(() -> new Scratch(n, w));
    }

    /**
     * Builds the index of a catalog.
     *
     * @throws IllegalArgumentException for a duplicate coach id, an unknown currency or timezone
     */
    public static CatalogIndex build(Collection<CoachProfile> coaches, CurrencyRates rates) {
        return new CatalogIndexBuilder(coaches, rates).build();
    }

    public int size() {
        return size;
    }

    /** The currency table the coaches' rates were converted with. */
    public CurrencyRates rates() {
        return rates;
    }

    public CoachProfile coach(int index) {
        return profiles[index];
    }

    /** The coaches in index order, as a read-only view (no copy, so it costs nothing for a large catalog). */
    public List<CoachProfile> coaches() {
        return Collections.unmodifiableList(Arrays.asList(profiles));
    }

    public OptionalInt indexOf(String coachId) {
        Integer i = positionById.get(coachId);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    /** Number of distinct (normalised) skill names in the catalog. */
    public int skillCount() {
        return postingCoach.length;
    }

    /** A bit set, as long words, with room for every coach of this index; for {@code excluded}. */
    public long[] newBitSet() {
        return new long[words];
    }

    /**
     * Matches a compiled request.
     *
     * @param excluded coaches to treat as absent (replaced or removed since the index was built), as a bit
     *                 set from {@link #newBitSet()}; null for none
     * @param model    the model to blend in, or null for rules only
     */
    public MatchOutcome match(MatchQuery q, ScoreWeights w, double minScore, ModelScorer model, long[] excluded) {
        ModelScorer first = model == null ? null : model.firstPhase();
        if (first == null) {
            return matchAll(q, w, minScore, model, excluded, q.maxResults());
        }
        return phased(q, w, minScore, model, first, excluded);
    }

    /**
     * Ranks in phases, as search engines do: the rules and the model's cheap first phase over every candidate
     * (pruned by bounds, as a single phase is), keeping the best {@code rerank_count}; then the model itself rescores
     * those, and the answer is the best of them by the blend of the rules and the model. Coaches the first phase
     * puts below the minimum score are not rescored; those the rescoring puts below it are dropped and not counted.
     */
    private MatchOutcome phased(
            MatchQuery q, ScoreWeights w, double minScore, ModelScorer model, ModelScorer first, long[] excluded) {
        int keep = Math.max(q.maxResults(), model.rerankCount());
        MatchOutcome candidates = matchAll(q, w, minScore, first, excluded, keep);
        ModelScorer.RequestScorer scorer = model.forRequest(q, this);
        double b = Math.max(0.0, Math.min(1.0, model.blendWeight()));
        List<ScoredCoach> rescored = new ArrayList<>(candidates.top().size());
        int[] index = new int[candidates.top().size()];
        int dropped = 0;
        for (ScoredCoach sc : candidates.top()) {
            int c = positionById.get(sc.coach().id());
            double m = Scores.clamp(scorer.score(c, sc.rules()));
            double score = Scores.quantize((1 - b) * sc.rules().total() + b * m);
            if (score < minScore - 1e-9) {
                dropped++;
                continue;
            }
            index[rescored.size()] = c;
            rescored.add(new ScoredCoach(sc.coach(), sc.rules(), m, score, null));
        }
        List<Integer> order = new ArrayList<>(rescored.size());
        for (int i = 0; i < rescored.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> ScoredCoach.RANKING.compare(rescored.get(x), rescored.get(y)));
        List<ScoredCoach> top = new ArrayList<>(Math.min(q.maxResults(), order.size()));
        for (int k = 0; k < Math.min(q.maxResults(), order.size()); k++) {
            ScoredCoach sc = rescored.get(order.get(k));
            top.add(new ScoredCoach(
                    sc.coach(),
                    sc.rules(),
                    sc.modelScore(),
                    sc.matchScore(),
                    scorer.features(index[order.get(k)], sc.rules())));
        }
        return new MatchOutcome(
                top, candidates.totalMatches() - dropped, candidates.candidatesConsidered(), candidates.filteredOut());
    }

    private MatchOutcome matchAll(
            MatchQuery q, ScoreWeights w, double minScore, ModelScorer model, long[] excluded, int keep) {
        Scratch s = scratch.get();
        s.nextGeneration();
        int touchedCount = postings(q, s);
        int mandatoryCount = 0;
        for (int i = 0; i < q.skillCount(); i++) {
            mandatoryCount += q.isMandatory(i) ? 1 : 0;
        }
        long[] mandatoryBits = s.mandatoryBits;
        long[] skilledBits = s.skilledBits;
        for (int t = 0; t < touchedCount; t++) {
            int c = s.touched[t];
            skilledBits[c >>> 6] |= 1L << (c & 63);
            if (mandatoryCount > 0 && s.mandatoryHits[c] >= mandatoryCount) {
                mandatoryBits[c >>> 6] |= 1L << (c & 63);
            }
        }

        int[][] zonePrefix = s.zonePrefix(q, zones);
        int[] counts = new int[FilterReason.values().length];
        int alive = filters.apply(q, s, excluded, mandatoryCount, zonePrefix, counts);

        Run run = s.run;
        run.start(this, q, w, minScore, model, zonePrefix, s.heap(keep));
        run.staticPart = staticParts(w)[q.highestLevel()];
        // coaches with a requested skill first: they score highest, so the top list fills with good
        // scores early and the others mostly need only a bound to be counted or skipped
        // (both passes go up the coach numbers, so that large catalogs are read sequentially)
        scan(run, s, true, null);
        scan(run, s, false, reachable(w, run.blend, minScore, q.highestLevel()));
        for (int t = 0; t < touchedCount; t++) {
            int c = s.touched[t];
            skilledBits[c >>> 6] = 0;
            mandatoryBits[c >>> 6] = 0;
        }
        List<ScoredCoach> top = run.heap.drainSorted(profiles, run.scorer);
        int total = run.finish();
        EnumMap<FilterReason, Integer> filtered = new EnumMap<>(FilterReason.class);
        for (FilterReason r : FilterReason.values()) {
            filtered.put(r, counts[r.ordinal()]);
        }
        return new MatchOutcome(top, total, alive, filtered);
    }

    /**
     * Scores the coaches that passed the filters, with a requested skill ({@code skilled}) or
     * without, up the coach numbers. Decides most coaches from bounds kept in local variables (skip
     * it, or count it without scoring it) and hands the rest to {@link Run#exact}.
     *
     * @param reach when not null, the only coaches worth looking at
     */
    private void scan(Run run, Scratch s, boolean skilled, long[] reach) {
        long[] pass = s.pass;
        long[] skilledBits = s.skilledBits;
        double[] skillSum = s.skill;
        double totalSkillWeight = run.totalSkillWeight;
        float[] staticPart = run.staticPart;
        int[][] zonePrefix = run.zonePrefix;
        boolean noBudget = run.noBudget;
        boolean nonPositiveBudget = run.budgetUsd <= 0;
        double inverseBudget = 1.0 / run.budgetUsd;
        double skillWeight = run.skillWeight;
        double priceFitWeight = run.priceFitWeight;
        double availabilityWeight = run.availabilityWeight;
        double flex = Scores.clamp(run.flexibility);
        double keep = 1 - run.blend;
        double blend = run.blend;
        ModelScorer.RequestScorer scorer = run.scorer;
        double skipBelow = run.minScore - 1e-6;
        double countFrom = run.minScore + 1e-6;
        int requested = run.requestedCells;
        double inverseRequested = requested == 0 ? 0.0 : 1.0 / requested;
        TopHeap heap = run.heap;
        boolean full = heap.full();
        double worst = full ? heap.worstScore() : 0.0;
        int counted = 0;
        for (int wi = 0; wi < words; wi++) {
            long bits = skilled ? pass[wi] & skilledBits[wi] : pass[wi] & ~skilledBits[wi];
            if (reach != null) {
                bits &= reach[wi];
            }
            while (bits != 0) {
                int c = (wi << 6) | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                double skill = skilled ? Scores.clamp(skillSum[c] / totalSkillWeight) : 0.0;
                double rate = priceRate[c];
                double fit = noBudget
                        ? 1.0 - 0.5 * Math.min(1.0, rate * INVERSE_REFERENCE_RATE)
                        : 1.0 - 0.5 * Scores.clamp(nonPositiveBudget ? 1.0 : rate * inverseBudget);
                double base = staticPart[c] + skillWeight * skill + priceFitWeight * fit;
                double modelBest = scorer == null
                        ? 0.0
                        : blend
                                * scorer.upperBound(
                                        c, skill, base + availabilityWeight + BOUND_SLACK + 1e-6, Double.NaN);
                // even full coverage would not reach the minimum: no need to look at the hours
                if (keep * (base + availabilityWeight + BOUND_SLACK) + modelBest < skipBelow) {
                    continue;
                }
                double coverage = requested == 0 ? 0.0 : overlap(zonePrefix[zoneOf[c]], c) * inverseRequested;
                double approx = base + availabilityWeight * (coverage + flex * (1.0 - coverage) * 0.5);
                if (scorer != null) {
                    modelBest = blend * scorer.upperBound(c, skill, approx + BOUND_SLACK + 1e-6, coverage);
                }
                double upper = keep * (approx + BOUND_SLACK) + modelBest;
                if (upper < skipBelow) {
                    continue;
                }
                if (full && upper + 1e-6 < worst) {
                    // below the top list for sure: count it without scoring when it is surely above the minimum
                    double modelLeast = scorer == null
                            ? 0.0
                            : blend
                                    * Scores.clamp(scorer.lowerBound(
                                            c,
                                            skill,
                                            approx - BOUND_SLACK - 1e-6,
                                            approx + BOUND_SLACK + 1e-6,
                                            coverage));
                    if (keep * (approx - BOUND_SLACK) + modelLeast >= countFrom) {
                        counted++;
                        continue;
                    }
                }
                run.exact(c, skill);
                full = heap.full();
                worst = full ? heap.worstScore() : 0.0;
            }
        }
        run.total += counted;
    }

    /**
     * Accumulates the weighted skill fit of every coach that lists a requested skill, in the order of
     * the request's skills (the same summation order as {@link RuleScorer#skill}), and counts the
     * mandatory skills each has. Returns the number of coaches touched, listed in {@code s.touched}.
     */
    private int postings(MatchQuery q, Scratch s) {
        int touchedCount = 0;
        for (int i = 0; i < q.skillCount(); i++) {
            Integer id = skillIds.get(q.skillKey(i));
            if (id == null) {
                continue;
            }
            int[] coaches = postingCoach[id];
            double[] fits = postingFit[id];
            int required = q.skillLevel(i);
            double weight = q.skillWeight(i);
            boolean mandatory = q.isMandatory(i);
            for (int j = 0; j < coaches.length; j++) {
                int c = coaches[j];
                if (s.stamp[c] != s.generation) {
                    s.stamp[c] = s.generation;
                    s.skill[c] = 0;
                    s.mandatoryHits[c] = 0;
                    s.touched[touchedCount++] = c;
                }
                s.skill[c] += weight * fits[j * EXPERIENCE_LEVELS + required];
                if (mandatory) {
                    s.mandatoryHits[c]++;
                }
            }
        }
        return touchedCount;
    }

    /** Requested quarter hours the coach covers: the sum over its runs of the requested cells inside each. */
    private int overlap(int[] prefix, int c) {
        int sum = 0;
        for (int r = runOffset[c] * 2, end = runOffset[c + 1] * 2; r < end; r += 2) {
            sum += prefix[runs[r + 1]] - prefix[runs[r]];
        }
        return sum;
    }

    /**
     * Hour masks of a weekly quarter-hour mask, as six longs at {@code out[o..o+6)}: hours with any
     * quarter set (168 bits in three longs), then hours with all four set.
     */
    static void hourMasks(long[] mask, long[] out, int o) {
        for (int h = 0; h < HOURS; h++) {
            int cell = h * 4;
            long nibble = (mask[cell >>> 6] >>> (cell & 63)) & 0xFL;
            if (nibble != 0) {
                out[o + (h >>> 6)] |= 1L << (h & 63);
            }
            if (nibble == 0xFL) {
                out[o + 3 + (h >>> 6)] |= 1L << (h & 63);
            }
        }
    }

    /**
     * For each highest required level, the request-independent part of every coach's rule score
     * (experience, rating and the value-for-money share of price), in single precision: a bound
     * that spares reading four double columns for the many coaches that are only counted.
     */
    private float[][] staticParts(ScoreWeights w) {
        float[][] parts = staticCache.get(w);
        if (parts == null) {
            parts = new float[EXPERIENCE_LEVELS][size];
            for (int c = 0; c < size; c++) {
                double value = Scores.clamp(ratingQuality[c]) * 100.0 / (100.0 + priceRate[c]);
                double rest = w.rating() * ratingScore[c] + w.price() * 0.3 * value;
                for (int h = 0; h < EXPERIENCE_LEVELS; h++) {
                    parts[h][c] = (float) (w.experience() * experienceScore[h][c] + rest);
                }
            }
            if (staticCache.size() > 4) {
                staticCache.clear();
            }
            staticCache.put(w, parts);
        }
        return parts;
    }

    /**
     * Coaches that, without any requested skill, could still reach the minimum score for a request
     * whose highest required level is {@code level}: their best case (price fit 1, availability 1,
     * model score 1) is at least the minimum. Null when every coach could. Cached per weights and
     * threshold, since a deployment uses one configuration.
     */
    private long[] reachable(ScoreWeights w, double blend, double minScore, int level) {
        if (blend >= 1.0) {
            return null;
        }
        double threshold = (minScore - 1e-6 - blend) / (1.0 - blend) - 1e-9;
        if (!(threshold > 0)) {
            return null;
        }
        ReachKey key = new ReachKey(w, threshold);
        long[][] byLevel = reachCache.get(key);
        if (byLevel == null) {
            byLevel = new long[EXPERIENCE_LEVELS][words];
            for (int c = 0; c < size; c++) {
                double p = Math.max(0, Double.isFinite(rateUsd[c]) ? rateUsd[c] : Scores.REFERENCE_RATE_USD);
                double bestPrice = 0.7 + 0.3 * Scores.clamp(ratingQuality[c]) * 100.0 / (100.0 + p);
                double rest = w.rating() * ratingScore[c] + w.price() * bestPrice + w.availability();
                for (int h = 0; h < EXPERIENCE_LEVELS; h++) {
                    if (w.experience() * experienceScore[h][c] + rest >= threshold) {
                        byLevel[h][c >>> 6] |= 1L << (c & 63);
                    }
                }
            }
            if (reachCache.size() > 16) {
                reachCache.clear();
            }
            reachCache.put(key, byLevel);
        }
        return byLevel[level];
    }

    private record ReachKey(ScoreWeights weights, double threshold) {}

    /**
     * Scores the coaches that pass the filters for one request, keeping the top list and the exact
     * number of coaches that reach the minimum score while computing as little as it can.
     */
    static final class Run {

        private CatalogIndex index;
        ScoreWeights w;
        double minScore;
        double blend;
        private ModelScorer.RequestScorer scorer;
        int[][] zonePrefix;
        TopHeap heap;
        float[] staticPart;
        private double[] experience;
        double budgetUsd;
        boolean noBudget;
        double flexibility;
        int requestedCells;
        double skillWeight;
        double priceFitWeight;
        double availabilityWeight;
        int total;
        double totalSkillWeight;

        void start(
                CatalogIndex index,
                MatchQuery q,
                ScoreWeights w,
                double minScore,
                ModelScorer model,
                int[][] zonePrefix,
                TopHeap heap) {
            this.index = index;
            this.w = w;
            this.minScore = minScore;
            this.blend = model == null ? 0.0 : Math.max(0.0, Math.min(1.0, model.blendWeight()));
            this.scorer = model == null ? null : model.forRequest(q, index);
            this.zonePrefix = zonePrefix;
            this.heap = heap;
            this.experience = index.experienceScore[q.highestLevel()];
            this.budgetUsd = q.budgetUsd();
            this.noBudget = Double.isInfinite(budgetUsd);
            this.flexibility = q.flexibility();
            this.requestedCells = q.requestedCells();
            this.skillWeight = w.skill();
            this.priceFitWeight = w.price() * 0.7;
            this.availabilityWeight = w.availability();
            this.total = 0;
            this.totalSkillWeight = q.totalSkillWeight();
        }

        int finish() {
            int t = total;
            index = null;
            scorer = null;
            zonePrefix = null;
            staticPart = null;
            return t;
        }

        /** Scores one coach that passed the filters exactly as {@link RuleScorer} does, and counts and keeps it. */
        void exact(int c, double skill) {
            CatalogIndex x = index;
            double b = blend;
            double coverage =
                    requestedCells == 0 ? 0.0 : x.overlap(zonePrefix[x.zoneOf[c]], c) / (double) requestedCells;
            double availability = Scores.availability(coverage, flexibility);
            double exp = experience[c];
            double rating = x.ratingScore[c];
            double price = Scores.price(x.rateUsd[c], budgetUsd, x.ratingQuality[c]);
            RuleComponents rc = null;
            double score;
            Double modelScore = null;
            if (scorer != null) {
                rc = RuleComponents.of(w, skill, exp, rating, availability, price, coverage);
                double m = Scores.clamp(scorer.score(c, rc));
                modelScore = m;
                score = Scores.quantize((1 - b) * rc.total() + b * m);
            } else {
                score = Scores.quantize(w.combine(skill, exp, rating, availability, price));
            }
            if (score < minScore - 1e-9) {
                return;
            }
            total++;
            if (heap.accepts(score, x.ratingCount[c], x.idRank[c])) {
                if (rc == null) {
                    rc = RuleComponents.of(w, skill, exp, rating, availability, price, coverage);
                }
                heap.offer(c, score, x.ratingCount[c], x.idRank[c], rc, modelScore);
            }
        }
    }
}
