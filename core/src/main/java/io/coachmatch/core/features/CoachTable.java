package io.coachmatch.core.features;

import io.coachmatch.core.matching.CoachFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * What the features need of every coach of one catalog, as flat arrays indexed like the catalog
 * ({@link FeatureExtractor#table} builds it). Immutable once built; thread-safe.
 */
public final class CoachTable {

    private static final int PARALLEL_FROM = 256;
    private static final int S = FeatureExtractor.STATIC_COUNT;

    final int size;
    final double[] statics;
    final double[] rateUsd;
    /** The coach's inputs to the rule components that follow from the coach alone ({@link CoachFacts}). */
    final double[] experienceYears;

    final double[] ratingQuality;
    final double[] ratingScore;
    final int[] maxParticipants;
    final int[] sessionMask;
    final int[] vecStart;
    final int[] vecIdx;
    final double[] vecVal;
    /** The same vectors transposed: for each term, the coaches that have it and their values. */
    final int[] termStart;

    final int[] termCoach;
    final double[] termVal;
    final int[] skillStart;
    final int[] skillId;
    final byte[] skillLevel;
    final double[] skillYears;
    final int[] skillCerts;
    final int[] langStart;
    final int[] langId;
    /** Each coach's languages as bits, for tables with at most 64 distinct languages (else null). */
    final long[] langMask;

    final Map<String, Integer> skillIds;
    final Map<String, Integer> languageIds;
    /** Skills a coach names in its bio (or title) without listing them, as ids of {@link #skillIds}. */
    final int[] bioStart;

    final int[] bioId;
    /** {@link CoachBehaviour#FEATURES} per coach, as the table was built. */
    final double[] behaviour;
    /** The coaches' ids, in table order. */
    private final List<String> coachIds;

    CoachTable(List<CoachFacts> facts, FeatureExtractor fx) {
        size = facts.size();
        SparseVector[] vectors = new SparseVector[size];
        double[][] st = new double[size][];
        IntStream range = IntStream.range(0, size);
        // small tables (the reference path, an answer's few coaches) are not worth the common pool's hand-off
        (size >= PARALLEL_FROM ? range.parallel() : range).forEach(c -> {
            vectors[c] = fx.tfidf().vectorize(fx.documents().coach(facts.get(c).profile()));
            st[c] = FeatureExtractor.staticFeatures(facts.get(c));
        });
        statics = new double[size * S];
        rateUsd = new double[size];
        experienceYears = new double[size];
        ratingQuality = new double[size];
        ratingScore = new double[size];
        maxParticipants = new int[size];
        sessionMask = new int[size];
        vecStart = new int[size + 1];
        skillStart = new int[size + 1];
        langStart = new int[size + 1];
        skillIds = new HashMap<>();
        languageIds = new HashMap<>();
        int nv = 0;
        for (SparseVector v : vectors) {
            nv += v.size();
        }
        vecIdx = new int[nv];
        vecVal = new double[nv];
        List<Integer> sId = new ArrayList<>();
        List<CoachFacts.SkillFact> sFact = new ArrayList<>();
        List<Integer> lId = new ArrayList<>();
        TextNormalizer normalizer = fx.documents().normalizer();
        int v = 0;
        for (int c = 0; c < size; c++) {
            CoachFacts f = facts.get(c);
            System.arraycopy(st[c], 0, statics, c * S, S);
            rateUsd[c] = f.rateUsd();
            experienceYears[c] = f.experienceYears();
            ratingQuality[c] = f.ratingQuality();
            ratingScore[c] = f.ratingScore();
            maxParticipants[c] = f.maxParticipants();
            int mask = 0;
            for (var t : f.profile().effectiveSessionTypes()) {
                if (t != null) {
                    mask |= 1 << t.ordinal();
                }
            }
            sessionMask[c] = mask;
            SparseVector vec = vectors[c];
            vecStart[c] = v;
            for (int i = 0; i < vec.size(); i++) {
                vecIdx[v] = vec.index(i);
                vecVal[v] = vec.value(i);
                v++;
            }
            Map<String, CoachFacts.SkillFact> skills = new TreeMap<>();
            for (CoachFacts.SkillFact sf : f.skills().values()) {
                skills.merge(normalizer.skill(sf.name()), sf, (a, b) -> a.level() >= b.level() ? a : b);
            }
            skillStart[c] = sId.size();
            for (Map.Entry<String, CoachFacts.SkillFact> e : skills.entrySet()) {
                sId.add(skillIds.computeIfAbsent(e.getKey(), k -> skillIds.size()));
                sFact.add(e.getValue());
            }
            langStart[c] = lId.size();
            for (String l : f.languages()) {
                lId.add(languageIds.computeIfAbsent(l, k -> languageIds.size()));
            }
        }
        vecStart[size] = v;
        skillStart[size] = sId.size();
        langStart[size] = lId.size();
        if (fx.relatedness() != null) {
            for (String k : fx.relatedness().skills()) {
                skillIds.computeIfAbsent(k, x -> skillIds.size());
            }
        }
        int[][] bio = new int[size][];
        List<Integer> listedIds = sId;
        Map<String, Integer> bioVocabulary = new HashMap<>();
        if (fx.relatedness() != null) {
            for (String k : fx.relatedness().skills()) {
                bioVocabulary.put(k, skillIds.get(k));
            }
        }
        (size >= PARALLEL_FROM ? IntStream.range(0, size).parallel() : IntStream.range(0, size))
                .forEach(c -> bio[c] = bioSkills(facts.get(c), normalizer, bioVocabulary, listedIds, c));
        bioStart = new int[size + 1];
        for (int c = 0; c < size; c++) {
            bioStart[c + 1] = bioStart[c] + bio[c].length;
        }
        bioId = new int[bioStart[size]];
        for (int c = 0; c < size; c++) {
            System.arraycopy(bio[c], 0, bioId, bioStart[c], bio[c].length);
        }
        List<String> ids = new ArrayList<>(size);
        for (CoachFacts f : facts) {
            ids.add(f.profile().id());
        }
        coachIds = List.copyOf(ids);
        behaviour = new double[size * CoachBehaviour.FEATURES];
        if (fx.behaviour() != null) {
            for (int c = 0; c < size; c++) {
                fx.behaviour().features(facts.get(c).profile().id(), behaviour, c * CoachBehaviour.FEATURES);
            }
        }
        skillId = new int[sId.size()];
        skillLevel = new byte[sId.size()];
        skillYears = new double[sId.size()];
        skillCerts = new int[sId.size()];
        for (int i = 0; i < skillId.length; i++) {
            skillId[i] = sId.get(i);
            skillLevel[i] = (byte) sFact.get(i).level();
            skillYears[i] = sFact.get(i).years();
            skillCerts[i] = sFact.get(i).certifications();
        }
        langId = new int[lId.size()];
        for (int i = 0; i < langId.length; i++) {
            langId[i] = lId.get(i);
        }
        if (languageIds.size() <= 64) {
            langMask = new long[size];
            for (int c = 0; c < size; c++) {
                for (int k = langStart[c]; k < langStart[c + 1]; k++) {
                    langMask[c] |= 1L << langId[k];
                }
            }
        } else {
            langMask = null;
        }
        int vocabulary = fx.tfidf().vocabulary().size();
        termStart = new int[vocabulary + 1];
        for (int i = 0; i < nv; i++) {
            termStart[vecIdx[i] + 1]++;
        }
        for (int t = 0; t < vocabulary; t++) {
            termStart[t + 1] += termStart[t];
        }
        termCoach = new int[nv];
        termVal = new double[nv];
        int[] fill = Arrays.copyOf(termStart, vocabulary);
        for (int c = 0; c < size; c++) {
            for (int i = vecStart[c]; i < vecStart[c + 1]; i++) {
                int at = fill[vecIdx[i]]++;
                termCoach[at] = c;
                termVal[at] = vecVal[i];
            }
        }
    }

    /** A copy sharing everything but the behaviour features, which are read anew from {@code behaviour}. */
    private CoachTable(CoachTable t, CoachBehaviour b, List<String> ids) {
        size = t.size;
        statics = t.statics;
        rateUsd = t.rateUsd;
        experienceYears = t.experienceYears;
        ratingQuality = t.ratingQuality;
        ratingScore = t.ratingScore;
        maxParticipants = t.maxParticipants;
        sessionMask = t.sessionMask;
        vecStart = t.vecStart;
        vecIdx = t.vecIdx;
        vecVal = t.vecVal;
        termStart = t.termStart;
        termCoach = t.termCoach;
        termVal = t.termVal;
        skillStart = t.skillStart;
        skillId = t.skillId;
        skillLevel = t.skillLevel;
        skillYears = t.skillYears;
        skillCerts = t.skillCerts;
        langStart = t.langStart;
        langId = t.langId;
        langMask = t.langMask;
        skillIds = t.skillIds;
        languageIds = t.languageIds;
        bioStart = t.bioStart;
        bioId = t.bioId;
        coachIds = ids;
        behaviour = new double[size * CoachBehaviour.FEATURES];
        for (int c = 0; c < size; c++) {
            b.features(ids.get(c), behaviour, c * CoachBehaviour.FEATURES);
        }
    }

    /**
     * This table with the behaviour features read again from {@code b} (everything else shared): cheap, so a
     * serving model can refresh what online feedback changed without rebuilding the table.
     */
    public CoachTable withBehaviour(CoachBehaviour b) {
        return new CoachTable(this, b, coachIds);
    }

    /** Longest skill name, in words, looked for in bios. */
    private static final int MAX_SKILL_WORDS = 3;

    /**
     * The ids of the skills of the model's vocabulary that a coach names in its title or bio but does not list:
     * every run of one to three words of the text, normalised as skill names are.
     */
    private int[] bioSkills(
            CoachFacts f, TextNormalizer normalizer, Map<String, Integer> vocabulary, List<Integer> listedIds, int c) {
        if (vocabulary.isEmpty()) {
            return new int[0];
        }
        String title = f.profile().title() == null ? "" : f.profile().title();
        String bio = f.profile().bio() == null ? "" : f.profile().bio();
        String text = normalizer.skill(title + " . " + bio);
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] words = text.split(" ");
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            StringBuilder gram = new StringBuilder();
            for (int k = i; k < Math.min(words.length, i + MAX_SKILL_WORDS); k++) {
                if (k > i) {
                    gram.append(' ');
                }
                gram.append(words[k]);
                Integer id = vocabulary.get(normalizer.skill(gram.toString()));
                if (id != null && !found.contains(id) && !listed(listedIds, c, id)) {
                    found.add(id);
                }
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean listed(List<Integer> listedIds, int c, int id) {
        for (int k = skillStart[c]; k < skillStart[c + 1]; k++) {
            if (listedIds.get(k) == id) {
                return true;
            }
        }
        return false;
    }

    /** The number of skill ids: listed by some coach, named in some bio's vocabulary, or learned. */
    public int skillCount() {
        return skillIds.size();
    }

    /** The id of a normalised skill name, or -1. */
    public int skillId(String normalisedName) {
        return skillIds.getOrDefault(normalisedName, -1);
    }

    /** The skill ids a coach lists. */
    public int[] listedSkills(int c) {
        return Arrays.copyOfRange(skillId, skillStart[c], skillStart[c + 1]);
    }

    /** The skill ids a coach names in its title or bio without listing them. */
    public int[] bioSkills(int c) {
        return Arrays.copyOfRange(bioId, bioStart[c], bioStart[c + 1]);
    }

    /** The normalised name of every skill id, indexed by id. */
    public String[] skillNames() {
        String[] names = new String[skillIds.size()];
        skillIds.forEach((k, id) -> names[id] = k);
        return names;
    }

    /**
     * The cosine of a request vector with every coach, in one pass over the postings of the
     * request's terms (in increasing term order, so each sum adds the same products in the same
     * order as a pairwise dot product would).
     */
    double[] cosines(SparseVector r) {
        double[] out = new double[size];
        for (int j = 0; j < r.size(); j++) {
            int t = r.index(j);
            if (t >= termStart.length - 1) {
                continue;
            }
            double w = r.value(j);
            for (int i = termStart[t], end = termStart[t + 1]; i < end; i++) {
                out[termCoach[i]] += w * termVal[i];
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    /** The coach's unit TF-IDF vector as (term index, value) pairs. */
    public SparseVector vector(int c) {
        int from = vecStart[c];
        int to = vecStart[c + 1];
        return new SparseVector(Arrays.copyOfRange(vecIdx, from, to), Arrays.copyOfRange(vecVal, from, to));
    }
}
