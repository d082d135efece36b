package io.coachmatch.core.artifact;

import io.coachmatch.core.contract.AvailabilitySlot;
import io.coachmatch.core.contract.CoachMetrics;
import io.coachmatch.core.contract.CoachProfile;
import io.coachmatch.core.contract.CoachSkill;
import io.coachmatch.core.contract.Rating;
import io.coachmatch.core.contract.SessionType;
import io.coachmatch.core.contract.SkillLevel;
import io.coachmatch.core.features.Documents;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.features.TfIdf;
import io.coachmatch.core.synthetic.SyntheticCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small hand-built coaches and models for artifact tests. */
final class TestModels {

    private TestModels() {}

    static CoachProfile coach(
            String id, String skill, SkillLevel level, double years, double rate, double avg, int count, String bio) {
        return new CoachProfile(
                id,
                "Coach " + id,
                "Engineer",
                null,
                bio,
                List.of(new CoachSkill(skill, level, years, List.of())),
                years + 2,
                List.of("en"),
                List.of(SessionType.INDIVIDUAL, SessionType.GROUP),
                10,
                rate,
                "USD",
                "UTC",
                List.of(new AvailabilitySlot(1, "09:00", "17:00"), new AvailabilitySlot(2, "09:00", "17:00")),
                new Rating(avg, count),
                new CoachMetrics(50, 0.9, 4.0, 0.3),
                true,
                Instant.parse("2026-11-01T00:00:00Z"));
    }

    static List<CoachProfile> coaches() {
        return List.of(
                coach("c1", "React", SkillLevel.EXPERT, 8, 120, 4.8, 120, "React and TypeScript front ends"),
                coach("c2", "ReactJS", SkillLevel.ADVANCED, 4, 90, 4.2, 15, "Front end mentor, react hooks"),
                coach("c3", "Kubernetes", SkillLevel.EXPERT, 6, 140, 4.9, 60, "Cloud platforms and k8s operators"),
                coach("c4", "Go", SkillLevel.INTERMEDIATE, 2, 60, 3.9, 4, "Backend services in golang"));
    }

    /** A linear model over the test coaches' vocabulary, weights chosen by hand. */
    static ModelDefinition linear(double blend) {
        TextNormalizer n = TextNormalizer.defaults();
        Documents docs = new Documents(n, Documents.DEFAULT_SKILL_BOOST);
        List<Map<String, Double>> corpus = new ArrayList<>();
        for (CoachProfile c : coaches()) {
            corpus.add(docs.coach(c));
        }
        TfIdf tfidf = TfIdf.fit(corpus, 1000);
        int f = FeatureExtractor.SIZE;
        double[] weights = new double[f];
        double[] mean = new double[f];
        double[] scale = new double[f];
        for (int i = 0; i < f; i++) {
            weights[i] = 0.05 * ((i % 5) - 2);
            mean[i] = 0.5;
            scale[i] = 0.25 + 0.01 * i;
        }
        weights[FeatureExtractor.FEATURES.indexOf("tfidf_cosine")] = 1.5;
        return new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.LINEAR,
                FeatureExtractor.FEATURES,
                new ModelDefinition.Text(
                        docs.skillBoost(), n.synonyms(), List.copyOf(n.stopWords()), tfidf.vocabulary(), tfidf.idf()),
                new ModelDefinition.Standardisation(mean, scale),
                new ModelDefinition.Linear(weights, 0.3),
                null,
                ModelDefinition.Calibration.minMax(-4, 6),
                blend);
    }

    /** Two small trees over the tfidf cosine and the shrunk rating. */
    static ModelDefinition gbt(double blend) {
        ModelDefinition lin = linear(blend);
        int cos = FeatureExtractor.FEATURES.indexOf("tfidf_cosine");
        int rating = FeatureExtractor.FEATURES.indexOf("shrunk_rating");
        ModelDefinition.Tree t1 = new ModelDefinition.Tree(
                new int[] {cos, -1, rating, -1, -1},
                new double[] {0.2, 0, 0.6, 0, 0},
                new int[] {1, 0, 3, 0, 0},
                new int[] {2, 0, 4, 0, 0},
                new double[] {0, -1.0, 0, 0.5, 1.5});
        ModelDefinition.Tree t2 = new ModelDefinition.Tree(
                new int[] {-1}, new double[] {0}, new int[] {0}, new int[] {0}, new double[] {0.25});
        return new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.GBT,
                FeatureExtractor.FEATURES,
                lin.text(),
                null,
                null,
                new ModelDefinition.Gbt(1.0, 0.5, List.of(t1, t2)),
                ModelDefinition.Calibration.logistic(1.0, -1.0),
                blend);
    }

    /**
     * What a format-2 model learns, by hand: a skill vocabulary (every skill of the synthetic catalog), a few related
     * pairs among it, and engagement counts for the first 300 synthetic coaches.
     */
    static ModelDefinition.Learned learned() {
        TextNormalizer n = TextNormalizer.defaults();
        List<String> vocabulary = new ArrayList<>();
        for (List<String> cluster : SyntheticCatalog.skillClusters()) {
            for (String skill : cluster) {
                String key = n.skill(skill);
                if (!vocabulary.contains(key)) {
                    vocabulary.add(key);
                }
            }
        }
        String[][] pairs = {
            {"React", "Next.js", "0.9"}, {"Next.js", "React", "0.9"}, {"Python", "Pandas", "0.6"},
            {"Java", "Kotlin", "0.7"}, {"Kotlin", "Java", "0.7"}, {"SQL", "PostgreSQL", "0.8"}
        };
        int[] from = new int[pairs.length];
        int[] to = new int[pairs.length];
        double[] value = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            from[i] = vocabulary.indexOf(n.skill(pairs[i][0]));
            to[i] = vocabulary.indexOf(n.skill(pairs[i][1]));
            value[i] = Double.parseDouble(pairs[i][2]);
        }
        SplittableRandom r = new SplittableRandom(17);
        int coaches = 300;
        List<String> ids = new ArrayList<>();
        double[][] counts = new double[7][coaches];
        for (int c = 0; c < coaches; c++) {
            ids.add(String.format("coach_%06d", c + 1));
            double impressions = r.nextInt(200);
            counts[0][c] = impressions * 0.6;
            counts[1][c] = impressions;
            counts[2][c] = Math.floor(impressions * 0.3 * r.nextDouble());
            counts[3][c] = Math.floor(counts[2][c] * r.nextDouble());
            counts[4][c] = Math.floor(counts[3][c] * r.nextDouble());
            counts[6][c] = Math.floor(counts[4][c] * 0.8);
            counts[5][c] = Math.floor(counts[6][c] * r.nextDouble());
        }
        return new ModelDefinition.Learned(
                new ModelDefinition.Relatedness(List.copyOf(vocabulary), from, to, value),
                new ModelDefinition.Behaviour(
                        Instant.parse("2026-11-20T00:00:00Z"),
                        new double[] {1.0, 1.0, 0.8, 0.7, 0.6, 0.5},
                        new double[] {0.2, 0.1, 0.05, 0.7},
                        new double[] {20, 30, 40, 5},
                        List.copyOf(ids),
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        counts[4],
                        counts[5],
                        counts[6]));
    }

    /** {@link #linear} with learned tables (format 2): every feature weighs something. */
    static ModelDefinition learnedLinear(double blend) {
        ModelDefinition lin = linear(blend);
        double[] weights = lin.linear().weights().clone();
        weights[FeatureExtractor.FEATURES.indexOf("related_skill_match")] = 0.8;
        weights[FeatureExtractor.FEATURES.indexOf("skill_fit")] = 0.6;
        weights[FeatureExtractor.FEATURES.indexOf("bio_skill_coverage")] = 0.4;
        weights[FeatureExtractor.FEATURES.indexOf("booking_rate")] = 2.0;
        return new ModelDefinition(
                lin.formatVersion(),
                lin.algorithm(),
                lin.features(),
                lin.text(),
                lin.standardisation(),
                new ModelDefinition.Linear(weights, lin.linear().bias()),
                null,
                lin.calibration(),
                blend,
                learned());
    }

    /**
     * Trees over learned features (relatedness, skill fit, booking rate) with {@link #learnedLinear}'s weights as a
     * first phase that keeps the best {@code rerank}.
     */
    static ModelDefinition phasedTrees(double blend, int rerank) {
        ModelDefinition lin = learnedLinear(blend);
        int related = FeatureExtractor.FEATURES.indexOf("related_skill_match");
        int fit = FeatureExtractor.FEATURES.indexOf("skill_fit");
        int booking = FeatureExtractor.FEATURES.indexOf("booking_rate");
        int cos = FeatureExtractor.FEATURES.indexOf("tfidf_cosine");
        ModelDefinition.Tree t1 = new ModelDefinition.Tree(
                new int[] {related, -1, fit, -1, -1},
                new double[] {0.4, 0, 0.7, 0, 0},
                new int[] {1, 0, 3, 0, 0},
                new int[] {2, 0, 4, 0, 0},
                new double[] {0, -1.0, 0, 0.6, 1.4});
        ModelDefinition.Tree t2 = new ModelDefinition.Tree(
                new int[] {booking, cos, -1, -1, -1},
                new double[] {0.05, 0.15, 0, 0, 0},
                new int[] {1, 2, 0, 0, 0},
                new int[] {4, 3, 0, 0, 0},
                new double[] {0, 0, -0.3, 0.2, 0.5});
        return new ModelDefinition(
                ModelDefinition.FORMAT_VERSION,
                ModelDefinition.LAMBDAMART,
                FeatureExtractor.FEATURES,
                lin.text(),
                null,
                null,
                new ModelDefinition.Gbt(0.0, 1.0, List.of(t1, t2)),
                ModelDefinition.Calibration.minMax(-1.5, 2.0),
                blend,
                lin.learned(),
                new ModelDefinition.FirstPhase(lin.standardisation(), lin.linear(), lin.calibration(), rerank));
    }

    static Manifest draft(String algorithm) {
        return new Manifest(
                ModelDefinition.FORMAT_VERSION,
                null,
                Instant.parse("2026-11-28T12:00:00Z"),
                null,
                algorithm,
                "hand-built",
                Map.of("epochs", 1),
                42L,
                "test",
                Map.of("requests", 1L),
                Map.of("rules", Map.of("ndcg_at_10", 0.5)),
                0.5,
                Map.of("java", "17"),
                null);
    }
}
