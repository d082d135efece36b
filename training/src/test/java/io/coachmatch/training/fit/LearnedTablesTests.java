package io.coachmatch.training.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.contract.FeedbackEvent;
import io.coachmatch.core.contract.FeedbackType;
import io.coachmatch.core.features.CoachBehaviour;
import io.coachmatch.core.features.Feature;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.core.features.TextNormalizer;
import io.coachmatch.core.json.JsonLines;
import io.coachmatch.core.matching.MatchingSettings;
import io.coachmatch.core.synthetic.World;
import io.coachmatch.training.cli.Cli;
import io.coachmatch.training.data.DataLoader;
import io.coachmatch.training.data.DataSet;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.Split;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What training learns beside the weights, on a world whose truth is known. */
class LearnedTablesTests {

    @TempDir
    static Path dir;

    static DataSet data;
    static Split split;
    static Training.Learned learned;

    @BeforeAll
    static void learn() {
        Cli.Run g = Cli.run(
                "generate",
                "--world",
                "delta",
                "--seed",
                "9",
                "--coaches",
                "800",
                "--requests",
                "8000",
                "--out",
                dir.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        MatchingSettings settings = MatchingSettings.defaults();
        data = new DataLoader(settings.rates(), true, line -> {}).load(dir);
        split = Split.byTime(data, 0.2, 0.1);
        learned = Training.learn(data, split, PairFeatures.extractorFor(data.coaches(), 5000), settings);
    }

    @Test
    void learnedRelatednessIsSymmetricAndFindsTheWorldsCloseRelatives() {
        ModelDefinition.Relatedness r = learned.tables().relatedness();
        Map<Long, Double> pairs = new HashMap<>();
        for (int k = 0; k < r.from().length; k++) {
            pairs.put(((long) r.from()[k] << 32) | r.to()[k], r.value()[k]);
            assertThat(r.value()[k]).isBetween(0.0, 1.0);
        }
        pairs.forEach(
                (key, v) -> assertThat(pairs.get((key << 32) | (key >>> 32))).isEqualTo(v));

        World world = World.named("delta");
        TextNormalizer n = TextNormalizer.defaults();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < r.skills().size(); i++) {
            position.put(r.skills().get(i), i);
        }
        double family = 0;
        int familyCount = 0;
        double others = 0;
        int othersCount = 0;
        for (int a = 0; a < world.skills().size(); a++) {
            for (int b = 0; b < world.skills().size(); b++) {
                Integer pa = position.get(n.skill(world.skills().get(a)));
                Integer pb = position.get(n.skill(world.skills().get(b)));
                if (a == b || pa == null || pb == null) {
                    continue;
                }
                double learnedValue = pairs.getOrDefault(((long) pa << 32) | pb, 0.0);
                if (world.relatedness(a, b) >= 0.75) {
                    family += learnedValue;
                    familyCount++;
                } else {
                    others += learnedValue;
                    othersCount++;
                }
            }
        }
        assertThat(familyCount).isGreaterThan(100);
        // close relatives are learned far more related than the rest (never told which they are)
        assertThat(family / familyCount).isGreaterThan(5 * others / othersCount);
        assertThat(family / familyCount).isGreaterThan(0.2);
    }

    @Test
    void aPairsBehaviourFeaturesSeeOnlyWhatHappenedBeforeItsRequest() {
        int booking = Feature.BOOKING_RATE.ordinal();
        int checked = 0;
        for (int r : split.train()) {
            Instant at = data.requests().get(r).createdAt();
            for (DataSet.Pair p : data.pairs().get(r)) {
                if (p.grade() < 2) {
                    continue;
                }
                double[] before = new double[FeatureExtractor.SIZE];
                double[] after = new double[FeatureExtractor.SIZE];
                learned.asOf().write(p.coach(), at, before);
                learned.asOf().write(p.coach(), at.plusSeconds(40 * 86_400L), after);
                // the pair's own booking (and its impression) come after its request: only the later view counts them
                assertThat(after[Feature.HISTORY_COUNT.ordinal()])
                        .isGreaterThan(before[Feature.HISTORY_COUNT.ordinal()]);
                assertThat(after[booking]).isNotEqualTo(before[booking]);
                checked++;
            }
            if (checked > 50) {
                break;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void theShippedCountsCoverEveryEventAndThePriorsAreRates() {
        ModelDefinition.Behaviour b = learned.tables().behaviour();
        long[] byType = new long[FeedbackType.values().length];
        JsonLines.read(
                dir.resolve("feedback.jsonl"),
                FeedbackEvent.class,
                e -> byType[e.type().ordinal()]++,
                e -> {},
                true);
        assertThat(sum(b.impressions())).isEqualTo(byType[FeedbackType.IMPRESSION.ordinal()]);
        assertThat(sum(b.clicks())).isEqualTo(byType[FeedbackType.CLICK.ordinal()]);
        assertThat(sum(b.bookings())).isEqualTo(byType[FeedbackType.BOOKED.ordinal()]);
        assertThat(sum(b.ratings())).isEqualTo(byType[FeedbackType.RATED.ordinal()]);
        CoachBehaviour weights = learned.extractor().behaviour();
        for (int k = 0; k < 4; k++) {
            assertThat(weights.priors()[k]).isBetween(0.0, 1.0);
            assertThat(weights.strengths()[k]).isBetween(1.0, 10_000.0);
        }
        assertThat(b.propensity()[1]).isEqualTo(1.0);
        for (int p = 2; p < b.propensity().length; p++) {
            assertThat(b.propensity()[p]).isLessThanOrEqualTo(b.propensity()[p - 1]);
        }
    }

    private static long sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return Math.round(s);
    }
}
