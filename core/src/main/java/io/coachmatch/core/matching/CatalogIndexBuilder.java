package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.WeekMask;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the columns of a {@link CatalogIndex} from a catalog, in one pass over the coaches and a
 * few over the columns; {@link CatalogIndex#build} is its only user. The fields are what the index
 * and its {@link HardFilters} keep; single use, not thread-safe.
 */
final class CatalogIndexBuilder {

    private static final SessionType[] SESSION_TYPES = SessionType.values();
    private static final int RATE_BUCKETS = 64;

    final int size;
    final int words;
    final CurrencyRates rates;
    final CoachProfile[] profiles;
    final Map<String, Integer> positionById;
    int[] idRank;
    final long[] activeBits;
    final long[][] sessionBits;
    final double[] rateUsd;
    final int[] maxParticipants;
    final Map<String, long[]> languageBits;
    final double[] experienceYears;
    final double[] ratingScore;
    final double[] ratingQuality;
    final int[] ratingCount;
    ZoneId[] zones;
    final short[] zoneOf;
    char[] runs;
    final int[] runOffset;
    final long[] hours;
    final float[] priceRate;
    final Map<String, Integer> skillIds;
    int[][] postingCoach;
    double[][] postingFit;
    double[][] experienceScore;
    HardFilters filters;

    private final Collection<CoachProfile> coaches;

    CatalogIndexBuilder(Collection<CoachProfile> coaches, CurrencyRates rates) {
        this.coaches = coaches;
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
        skillIds = new HashMap<>();
    }

    /**
     * Builds the index.
     *
     * @throws IllegalArgumentException for a duplicate coach id, an unknown currency or timezone
     */
    CatalogIndex build() {
        RunBuilder runBuilder = new RunBuilder(size * 4);
        Map<ZoneId, Integer> zoneIds = new HashMap<>();
        List<ZoneId> zoneList = new ArrayList<>();
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
            CatalogIndex.hourMasks(f.localMask(), hours, c * 6);
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
            postingFit[i] = Arrays.copyOf(b.fit, b.n * CatalogIndex.EXPERIENCE_LEVELS);
        }
        idRanks();
        experienceScores();
        filters = new HardFilters(
                size,
                words,
                activeBits,
                sessionBits,
                languageBits,
                rateUsd,
                maxParticipants,
                minCapacity(),
                capacitySteps(),
                rateThresholds(),
                zoneOf,
                runs,
                runOffset,
                hours);
        return new CatalogIndex(this);
    }

    /** Each coach's rank in the order of coach ids. */
    private void idRanks() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> profiles[a].id().compareTo(profiles[b].id()));
        idRank = new int[size];
        for (int r = 0; r < size; r++) {
            idRank[order[r]] = r;
        }
    }

    /** {@link Scores#experience} of each coach against each highest required level, beginner .. expert. */
    private void experienceScores() {
        experienceScore = new double[CatalogIndex.EXPERIENCE_LEVELS][size];
        for (int i = 0; i < size; i++) {
            for (int h = 0; h < CatalogIndex.EXPERIENCE_LEVELS; h++) {
                experienceScore[h][i] = Scores.experience(experienceYears[i], h);
            }
        }
    }

    private int minCapacity() {
        int minCap = Integer.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            minCap = Math.min(minCap, maxParticipants[i]);
        }
        return minCap;
    }

    /** For each of {@link HardFilters#CAPACITY_STEPS}, the coaches taking at least that many participants. */
    private long[][] capacitySteps() {
        int[] steps = HardFilters.CAPACITY_STEPS;
        long[][] capacityAtLeast = new long[steps.length][words];
        for (int i = 0; i < size; i++) {
            for (int step = 0; step < steps.length && maxParticipants[i] >= steps[step]; step++) {
                capacityAtLeast[step][i >>> 6] |= 1L << (i & 63);
            }
        }
        return capacityAtLeast;
    }

    /** Ascending rate thresholds (USD, the last infinite) and for each, the coaches whose rate is not above it. */
    private HardFilters.RateBuckets rateThresholds() {
        double[] sorted = Arrays.copyOf(rateUsd, size);
        Arrays.sort(sorted);
        int buckets = Math.max(2, Math.min(RATE_BUCKETS, size));
        double[] rateThreshold = new double[buckets];
        for (int b = 0; b < buckets - 1; b++) {
            double t = size == 0 ? 0.0 : sorted[Math.max(0, (int) ((long) (b + 1) * size / buckets) - 1)];
            t = Double.isNaN(t) ? Double.POSITIVE_INFINITY : t;
            rateThreshold[b] = b == 0 ? t : Math.max(rateThreshold[b - 1], t);
        }
        rateThreshold[buckets - 1] = Double.POSITIVE_INFINITY;
        long[][] rateAtMost = new long[buckets][words];
        for (int i = 0; i < size; i++) {
            for (int b = 0; b < buckets; b++) {
                if (!(rateUsd[i] > rateThreshold[b])) {
                    rateAtMost[b][i >>> 6] |= 1L << (i & 63);
                }
            }
        }
        return new HardFilters.RateBuckets(rateThreshold, rateAtMost);
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
                int end = w >= WeekMask.WORDS
                        ? WeekMask.CELLS
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

    /** The postings of one skill: the coaches that list it and their skill fit for each required level. */
    private static final class PostingBuilder {
        int n;
        int[] coach = new int[4];
        double[] fit = new double[4 * CatalogIndex.EXPERIENCE_LEVELS];

        void add(int c, CoachFacts.SkillFact f) {
            if (n == coach.length) {
                int cap = n * 2;
                coach = Arrays.copyOf(coach, cap);
                fit = Arrays.copyOf(fit, cap * CatalogIndex.EXPERIENCE_LEVELS);
            }
            coach[n] = c;
            for (int r = 0; r < CatalogIndex.EXPERIENCE_LEVELS; r++) {
                fit[n * CatalogIndex.EXPERIENCE_LEVELS + r] =
                        Scores.skillFit(f.level(), f.years(), f.certifications(), r);
            }
            n++;
        }
    }
}
