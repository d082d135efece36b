package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.WeekMask;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
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
 */
public final class CatalogIndex {

    private static final SessionType[] SESSION_TYPES = SessionType.values();
    private static final int EXPERIENCE_LEVELS = 4;
    private static final int RATE_BUCKETS = 64;
    private static final int HOURS = 7 * 24;
    /** Bounds computed in single precision are within this of the exact rule score. */
    private static final double BOUND_SLACK = 1e-5;
    private static final double INVERSE_REFERENCE_RATE = 1.0 / Scores.REFERENCE_RATE_USD;
    private static final int[] CAPACITY_STEPS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22,
        24, 25, 26, 28, 30, 35, 40, 45, 50, 60, 70, 75, 80, 90, 100, 120, 150, 200, 250, 300, 400, 500, 750, 1000};

    private final int size;
    private final int words;
    private final CurrencyRates rates;
    private final CoachProfile[] profiles;
    private final Map<String, Integer> positionById;
    private final int[] idRank;
    private final long[] activeBits;
    private final long[][] sessionBits;
    private final double[] rateUsd;
    private final int[] maxParticipants;
    private final Map<String, long[]> languageBits;
    private final double[] experienceYears;
    private final double[] ratingScore;
    private final double[] ratingQuality;
    private final int[] ratingCount;
    private final ZoneId[] zones;
    private final short[] zoneOf;
    /** Runs of available quarter hours, as (start, end) cell pairs, of coach c at [runOffset[c], runOffset[c+1]). */
    private final char[] runs;
    private final int[] runOffset;
    /** Per coach, six longs: the hours of the week (local time) with any quarter available, then those with all four. */
    private final long[] hours;
    /** The rate as {@link Scores#price} reads it (finite, not negative), in single precision for bounds. */
    private final float[] priceRate;
    private final Map<String, Integer> skillIds;
    private final int[][] postingCoach;
    /** For posting j of a skill, {@link Scores#skillFit} against required level r at [4j + r]. */
    private final double[][] postingFit;
    private final ThreadLocal<Scratch> scratch;
    /** Scores.experience of each coach against each highest required level, beginner .. expert. */
    private final double[][] experienceScore;
    /** Ascending rate thresholds (USD); the last is infinite. */
    private final double[] rateThreshold;
    /** For each threshold, the coaches whose rate is not above it. */
    private final long[][] rateAtMost;
    private final int minCapacity;
    /** For each of {@link #CAPACITY_STEPS}, the coaches taking at least that many participants. */
    private final long[][] capacityAtLeast;
    private final ConcurrentHashMap<ReachKey, long[][]> reachCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ScoreWeights, float[][]> staticCache = new ConcurrentHashMap<>();

    private CatalogIndex(Collection<CoachProfile> coaches, CurrencyRates rates) {
        size = coaches.size();
        words = (size + 63) >>> 6;
        this.rates = rates;
        profiles = new CoachProfile[size];
        positionById = new HashMap<>(size * 2);
        activeBits = new long[words];
        sessionBits = new long[SESSION_TYPES.length][words];
        rateUsd = new double[size];
        maxParticipants = new int[size];
        languageBits = new HashMap<>();
        experienceYears = new double[size];
        ratingScore = new double[size];
        ratingQuality = new double[size];
        ratingCount = new int[size];
        zoneOf = new short[size];
        runOffset = new int[size + 1];
        hours = new long[size * 6];
        priceRate = new float[size];
        RunBuilder runBuilder = new RunBuilder(size * 4);
        Map<ZoneId, Integer> zoneIds = new HashMap<>();
        List<ZoneId> zoneList = new ArrayList<>();
        skillIds = new HashMap<>();
        List<PostingBuilder> postings = new ArrayList<>();

        int c = 0;
        for (CoachProfile profile : coaches) {
            CoachFacts f = CoachFacts.of(profile, rates);
            CoachProfile p = f.profile();
            profiles[c] = p;
            if (positionById.put(p.id(), c) != null) {
                throw new IllegalArgumentException("coach id '" + p.id() + "' appears twice in the catalog");
            }
            long bit = 1L << (c & 63);
            int w = c >>> 6;
            if (f.active()) {
                activeBits[w] |= bit;
            }
            for (SessionType t : SESSION_TYPES) {
                if (f.offers(t)) {
                    sessionBits[t.ordinal()][w] |= bit;
                }
            }
            rateUsd[c] = f.rateUsd();
            maxParticipants[c] = f.maxParticipants();
            for (String l : f.languages()) {
                languageBits.computeIfAbsent(l, k -> new long[words])[w] |= bit;
            }
            experienceYears[c] = f.experienceYears();
            ratingScore[c] = f.ratingScore();
            ratingQuality[c] = f.ratingQuality();
            ratingCount[c] = f.ratingCount();
            Integer z = zoneIds.get(f.zone());
            if (z == null) {
                z = zoneList.size();
                zoneIds.put(f.zone(), z);
                zoneList.add(f.zone());
            }
            zoneOf[c] = (short) (int) z;
            runBuilder.addRuns(f.localMask());
            hourMasks(f.localMask(), hours, c * 6);
            runOffset[c + 1] = runBuilder.n;
            double pr = rateUsd[c];
            priceRate[c] = (float) Math.max(0, Double.isFinite(pr) ? pr : Scores.REFERENCE_RATE_USD);
            for (Map.Entry<String, CoachFacts.SkillFact> e : f.skills().entrySet()) {
                Integer id = skillIds.get(e.getKey());
                if (id == null) {
                    id = postings.size();
                    skillIds.put(e.getKey(), id);
                    postings.add(new PostingBuilder());
                }
                postings.get(id).add(c, e.getValue());
            }
            c++;
        }
        if (c != size) {
            throw new IllegalArgumentException("the catalog changed while it was indexed");
        }
        runs = Arrays.copyOf(runBuilder.cells, runBuilder.n * 2);
        if (zoneList.size() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many distinct timezones: " + zoneList.size());
        }
        zones = zoneList.toArray(ZoneId[]::new);
        int k = postings.size();
        postingCoach = new int[k][];
        postingFit = new double[k][];
        for (int i = 0; i < k; i++) {
            PostingBuilder b = postings.get(i);
            postingCoach[i] = Arrays.copyOf(b.coach, b.n);
            postingFit[i] = Arrays.copyOf(b.fit, b.n * EXPERIENCE_LEVELS);
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> profiles[a].id().compareTo(profiles[b].id()));
        idRank = new int[size];
        for (int r = 0; r < size; r++) {
            idRank[order[r]] = r;
        }
        experienceScore = new double[EXPERIENCE_LEVELS][size];
        int minCap = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            for (int h = 0; h < EXPERIENCE_LEVELS; h++) {
                experienceScore[h][i] = Scores.experience(experienceYears[i], h);
            }
            minCap = Math.min(minCap, maxParticipants[i]);
        }
        minCapacity = minCap;
        capacityAtLeast = new long[CAPACITY_STEPS.length][words];
        for (int i = 0; i < size; i++) {
            for (int step = 0; step < CAPACITY_STEPS.length && maxParticipants[i] >= CAPACITY_STEPS[step]; step++) {
                capacityAtLeast[step][i >>> 6] |= 1L << (i & 63);
            }
        }
        double[] sorted = Arrays.copyOf(rateUsd, size);
        Arrays.sort(sorted);
        int buckets = Math.max(2, Math.min(RATE_BUCKETS, size));
        rateThreshold = new double[buckets];
        for (int b = 0; b < buckets - 1; b++) {
            double t = size == 0 ? 0.0 : sorted[Math.max(0, (int) ((long) (b + 1) * size / buckets) - 1)];
            t = Double.isNaN(t) ? Double.POSITIVE_INFINITY : t;
            rateThreshold[b] = b == 0 ? t : Math.max(rateThreshold[b - 1], t);
        }
        rateThreshold[buckets - 1] = Double.POSITIVE_INFINITY;
        rateAtMost = new long[buckets][words];
        for (int i = 0; i < size; i++) {
            for (int b = 0; b < buckets; b++) {
                if (!(rateUsd[i] > rateThreshold[b])) {
                    rateAtMost[b][i >>> 6] |= 1L << (i & 63);
                }
            }
        }
        scratch = ThreadLocal.withInitial(() -> new Scratch(size, words));
    }

    /**
     * Builds the index of a catalog.
     *
     * @throws IllegalArgumentException for a duplicate coach id, an unknown currency or timezone
     */
    public static CatalogIndex build(Collection<CoachProfile> coaches, CurrencyRates rates) {
        return new CatalogIndex(coaches, rates);
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
        int alive = filter(q, s, excluded, mandatoryCount, zonePrefix, counts);

        Run run = s.run;
        run.start(this, q, w, minScore, model, zonePrefix, s.heap(q.maxResults()));
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
                double fit = noBudget ? 1.0 - 0.5 * Math.min(1.0, rate * INVERSE_REFERENCE_RATE)
                        : 1.0 - 0.5 * Scores.clamp(nonPositiveBudget ? 1.0 : rate * inverseBudget);
                double base = staticPart[c] + skillWeight * skill + priceFitWeight * fit;
                double modelBest = scorer == null ? 0.0
                        : blend * scorer.upperBound(c, skill, base + availabilityWeight + BOUND_SLACK + 1e-6, Double.NaN);
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
                if (full && upper + 1e-6 < worst && keep * (approx - BOUND_SLACK) >= countFrom) {
                    counted++;
                    continue;
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

    /**
     * The hard filters, 64 coaches at a time: each filter is a word of bits (precomputed, or built
     * for the few coaches a word-wide test cannot decide), and a coach is counted under the first
     * filter that clears its bit. Leaves the coaches that pass in {@code s.pass}; returns the number
     * of coaches not excluded.
     */
    private int filter(MatchQuery q, Scratch s, long[] excluded, int mandatoryCount, int[][] zonePrefix, int[] counts) {
        long[] langUnion = null;
        String[] langs = q.languages();
        if (langs.length > 0) {
            langUnion = s.langUnion;
            Arrays.fill(langUnion, 0L);
            for (String l : langs) {
                long[] bits = languageBits.get(l);
                if (bits != null) {
                    for (int i = 0; i < words; i++) {
                        langUnion[i] |= bits[i];
                    }
                }
            }
        }
        long[] session = sessionBits[q.sessionType().ordinal()];
        double budget = q.budgetUsd() + 1e-9;
        boolean hasBudget = budget < Double.POSITIVE_INFINITY;
        long[] sureRate = null;
        long[] nextRate = null;
        if (hasBudget) {
            int k = rateBucketAtMost(budget);
            sureRate = k < 0 ? null : rateAtMost[k];
            nextRate = rateAtMost[k + 1];
        }
        int participants = q.participants();
        boolean checkCapacity = participants > minCapacity;
        // coaches taking at least the next step up surely pass; those from the step below it are checked one by one
        long[] capacitySure = null;
        long[] capacityMaybe = null;
        if (checkCapacity && participants >= 1) {
            int k = 0;
            while (k < CAPACITY_STEPS.length && CAPACITY_STEPS[k] < participants) {
                k++;
            }
            if (k < CAPACITY_STEPS.length) {
                capacitySure = capacityAtLeast[k];
                capacityMaybe = CAPACITY_STEPS[k] == participants || k == 0 ? capacitySure : capacityAtLeast[k - 1];
            }
        }
        boolean strictAvailability = q.flexibility() == 0.0;
        int requestedCells = q.requestedCells();
        long[] mandatoryBits = s.mandatoryBits;
        long[] pass = s.pass;
        long[][] zoneHours = s.zoneHours;
        int alive = 0;
        for (int wi = 0; wi < words; wi++) {
            long bits = wi == words - 1 && (size & 63) != 0 ? (1L << (size & 63)) - 1 : -1L;
            if (excluded != null) {
                bits &= ~excluded[wi];
            }
            int before = Long.bitCount(bits);
            alive += before;
            bits &= activeBits[wi];
            int after = Long.bitCount(bits);
            counts[0] += before - after;
            before = after;
            bits &= session[wi];
            after = Long.bitCount(bits);
            counts[1] += before - after;
            before = after;
            if (hasBudget && bits != 0) {
                long sure = sureRate == null ? 0L : sureRate[wi];
                long ok = bits & sure;
                long edge = bits & nextRate[wi] & ~sure;
                while (edge != 0) {
                    int c = (wi << 6) | Long.numberOfTrailingZeros(edge);
                    long bit = edge & -edge;
                    edge &= edge - 1;
                    if (!(rateUsd[c] > budget)) {
                        ok |= bit;
                    }
                }
                bits = ok;
                after = Long.bitCount(bits);
                counts[2] += before - after;
                before = after;
            }
            if (checkCapacity && bits != 0) {
                long scan = capacitySure == null ? bits : bits & capacityMaybe[wi] & ~capacitySure[wi];
                if (capacitySure != null) {
                    bits &= capacityMaybe[wi];
                }
                while (scan != 0) {
                    int c = (wi << 6) | Long.numberOfTrailingZeros(scan);
                    long bit = scan & -scan;
                    scan &= scan - 1;
                    if (maxParticipants[c] < participants) {
                        bits &= ~bit;
                    }
                }
                after = Long.bitCount(bits);
                counts[3] += before - after;
                before = after;
            }
            if (langUnion != null) {
                bits &= langUnion[wi];
                after = Long.bitCount(bits);
                counts[4] += before - after;
                before = after;
            }
            if (mandatoryCount > 0) {
                bits &= mandatoryBits[wi];
                after = Long.bitCount(bits);
                counts[5] += before - after;
                before = after;
            }
            if (strictAvailability && bits != 0) {
                if (requestedCells == 0) {
                    bits = 0;
                } else {
                    long scan = bits;
                    while (scan != 0) {
                        int c = (wi << 6) | Long.numberOfTrailingZeros(scan);
                        long bit = scan & -scan;
                        scan &= scan - 1;
                        if (!overlapsAny(zoneHours[zoneOf[c]], zonePrefix[zoneOf[c]], c)) {
                            bits &= ~bit;
                        }
                    }
                }
                after = Long.bitCount(bits);
                counts[6] += before - after;
            }
            pass[wi] = bits;
        }
        return alive;
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
     * Whether the coach covers any requested quarter hour. Decided from hour masks where they can
     * (no hour in common: no; a requested hour the coach covers whole, or a coach hour the request
     * covers whole: yes), from the runs otherwise.
     */
    private boolean overlapsAny(long[] requestHours, int[] prefix, int c) {
        int o = c * 6;
        long a0 = hours[o];
        long a1 = hours[o + 1];
        long a2 = hours[o + 2];
        if (((a0 & requestHours[0]) | (a1 & requestHours[1]) | (a2 & requestHours[2])) == 0) {
            return false;
        }
        if (((hours[o + 3] & requestHours[0]) | (hours[o + 4] & requestHours[1]) | (hours[o + 5] & requestHours[2])) != 0
                || ((a0 & requestHours[3]) | (a1 & requestHours[4]) | (a2 & requestHours[5])) != 0) {
            return true;
        }
        for (int r = runOffset[c] * 2, end = runOffset[c + 1] * 2; r < end; r += 2) {
            if (prefix[runs[r + 1]] != prefix[runs[r]]) {
                return true;
            }
        }
        return false;
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

    /** The largest k with {@code rateThreshold[k] <= budget}, or -1. */
    private int rateBucketAtMost(double budget) {
        int lo = 0;
        int hi = rateThreshold.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (rateThreshold[mid] <= budget) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Math.min(found, rateThreshold.length - 2);
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

    private record ReachKey(ScoreWeights weights, double threshold) {
    }

    /**
     * Scores the coaches that pass the filters for one request, keeping the top list and the exact
     * number of coaches that reach the minimum score while computing as little as it can.
     */
    private static final class Run {

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

        void start(CatalogIndex index, MatchQuery q, ScoreWeights w, double minScore, ModelScorer model,
                int[][] zonePrefix, TopHeap heap) {
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
            double coverage = requestedCells == 0 ? 0.0
                    : x.overlap(zonePrefix[x.zoneOf[c]], c) / (double) requestedCells;
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

    /** Collects the runs of set cells of weekly masks, split at the end of the week. */
    private static final class RunBuilder {
        char[] cells;
        int n;

        RunBuilder(int capacity) {
            cells = new char[Math.max(16, capacity * 2)];
        }

        void addRuns(long[] mask) {
            int cell = 0;
            while (cell < WeekMask.CELLS) {
                int w = cell >>> 6;
                long word = mask[w] & (-1L << (cell & 63));
                while (word == 0 && ++w < WeekMask.WORDS) {
                    word = mask[w];
                }
                if (w >= WeekMask.WORDS) {
                    return;
                }
                int start = (w << 6) + Long.numberOfTrailingZeros(word);
                if (start >= WeekMask.CELLS) {
                    return;
                }
                w = start >>> 6;
                long clear = ~mask[w] & (-1L << (start & 63));
                while (clear == 0 && ++w < WeekMask.WORDS) {
                    clear = ~mask[w];
                }
                int end = w >= WeekMask.WORDS ? WeekMask.CELLS
                        : Math.min(WeekMask.CELLS, (w << 6) + Long.numberOfTrailingZeros(clear));
                if (2 * n + 2 > cells.length) {
                    cells = Arrays.copyOf(cells, cells.length * 2);
                }
                cells[2 * n] = (char) start;
                cells[2 * n + 1] = (char) end;
                n++;
                cell = end;
            }
        }
    }

    private static final class PostingBuilder {
        int n;
        int[] coach = new int[4];
        double[] fit = new double[4 * EXPERIENCE_LEVELS];

        void add(int c, CoachFacts.SkillFact f) {
            if (n == coach.length) {
                int cap = n * 2;
                coach = Arrays.copyOf(coach, cap);
                fit = Arrays.copyOf(fit, cap * EXPERIENCE_LEVELS);
            }
            coach[n] = c;
            for (int r = 0; r < EXPERIENCE_LEVELS; r++) {
                fit[n * EXPERIENCE_LEVELS + r] = Scores.skillFit(f.level(), f.years(), f.certifications(), r);
            }
            n++;
        }
    }

    /** Per-thread working memory, reused across requests so matching allocates almost nothing. */
    private static final class Scratch {
        final int[] stamp;
        final double[] skill;
        final byte[] mandatoryHits;
        final int[] touched;
        final long[] langUnion;
        final long[] pass;
        final long[] mandatoryBits;
        final long[] skilledBits;
        final Run run = new Run();
        int[][] prefixes = new int[0][];
        int[][] prefixOfZone = new int[0][];
        long[][] maskOfZone = new long[0][];
        long[][] hoursOfZone = new long[0][];
        long[][] zoneHours = new long[0][];
        TopHeap heap;
        int generation;

        Scratch(int size, int words) {
            stamp = new int[size];
            skill = new double[size];
            mandatoryHits = new byte[size];
            touched = new int[size];
            langUnion = new long[words];
            pass = new long[words];
            mandatoryBits = new long[words];
            skilledBits = new long[words];
        }

        void nextGeneration() {
            generation++;
            if (generation == 0) {
                Arrays.fill(stamp, 0);
                generation = 1;
            }
        }

        /**
         * For every zone of the catalog, prefix sums of the requested quarter hours expressed in that
         * zone's local time: {@code p[e] - p[s]} is the number of requested cells in {@code [s, e)}.
         * Zones at the same offset share one array.
         */
        int[][] zonePrefix(MatchQuery q, ZoneId[] zones) {
            int n = zones.length;
            if (prefixes.length < n) {
                prefixes = new int[n][WeekMask.CELLS + 1];
                prefixOfZone = new int[n][];
                maskOfZone = new long[n][];
                hoursOfZone = new long[n][6];
                zoneHours = new long[n][];
            }
            for (int z = 0; z < n; z++) {
                int off = MatchQuery.roundToCell(zones[z].getRules().getOffset(q.at()).getTotalSeconds() / 60);
                long[] mask = q.requestedMaskAtOffset(off);
                maskOfZone[z] = mask;
                int[] shared = null;
                for (int y = 0; y < z; y++) {
                    if (maskOfZone[y] == mask) {
                        shared = prefixOfZone[y];
                        zoneHours[z] = zoneHours[y];
                        break;
                    }
                }
                if (shared == null) {
                    Arrays.fill(hoursOfZone[z], 0L);
                    hourMasks(mask, hoursOfZone[z], 0);
                    zoneHours[z] = hoursOfZone[z];
                    shared = prefixes[z];
                    int sum = 0;
                    for (int cell = 0; cell < WeekMask.CELLS; cell++) {
                        sum += (int) ((mask[cell >>> 6] >>> (cell & 63)) & 1L);
                        shared[cell + 1] = sum;
                    }
                }
                prefixOfZone[z] = shared;
            }
            return prefixOfZone;
        }

        TopHeap heap(int capacity) {
            if (heap == null || heap.capacity() < capacity) {
                heap = new TopHeap(MatchingSettings.MAX_RESULTS_LIMIT);
            }
            heap.reset(capacity);
            return heap;
        }
    }
}
