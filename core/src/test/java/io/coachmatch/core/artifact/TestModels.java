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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
