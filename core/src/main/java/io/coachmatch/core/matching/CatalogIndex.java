package io.coachmatch.core.matching;

import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.money.CurrencyRates;
import io.coachmatch.core.time.WeekMask;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * An immutable, in-memory index of one catalog version, built once and then matched against by
 * any number of threads. Coaches are laid out as primitive columns (rates, capacities, rating
 * terms, experience), bit sets (active, session types, languages), packed weekly masks in each
 * coach's local time, and skill postings: for every skill, the coaches that list it with their
 * level, years and certifications.
 *
 * <p>Matching one request ({@link #match}) costs: one pass over the postings of the requested
 * skills; one pass of the cheap filters over the coaches that are active and offer the session type,
 * word by word; and full scoring only for coaches that might still enter the answer. Once the top
 * {@code max_results} are full, a coach whose best possible score (its availability assumed
 * perfect, a model score assumed 1) cannot beat the worst of them is skipped; its availability is
 * computed only when needed to decide whether it reaches the minimum score, so that
 * {@code total_matches} stays exact.
 */
public final class CatalogIndex {

    private static final SessionType[] SESSION_TYPES = SessionType.values();

    private final int size;
    private final int words;
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
    private final long[] localMasks;
    private final Map<String, Integer> skillIds;
    private final int[][] postingCoach;
    private final byte[][] postingLevel;
    private final double[][] postingYears;
    private final byte[][] postingCerts;
    private final ThreadLocal<Scratch> scratch;

    private CatalogIndex(List<CoachFacts> facts) {
        size = facts.size();
        words = (size + 63) >>> 6;
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
        localMasks = new long[size * WeekMask.WORDS];
        Map<ZoneId, Integer> zoneIds = new HashMap<>();
        List<ZoneId> zoneList = new ArrayList<>();
        skillIds = new HashMap<>();
        List<PostingBuilder> postings = new ArrayList<>();

        for (int c = 0; c < size; c++) {
            CoachFacts f = facts.get(c);
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
            System.arraycopy(f.localMask(), 0, localMasks, c * WeekMask.WORDS, WeekMask.WORDS);
            for (Map.Entry<String, CoachFacts.SkillFact> e : f.skills().entrySet()) {
                Integer id = skillIds.get(e.getKey());
                if (id == null) {
                    id = postings.size();
                    skillIds.put(e.getKey(), id);
                    postings.add(new PostingBuilder());
                }
                postings.get(id).add(c, e.getValue());
            }
        }
        if (zoneList.size() > Short.MAX_VALUE) {
            throw new IllegalArgumentException("too many distinct timezones: " + zoneList.size());
        }
        zones = zoneList.toArray(ZoneId[]::new);
        int k = postings.size();
        postingCoach = new int[k][];
        postingLevel = new byte[k][];
        postingYears = new double[k][];
        postingCerts = new byte[k][];
        for (int i = 0; i < k; i++) {
            PostingBuilder b = postings.get(i);
            postingCoach[i] = Arrays.copyOf(b.coach, b.n);
            postingLevel[i] = Arrays.copyOf(b.level, b.n);
            postingYears[i] = Arrays.copyOf(b.years, b.n);
            postingCerts[i] = Arrays.copyOf(b.certs, b.n);
        }
        Integer[] order = new Integer[size];
        for (int c = 0; c < size; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> profiles[a].id().compareTo(profiles[b].id()));
        idRank = new int[size];
        for (int r = 0; r < size; r++) {
            idRank[order[r]] = r;
        }
        scratch = ThreadLocal.withInitial(() -> new Scratch(size, words));
    }

    /**
     * Builds the index of a catalog.
     *
     * @throws IllegalArgumentException for a duplicate coach id, an unknown currency or timezone
     */
    public static CatalogIndex build(Collection<CoachProfile> coaches, CurrencyRates rates) {
        List<CoachFacts> facts = new ArrayList<>(coaches.size());
        for (CoachProfile p : coaches) {
            facts.add(CoachFacts.of(p, rates));
        }
        return new CatalogIndex(facts);
    }

    public int size() {
        return size;
    }

    public CoachProfile coach(int index) {
        return profiles[index];
    }

    public List<CoachProfile> coaches() {
        return List.of(profiles);
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
        int nSkills = q.skillCount();
        int mandatoryCount = 0;
        for (int i = 0; i < nSkills; i++) {
            Integer id = skillIds.get(q.skillKey(i));
            if (q.isMandatory(i)) {
                mandatoryCount++;
            }
            if (id == null) {
                continue;
            }
            int[] coaches = postingCoach[id];
            byte[] levels = postingLevel[id];
            double[] years = postingYears[id];
            byte[] certs = postingCerts[id];
            int required = q.skillLevel(i);
            double weight = q.skillWeight(i);
            boolean mandatory = q.isMandatory(i);
            for (int j = 0; j < coaches.length; j++) {
                int c = coaches[j];
                if (s.stamp[c] != s.generation) {
                    s.stamp[c] = s.generation;
                    s.skill[c] = 0;
                    s.mandatoryHits[c] = 0;
                }
                s.skill[c] += weight * Scores.skillFit(levels[j], years[j], certs[j], required);
                if (mandatory) {
                    s.mandatoryHits[c]++;
                }
            }
        }

        long[] reqByZone = null;
        long[][] zoneMasks = s.zoneMasks(zones.length);
        for (int z = 0; z < zones.length; z++) {
            int off = MatchQuery.roundToCell(zones[z].getRules().getOffset(q.at()).getTotalSeconds() / 60);
            zoneMasks[z] = q.requestedMaskAtOffset(off);
        }
        int requestedCells = q.requestedCells();
        boolean strictAvailability = q.flexibility() == 0.0;

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

        int[] counts = new int[FilterReason.values().length];
        int alive = 0;
        int passed = 0;
        int[] cand = s.candidates;
        long[] session = sessionBits[q.sessionType().ordinal()];
        double budget = q.budgetUsd() + 1e-9;
        int participants = q.participants();
        for (int wi = 0; wi < words; wi++) {
            long all = wi == words - 1 && (size & 63) != 0 ? (1L << (size & 63)) - 1 : -1L;
            if (excluded != null) {
                all &= ~excluded[wi];
            }
            alive += Long.bitCount(all);
            long act = all & activeBits[wi];
            counts[0] += Long.bitCount(all) - Long.bitCount(act);
            long bits = act & session[wi];
            counts[1] += Long.bitCount(act) - Long.bitCount(bits);
            long lang = langUnion == null ? -1L : langUnion[wi];
            while (bits != 0) {
                int c = (wi << 6) | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (rateUsd[c] > budget) {
                    counts[2]++;
                } else if (maxParticipants[c] < participants) {
                    counts[3]++;
                } else if ((lang & (1L << (c & 63))) == 0) {
                    counts[4]++;
                } else if (mandatoryCount > 0 && (s.stamp[c] != s.generation || s.mandatoryHits[c] < mandatoryCount)) {
                    counts[5]++;
                } else if (strictAvailability
                        && (requestedCells == 0 || !WeekMask.intersects(zoneMasks[zoneOf[c]], localMasks, c * WeekMask.WORDS))) {
                    counts[6]++;
                } else {
                    cand[passed++] = c;
                }
            }
        }

        int maxResults = q.maxResults();
        double b = model == null ? 0.0 : Math.max(0.0, Math.min(1.0, model.blendWeight()));
        ModelScorer.RequestScorer scorer = model == null ? null : model.forRequest(q, this);
        TopHeap heap = s.heap(maxResults);
        double flex = q.flexibility();
        int highest = q.highestLevel();
        double availabilityFloor = w.availability() * (flex / 2.0);
        int total = 0;
        double eps = 1e-9;
        for (int i = 0; i < passed; i++) {
            int c = cand[i];
            double skill = s.stamp[c] == s.generation ? Scores.clamp(s.skill[c] / q.totalSkillWeight()) : 0.0;
            double exp = Scores.experience(experienceYears[c], highest);
            double rating = ratingScore[c];
            double price = Scores.price(rateUsd[c], q.budgetUsd(), ratingQuality[c]);
            double partial = w.skill() * skill + w.experience() * exp + w.rating() * rating + w.price() * price;
            double upper = (1 - b) * (partial + w.availability()) + b;
            if (upper < minScore - 1e-6) {
                continue;
            }
            boolean mayEnter = !heap.full() || heap.couldEnter(upper + 1e-6);
            if (!mayEnter) {
                double lower = (1 - b) * (partial + availabilityFloor);
                if (lower >= minScore + 1e-6) {
                    total++;
                    continue;
                }
            }
            double coverage = requestedCells == 0 ? 0.0
                    : WeekMask.overlap(zoneMasks[zoneOf[c]], localMasks, c * WeekMask.WORDS) / (double) requestedCells;
            RuleComponents rc = RuleComponents.of(w, skill, exp, rating, Scores.availability(coverage, flex), price,
                    coverage);
            double score;
            Double modelScore = null;
            if (scorer != null) {
                double m = Scores.clamp(scorer.score(c, rc));
                modelScore = m;
                score = Scores.quantize((1 - b) * rc.total() + b * m);
            } else {
                score = rc.total();
            }
            if (score < minScore - eps) {
                continue;
            }
            total++;
            if (mayEnter) {
                heap.offer(c, score, ratingCount[c], idRank[c], rc, modelScore);
            }
        }
        List<ScoredCoach> top = heap.drainSorted(profiles);
        EnumMap<FilterReason, Integer> filtered = new EnumMap<>(FilterReason.class);
        for (FilterReason r : FilterReason.values()) {
            filtered.put(r, counts[r.ordinal()]);
        }
        return new MatchOutcome(top, total, alive, filtered);
    }

    private static final class PostingBuilder {
        int n;
        int[] coach = new int[4];
        byte[] level = new byte[4];
        double[] years = new double[4];
        byte[] certs = new byte[4];

        void add(int c, CoachFacts.SkillFact f) {
            if (n == coach.length) {
                int cap = n * 2;
                coach = Arrays.copyOf(coach, cap);
                level = Arrays.copyOf(level, cap);
                years = Arrays.copyOf(years, cap);
                certs = Arrays.copyOf(certs, cap);
            }
            coach[n] = c;
            level[n] = (byte) f.level();
            years[n] = f.years();
            certs[n] = (byte) Math.min(Byte.MAX_VALUE, f.certifications());
            n++;
        }
    }

    /** Per-thread working memory, reused across requests so matching allocates almost nothing. */
    private static final class Scratch {
        final int[] stamp;
        final double[] skill;
        final byte[] mandatoryHits;
        final int[] candidates;
        final long[] langUnion;
        long[][] zoneMasks = new long[0][];
        TopHeap heap;
        int generation;

        Scratch(int size, int words) {
            stamp = new int[size];
            skill = new double[size];
            mandatoryHits = new byte[size];
            candidates = new int[size];
            langUnion = new long[words];
        }

        void nextGeneration() {
            generation++;
            if (generation == 0) {
                Arrays.fill(stamp, 0);
                generation = 1;
            }
        }

        long[][] zoneMasks(int n) {
            if (zoneMasks.length < n) {
                zoneMasks = new long[n][];
            }
            return zoneMasks;
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
